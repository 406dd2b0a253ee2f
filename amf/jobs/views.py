"""A background job's page, its status for the page's script, its file, and a retry.

Every address answers only the user who started the job (and superusers); to anyone else
a job does not exist (404), so that ids reveal nothing.
"""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from amf.downloads import file_download
from amf.jobs.kinds import kind_of
from amf.jobs.services import job_can_retry, job_retry
from amf.models import Job, JobFile, WorkerHeartbeat


def visible_job(request, job_id) -> Job:
    return get_object_or_404(
        Job.objects.visible_to(request.user).select_related("forum"), pk=job_id
    )


def count_text(job: Job) -> str:
    if not job.progress_total:
        return (
            formats.number_format(job.progress_done, force_grouping=True)
            if job.progress_done
            else ""
        )
    return _("%(done)s of %(total)s") % {
        "done": formats.number_format(job.progress_done, force_grouping=True),
        "total": formats.number_format(job.progress_total, force_grouping=True),
    }


def worker_alive() -> bool:
    lease = dt.timedelta(seconds=settings.JOBS_WORKER_LEASE_SECONDS)
    return WorkerHeartbeat.objects.filter(seen_at__gte=timezone.now() - lease).exists()


def job_page(model_admin, request, job_id):
    job = visible_job(request, job_id)
    kind = kind_of(job)
    file = JobFile.objects.filter(job=job).defer("data").first()
    technical = ""
    if request.user.is_superuser and job.state == Job.State.FAILED and job.task_id:
        technical = (
            DBTaskResult.objects.filter(id=job.task_id).values_list("traceback", flat=True).first()
            or ""
        )
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Job._meta,
        "title": job.title,
        "job": job,
        "kind_label": kind.label if kind else job.kind,
        "outcome_template": kind.template if kind and job.is_finished else "",
        "count": count_text(job),
        "file": file,
        "can_retry": job_can_retry(job),
        "worker_alive": job.is_finished or worker_alive(),
        "technical": technical,
        "has_change_permission": False,
    }
    return TemplateResponse(request, "amf/job_detail.html", context)


SAFE = ("GET", "HEAD")


def job_status(model_admin, request, job_id):
    """What the job page's script needs to show progress, as JSON."""
    if request.method not in SAFE:
        return HttpResponseNotAllowed(SAFE)
    job = visible_job(request, job_id)
    return JsonResponse(
        {
            "state": job.state,
            "state_label": str(job.get_state_display()),
            "finished": job.is_finished,
            "done": job.progress_done,
            "total": job.progress_total,
            "count": count_text(job),
            "message": job.message,
        },
        headers={"Cache-Control": "no-store"},
    )


def job_download(model_admin, request, job_id):
    if request.method not in SAFE:
        return HttpResponseNotAllowed(SAFE)
    job = visible_job(request, job_id)
    file = JobFile.objects.filter(job=job, job__state=Job.State.SUCCEEDED).first()
    if file is None:
        raise Http404(_("This job's file is no longer kept."))
    data = file.data
    return file_download(
        data.tobytes() if isinstance(data, memoryview) else bytes(data),
        filename=file.name,
        content_type=file.content_type,
    )


def job_retry_view(model_admin, request, job_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    job = visible_job(request, job_id)
    if job_retry(job=job):
        messages.success(request, _("The job was started again."))
    else:
        messages.error(request, _("This job cannot be started again; start a new one."))
    return HttpResponseRedirect(reverse("admin:amf_job_change", args=[job.pk]))
