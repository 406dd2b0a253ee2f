"""Background jobs: what a user asked the worker to do, how far it got, and what came of it."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class JobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The jobs `user` may see: their own; a superuser sees everyone's."""
        if user.is_superuser:
            return self
        return self.filter(user=user)

    def unfinished(self):
        return self.filter(state__in=[Job.State.QUEUED, Job.State.RUNNING])

    def results_expired(self, *, now: dt.datetime | None = None):
        """Finished jobs whose file, preview and problems are past their keeping time."""
        return self.filter(expires_at__lte=now or timezone.now())

    def past_history(self, *, now: dt.datetime | None = None):
        """Finished jobs older than the history is kept."""
        cutoff = (now or timezone.now()) - dt.timedelta(days=settings.JOBS_HISTORY_DAYS)
        return self.filter(finished_at__lte=cutoff)


class Job(models.Model):
    """Work that runs on the background worker, never inside a request.

    The task on the queue carries only this row's id; everything the work needs is here as
    plain values (`params`), and the work writes back its progress, outcome, problems and
    file. Messages are in the language of the user who started it.
    """

    class State(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("job state", "Waiting")
        RUNNING = "running", pgettext_lazy("job state", "Running")
        SUCCEEDED = "succeeded", pgettext_lazy("job state", "Done")
        FAILED = "failed", pgettext_lazy("job state", "Failed")

    kind = models.CharField(_("kind"), max_length=64)
    title = models.CharField(_("title"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
        help_text=_("Empty when a management command started it."),
    )
    forum = models.ForeignKey(
        "events.Forum",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forum"),
    )
    language = models.CharField(_("language"), max_length=8)
    params = models.JSONField(_("parameters"), default=dict)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.QUEUED, db_index=True
    )
    progress_done = models.PositiveIntegerField(_("done"), default=0)
    progress_total = models.PositiveIntegerField(_("out of"), default=0)
    message = models.CharField(_("message"), max_length=500, blank=True)
    errors = models.JSONField(_("problems"), default=list, blank=True)
    outcome = models.JSONField(_("outcome"), default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    task_id = models.CharField(_("queue task"), max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(_("started at"), default=timezone.now, db_index=True)
    started_at = models.DateTimeField(_("running since"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("result kept until"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.SUCCEEDED, self.State.FAILED)

    @property
    def percent(self) -> int | None:
        if not self.progress_total:
            return None
        return min(100, round(100 * self.progress_done / self.progress_total))


class JobFile(models.Model):
    """The file a job produced, kept in the database so any app server can hand it out."""

    job = models.OneToOneField(
        Job, on_delete=models.CASCADE, related_name="file", verbose_name=_("job")
    )
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    data = models.BinaryField(_("contents"))

    class Meta:
        verbose_name = _("job file")
        verbose_name_plural = _("job files")

    def __str__(self):
        return self.name


class WorkerHeartbeat(models.Model):
    """A running worker says it is alive; a job whose worker falls silent is started again."""

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    host = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process id"))
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    seen_at = models.DateTimeField(_("last seen"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")

    def __str__(self):
        return f"{self.host}:{self.pid}"
