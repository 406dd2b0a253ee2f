"""Uploaded delegate files, kept from their upload until they are imported or expire.

An upload is staged for one forum and one user, and its preview and its import run as
background jobs (delegates/jobs.py) that read the file and the forum from the staged row.
"""

import datetime as dt
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amf.binary import binary_field_write
from amf.jobs.services import housekeeping, job_start
from amf.models import Job
from delegates.models import StagedImport
from events.models import Forum

# A user previewing file after file keeps only this many waiting.
KEPT_PER_USER = 10
PREVIEW, IMPORT = "delegates.import_preview", "delegates.import"


@transaction.atomic
def staged_import_create(*, user, forum: Forum, name: str, data: bytes) -> StagedImport:
    """Keep `data` for `user` to import into `forum`; returns the row.

    Side effects: deletes every expired staged file (anyone's) and this user's oldest files
    beyond the last KEPT_PER_USER.
    """
    now = timezone.now()
    StagedImport.objects.expired(now=now).delete()
    staged = StagedImport.objects.create(
        token=secrets.token_urlsafe(32),
        user=user,
        forum=forum,
        name=name[:255],
        data=b"",
        size=len(data),
        created_at=now,
    )
    binary_field_write(model=StagedImport, pk=staged.pk, field="data", data=data)
    kept = StagedImport.objects.filter(user=user).order_by("-created_at", "-pk")
    stale = kept.values_list("pk", flat=True)[KEPT_PER_USER:]
    StagedImport.objects.filter(pk__in=list(stale)).delete()
    return staged


@transaction.atomic
def staged_import_preview(*, user, forum: Forum, name: str, data: bytes) -> Job:
    """Stage an uploaded file and start the background job that previews its import.

    Side effects: a StagedImport (see staged_import_create) and a queued Job.
    """
    staged = staged_import_create(user=user, forum=forum, name=name, data=data)
    return job_start(
        kind=PREVIEW,
        title=_("Preview of the import of %(file)s") % {"file": staged.name},
        user=user,
        forum=forum,
        params={"staged_import": staged.pk},
    )


def staged_import_of(job: Job, *, with_data: bool = True) -> StagedImport | None:
    """The unexpired file a preview or import job works on, if it is still kept: only the
    job's own user's, for the job's own forum."""
    staged = StagedImport.objects.fresh().filter(
        pk=job.params.get("staged_import"), user_id=job.user_id, forum_id=job.forum_id
    )
    return (staged if with_data else staged.without_data()).select_related("forum").first()


@transaction.atomic
def staged_import_confirm(*, preview: Job, user) -> Job | None:
    """Start importing the file that `preview` previewed, into the forum it was staged for.

    Only the user who previewed it may; None if the file is gone or the preview found
    problems. Confirming again returns the import already started. Side effects: a queued
    import Job, linked from the staged file.
    """
    if (
        preview.kind != PREVIEW
        or preview.user_id != user.pk
        or preview.state != Job.State.SUCCEEDED
        or preview.outcome.get("issues_total")
    ):
        return None
    staged = (
        StagedImport.objects.fresh()
        .without_data()
        .select_for_update()
        .select_related("forum")
        .filter(pk=preview.params.get("staged_import"), user=user)
        .first()
    )
    if staged is None:
        # Imported already (the file goes once imported), or gone.
        return Job.objects.filter(kind=IMPORT, user=user, params__preview=preview.pk).first()
    if staged.import_job_id is not None:
        return Job.objects.get(pk=staged.import_job_id)
    job = job_start(
        kind=IMPORT,
        title=_("Import of %(file)s") % {"file": staged.name},
        user=user,
        forum=staged.forum,
        params={"staged_import": staged.pk, "preview": preview.pk},
    )
    staged.import_job = job
    staged.save(update_fields=["import_job"])
    return job


def staged_imports_forget(*, forum_ids) -> int:
    """Delete every uploaded file waiting to be imported into these forums (for an
    anonymisation, which must leave no personal data behind); return how many."""
    deleted, _details = StagedImport.objects.filter(forum_id__in=list(forum_ids)).delete()
    return deleted


@housekeeping
def staged_imports_purge(now: dt.datetime) -> int:
    """Delete uploaded files past their lifetime; return how many."""
    deleted, _details = StagedImport.objects.expired(now=now).delete()
    return deleted
