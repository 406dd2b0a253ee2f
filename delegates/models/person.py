from django.db import models
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from amf.collation import thai_order
from amf.richtext import RichTextField
from amf.uploads import IMAGES, CheckedFileField, RandomName
from delegates.models.directory import Organisation
from delegates.names import full_name, name_search_q

# The languages AMF writes to delegates in.
EMAIL_LANGUAGES = [("th", _("Thai")), ("en", _("English"))]

NAME_FIELDS = [
    f"{field}_{lang}" for field in ("honorific", "first_name", "last_name") for lang in ("th", "en")
]


def thai_name_sort_key(field: str):
    """The Thai spelling of a name field, or the English one for people with no Thai name."""
    return Coalesce(NullIf(f"{field}_th", models.Value("")), f"{field}_en")


class PersonQuerySet(models.QuerySet):
    def search(self, query: str):
        """People whose Thai or English name matches every word of `query`, titles optional."""
        # No name holds a NUL, and PostgreSQL refuses to compare text holding one.
        query = query.replace("\x00", "")
        if not query.strip():
            return self
        return self.filter(name_search_q(query, NAME_FIELDS))

    def in_thai_order(self):
        """People by given name, then family name, in Thai dictionary order.

        Thai directories sort by given name; people with no Thai name sort by their English one.
        """
        return self.alias(
            sort_first=thai_name_sort_key("first_name"), sort_last=thai_name_sort_key("last_name")
        ).order_by(
            thai_order("sort_first", using=self.db), thai_order("sort_last", using=self.db), "pk"
        )


class Person(models.Model):
    """Someone who takes part in forums: a dignitary, delegate, speaker or staff member."""

    honorific = models.CharField(
        _("honorific or rank"),
        max_length=60,
        blank=True,
        help_text=_("E.g. พลตำรวจเอก / Pol. Gen., ดร. / Dr., นาย / Mr."),
    )
    first_name = models.CharField(_("given name"), max_length=100)
    last_name = models.CharField(_("family name"), max_length=100, blank=True)
    position = models.CharField(_("position"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language for email"),
        max_length=2,
        choices=EMAIL_LANGUAGES,
        default="th",
        help_text=_("The language of the emails AMF sends this person."),
    )
    bio = RichTextField(_("short biography"), blank=True)
    photo = CheckedFileField(
        _("photo"),
        upload_to=RandomName("photos"),
        kinds=IMAGES,
        photo=True,
        max_length=200,
        blank=True,
        help_text=_(
            "A JPEG, PNG or WebP portrait, stored without its metadata (camera, location). "
            "Shown on a forum's pages only where the person consents to photographs there."
        ),
    )
    anonymised_at = models.DateTimeField(
        _("anonymised"),
        null=True,
        blank=True,
        help_text=_("When the personal data were removed at the end of the retention period."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["first_name", "last_name"]
        permissions = [
            ("view_contact_details", _("Can see people's contact details")),
            ("export_contact_details", _("Can export people's contact details")),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        """Honorific and name in the active language, written as that language writes them."""
        return full_name(
            self.honorific, self.first_name, self.last_name, thai=get_language() == "th"
        )
