from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Venue(models.Model):
    """A place where forums are held, such as the UN Conference Centre in Bangkok."""

    name = models.CharField(_("name"), max_length=200)
    city = models.CharField(_("city"), max_length=100)
    address = models.TextField(_("address"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def name_and_city(self) -> str:
        """The venue as documents name it: Thai joins with a space, English with a comma."""
        if not self.city or self.city in self.name:
            return self.name
        separator = " " if get_language() == "th" else ", "
        return f"{self.name}{separator}{self.city}"


class RoomManager(models.Manager):
    def get_queryset(self):
        # A room is named by its venue everywhere it is shown, so always fetch both.
        return super().get_queryset().select_related("venue")


class Room(models.Model):
    """A room of a venue in which sessions take place."""

    venue = models.ForeignKey(
        Venue, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("venue")
    )
    name = models.CharField(_("name"), max_length=200)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)

    objects = RoomManager()

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["venue__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["venue", "name"], name="room_name_unique_per_venue"),
        ]

    def __str__(self):
        return f"{self.venue.name}: {self.name}"
