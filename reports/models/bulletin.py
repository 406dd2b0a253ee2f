from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import models
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amf.richtext import RichTextField
from delegates.models import Person
from events.models import Forum


class MissionGroup(models.Model):
    """One of the city's mission groups a bulletin is filed under, e.g. การบริหารจัดการ."""

    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("mission group")
        verbose_name_plural = _("mission groups")
        ordering = ["name"]

    def __str__(self):
        return self.name


# Text searched by the public list, each in its Thai and English column.
SEARCHED_FIELDS = ["title", "meeting_name", "summary", "forum__title", "forum__theme"]


def workflow_actor(verbose_name) -> models.ForeignKey:
    """The user who took a step of the bulletin's workflow; kept as history if they leave."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


class BulletinQuerySet(models.QuerySet):
    def published(self):
        """Bulletins that may appear on the public site: published, about a published forum.

        Publishing needs a published forum; should the forum be withdrawn later, its
        bulletins leave the site with it rather than reveal it.
        """
        return self.filter(status=Bulletin.Status.PUBLISHED, forum__is_published=True)

    def for_listing(self):
        """Bulletins with what a list shows of them, newest publication first."""
        return self.select_related("forum__venue", "mission_group").order_by(
            models.F("published_at").desc(nulls_last=True), "-pk"
        )

    def search(self, query: str):
        """Bulletins whose title, meeting, forum or text mention `query`, in Thai or English."""
        query = query.strip()
        if not query:
            return self
        condition = models.Q()
        for field in SEARCHED_FIELDS:
            for language in ("th", "en"):
                condition |= models.Q(**{f"{field}_{language}__icontains": query})
        return self.filter(condition)

    def of_year(self, year: int):
        """Bulletins about forums that started in `year` (Common Era)."""
        return self.filter(forum__start_date__year=year)

    def forum_years(self) -> list[int]:
        """The years (Common Era) of the forums these bulletins are about, latest first."""
        return list(
            self.order_by()
            .annotate(forum_year=ExtractYear("forum__start_date"))
            .values_list("forum_year", flat=True)
            .distinct()
            .order_by("-forum_year")
        )

    def acknowledged_between(self, start: date, end: date):
        """Bulletins acknowledged (and perhaps since published) on Bangkok days start to end."""
        zone = timezone.get_default_timezone()
        after = datetime.combine(start, time.min, tzinfo=zone)
        before = datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone)
        return self.filter(
            status__in=[Bulletin.Status.ACKNOWLEDGED, Bulletin.Status.PUBLISHED],
            acknowledged_at__gte=after,
            acknowledged_at__lt=before,
        ).order_by("acknowledged_at", "pk")

    def with_follow_up_counts(self):
        """Annotate each bulletin with how many of its actions are in each status."""
        from reports.models.followup import FollowUpAction

        counts = {
            f"actions_{status}": models.Count(
                "follow_up_actions", filter=models.Q(follow_up_actions__status=status)
            )
            for status in FollowUpAction.Status.values
        }
        return self.annotate(actions_total=models.Count("follow_up_actions"), **counts)


class Bulletin(models.Model):
    """The summary of a forum the office writes for the city's executive.

    Venue and dates are the forum's; the bulletin never repeats them.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        PUBLISHED = "published", _("Published")

    forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, related_name="bulletins", verbose_name=_("forum")
    )
    title = models.CharField(_("title"), max_length=400)
    mission_group = models.ForeignKey(
        MissionGroup,
        on_delete=models.PROTECT,
        related_name="bulletins",
        verbose_name=_("mission group"),
    )
    meeting_name = models.CharField(_("meeting name and topic"), max_length=400)
    summary = RichTextField(_("summary"))
    continued_operations = RichTextField(_("continued operations"), blank=True)
    recipient = models.CharField(
        _("recipient"), max_length=200, help_text=_("Whom the bulletin is addressed to.")
    )
    reporter = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="bulletins", verbose_name=_("reporter")
    )
    # The signature block is kept as written: the bulletin is a record of its day even
    # after the reporter changes post.
    reporter_position = models.CharField(_("reporter's position"), max_length=200)
    reporter_division = models.CharField(_("reporter's division"), max_length=200, blank=True)
    reporter_office = models.CharField(_("reporter's office"), max_length=300)
    reporter_phone = models.CharField(_("reporter's office phone"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = workflow_actor(_("submitted by"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = workflow_actor(_("acknowledged by"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = workflow_actor(_("published by"))

    objects = BulletinQuerySet.as_manager()

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        ordering = ["-created_at"]
        permissions = [
            ("submit_bulletin", _("Can submit a bulletin for acknowledgement")),
            ("acknowledge_bulletin", _("Can acknowledge a bulletin")),
            ("publish_bulletin", _("Can publish a bulletin")),
        ]
        constraints = [
            # Each step of the workflow leaves its date behind, so a status without its
            # date (or a later step without the earlier one) cannot be stored.
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(submitted_at__isnull=False),
                name="bulletin_submitted_has_date",
                violation_error_message=_("A submitted bulletin needs its submission date."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "submitted"])
                | models.Q(acknowledged_at__isnull=False),
                name="bulletin_acknowledged_has_date",
                violation_error_message=_(
                    "An acknowledged bulletin needs its acknowledgement date."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="bulletin_published_has_date",
                violation_error_message=_("A published bulletin needs its publication date."),
            ),
        ]

    def __str__(self):
        return self.title
