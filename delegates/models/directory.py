from django.db import models
from django.utils.translation import gettext_lazy as _

from amf.collation import thai_order
from delegates.countries import country_name_key, official_names


class CountryQuerySet(models.QuerySet):
    def asean(self):
        """The ASEAN member states."""
        return self.filter(is_asean_member=True)

    def lookup(self) -> dict[str, "Country"]:
        """Every country keyed by its codes and its names (Thai, English, ISO official)."""
        aliases = official_names()
        table = {}
        for country in self:
            names = [country.code, country.code3, country.name_th, country.name_en]
            for name in [*names, *aliases.get(country.code, ())]:
                if name:
                    table.setdefault(country_name_key(name), country)
        return table

    def in_thai_order(self):
        """Countries sorted by their Thai names in Thai dictionary order."""
        return self.order_by(thai_order("name_th", using=self.db), "code")


class Country(models.Model):
    """A country, identified by its ISO 3166-1 codes."""

    code = models.CharField(_("ISO 3166-1 alpha-2 code"), max_length=2, unique=True)
    code3 = models.CharField(_("ISO 3166-1 alpha-3 code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)
    is_asean_member = models.BooleanField(_("ASEAN member state"), default=False)

    objects = CountryQuerySet.as_manager()

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[A-Z]{2}$"),
                name="country_code_is_two_capitals",
                violation_error_message=_("The ISO code is two capital letters, e.g. TH."),
            ),
            models.CheckConstraint(
                condition=models.Q(code3__regex=r"^[A-Z]{3}$"),
                name="country_code3_is_three_capitals",
                violation_error_message=_("The ISO code is three capital letters, e.g. THA."),
            ),
        ]

    def __str__(self):
        return self.name


class OrganisationQuerySet(models.QuerySet):
    def in_thai_order(self):
        """Organisations sorted by their Thai names in Thai dictionary order."""
        return self.order_by(thai_order("name_th", using=self.db), "pk")


class Organisation(models.Model):
    """A body people belong to or forums are held by: a city, ministry, UN body, embassy…"""

    class Kind(models.TextChoices):
        LOCAL_GOVERNMENT = "local_government", _("City or local government")
        NATIONAL_GOVERNMENT = "national_government", _("National government")
        UN_BODY = "un_body", _("UN body")
        INTERNATIONAL = "international", _("International organisation")
        EMBASSY = "embassy", _("Embassy or diplomatic mission")
        ACADEMIA = "academia", _("Academia")
        PRIVATE_SECTOR = "private_sector", _("Private sector")

    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("type"), max_length=24, choices=Kind.choices)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("country"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("part of"),
        help_text=_("The larger body this one belongs to, e.g. an office of a city government."),
    )
    website = models.URLField(_("website"), blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name
