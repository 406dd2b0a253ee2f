"""The bulletin's workflow, PDFs and compilation in the admin: thin views over the services."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from amf import downloads
from amf.downloads import file_download
from reports.document import LANGUAGES
from reports.exports import compilation_csv
from reports.forms import CompilationForm
from reports.jobs import bulletins_compile_start, compilation_name
from reports.models import Bulletin, BulletinRevision
from reports.pdfs import DOCUMENT_RELATED, bulletin_pdf, compilation_pdf, pdf_filename, revision_pdf
from reports.services import STEPS, bulletin_step


def error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You do not have permission to do that.")


def run_step(request, bulletin: Bulletin, step: str, note: str = "") -> bool:
    """Move one bulletin a step along, telling the user what happened; True if it moved."""
    try:
        bulletin_step(bulletin=bulletin, user=request.user, step=step, note=note)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, f"{bulletin}: {error_text(error)}")
        return False
    messages.success(request, STEPS[step].done % {"bulletin": bulletin})
    return True


def workflow_view(model_admin, request, object_id: str, step: str):
    """POST only: take a workflow step on one bulletin and return to its page."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if step not in STEPS:
        raise Http404(_("There is no workflow step “%(step)s”.") % {"step": step})
    bulletin = get_object_or_404(Bulletin, pk=object_id)
    if not model_admin.has_view_permission(request, bulletin):
        raise PermissionDenied
    # Refused outright, not merely reported: a step is a write that needs its permission.
    if not request.user.has_perm(STEPS[step].permission):
        raise PermissionDenied(STEPS[step].denied)
    note = request.POST.get("note", "")[:2000] if STEPS[step].takes_note else ""
    run_step(request, bulletin, step, note)
    return redirect("admin:reports_bulletin_change", bulletin.pk)


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    return file_download(content, filename=filename, content_type=downloads.PDF)


def check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise Http404(_("There is no PDF in “%(language)s”.") % {"language": language})


def pdf_view(model_admin, request, object_id: str, language: str):
    """Any bulletin, whatever its status, as the Governor's PDF."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    check_language(language)
    bulletin = get_object_or_404(Bulletin.objects.select_related(*DOCUMENT_RELATED), pk=object_id)
    if not model_admin.has_view_or_change_permission(request, bulletin):
        raise PermissionDenied
    return pdf_response(
        bulletin_pdf(bulletin, language=language), pdf_filename(bulletin, language=language)
    )


def revision_pdf_view(model_admin, request, object_id: str, language: str):
    """An earlier revision as it read then."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    check_language(language)
    revision = get_object_or_404(BulletinRevision, pk=object_id)
    if not model_admin.has_view_permission(request, revision):
        raise PermissionDenied
    filename = f"bulletin-{revision.bulletin_id}-rev{revision.number}-{language}.pdf"
    return pdf_response(revision_pdf(revision, language=language), filename)


def compile_view(model_admin, request):
    """Pick a date range: all bulletins acknowledged in it as one PDF or as CSV.

    Up to JOBS_INLINE_MAX_BULLETINS bulletins come at once; more are compiled by a
    background job, started by a POST (the page offers it), whose page offers the file.
    """
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    form = CompilationForm((request.POST if request.method == "POST" else request.GET) or None)
    waiting = 0
    if form.is_valid():
        data = form.cleaned_data
        bulletins = (
            Bulletin.objects.acknowledged_between(data["start"], data["end"])
            .select_related(*DOCUMENT_RELATED)
            .with_follow_up_counts()
        )
        count = bulletins.count()
        if count > settings.JOBS_INLINE_MAX_BULLETINS:
            if request.method != "POST":
                waiting = count
            else:
                job = bulletins_compile_start(
                    user=request.user,
                    start=data["start"],
                    end=data["end"],
                    language=data["language"],
                    fmt=data["format"],
                    count=count,
                )
                return redirect("admin:amf_job_change", job.pk)
        else:
            filename = compilation_name(
                start=data["start"], end=data["end"], language=data["language"], fmt=data["format"]
            )
            if data["format"] == "csv":
                return file_download(
                    compilation_csv(bulletins, language=data["language"]),
                    filename=filename,
                    content_type=downloads.CSV,
                )
            content = compilation_pdf(
                list(bulletins), start=data["start"], end=data["end"], language=data["language"]
            )
            return pdf_response(content, filename)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Compile bulletins"),
        "form": form,
        "waiting": waiting,
    }
    return TemplateResponse(request, "admin/reports/bulletin/compile.html", context)
