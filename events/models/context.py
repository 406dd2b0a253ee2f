"""What a forum stands in: its priorities, frameworks, outcome documents and related events."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from amf.richtext import RichTextField
from amf.uploads import CheckedFileField, RandomName
from events.models.forum import Forum


class Priority(models.Model):
    """A theme or priority the forum advances, e.g. an element of the ASEAN chairmanship."""

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="priorities", verbose_name=_("forum")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=300)
    description = RichTextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        ordering = ["forum", "order"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "order"], name="priority_order_unique"),
        ]

    def __str__(self):
        return self.title


class Framework(models.Model):
    """A cooperation framework forums relate to, such as the ASEAN Smart Cities Network."""

    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    description = RichTextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("related framework")
        verbose_name_plural = _("related frameworks")
        ordering = ["name"]

    def __str__(self):
        return self.name


class OutcomeDocumentQuerySet(models.QuerySet):
    def public(self):
        """Documents staff marked for the public pages."""
        return self.filter(is_public=True)


class OutcomeDocument(models.Model):
    """A document a forum produced, such as its joint statement: a link, a file, or both."""

    class Kind(models.TextChoices):
        JOINT_STATEMENT = "joint_statement", _("Joint statement")
        DECLARATION = "declaration", _("Declaration")
        CHAIRS_SUMMARY = "chairs_summary", _("Chair's summary")
        REPORT = "report", _("Report")
        OTHER = "other", _("Other")

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="outcome_documents", verbose_name=_("forum")
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    summary = RichTextField(_("summary"), blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    url = models.URLField(_("link"), blank=True)
    file = CheckedFileField(
        _("file"),
        upload_to=RandomName("documents"),
        max_length=200,
        blank=True,
        help_text=_("PDF, Word, PowerPoint, Excel or an image; checked by its content."),
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Whether the document and its file appear on the forum's public page."),
    )

    objects = OutcomeDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("outcome document")
        verbose_name_plural = _("outcome documents")
        ordering = ["forum", "adopted_on", "pk"]

    def __str__(self):
        return self.title


class RelatedEvent(models.Model):
    """Another meeting a forum feeds into or follows from."""

    class Relation(models.TextChoices):
        PRECEDED_BY = "preceded_by", _("Preceding meeting")
        FOLLOW_ON = "follow_on", _("Follow-on meeting")
        ALONGSIDE = "alongside", _("Held alongside")

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="related_events", verbose_name=_("forum")
    )
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)
    title = models.CharField(_("title"), max_length=300)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    description = RichTextField(_("description"), blank=True)
    url = models.URLField(_("link"), blank=True)

    class Meta:
        verbose_name = _("related event")
        verbose_name_plural = _("related events")
        ordering = ["forum", "start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="related_event_ends_on_or_after_start",
                violation_error_message=_("The event cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.title
