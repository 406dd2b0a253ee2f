"""Files around the delegate import: the templates to fill in, and the list of problems a
refused file had (kept by its preview job). Small views beside the import's own
(delegates/admin/views.py)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from amf import downloads
from amf.downloads import file_download
from amf.models import Job
from amf.tabular import csv_bytes
from delegates.admin.person import can_see_contact_details
from delegates.import_template import template_csv, template_xlsx
from delegates.services.staging import PREVIEW


def may_import(request, model_admin) -> bool:
    return model_admin.has_add_permission(request) and model_admin.has_change_permission(request)


@require_safe
def import_template(request, file_format: str, model_admin=None):
    """The delegate list to fill in, as CSV or XLSX, with the columns this user imports."""
    if not may_import(request, model_admin):
        raise PermissionDenied
    include_contacts = can_see_contact_details(request.user)
    if file_format == "csv":
        content, content_type = template_csv(include_contacts=include_contacts), downloads.CSV
    elif file_format == "xlsx":
        content = template_xlsx(include_contacts=include_contacts, language=get_language())
        content_type = downloads.XLSX
    else:
        raise Http404
    return file_download(
        content, filename=f"delegates-template.{file_format}", content_type=content_type
    )


@require_safe
def import_problems(request, job_id: int, model_admin=None):
    """The problems the preview of one of the user's uploads found, as CSV."""
    if not may_import(request, model_admin):
        raise PermissionDenied
    job = get_object_or_404(Job.objects.visible_to(request.user), pk=job_id, kind=PREVIEW)
    problems = (job.outcome or {}).get("problems") or []
    return file_download(
        csv_bytes(
            [_("Row"), _("Column"), _("Problem")],
            [["" if row is None else row, column or "", text] for row, column, text in problems],
        ),
        filename=f"delegate-import-problems-{job.pk}.csv",
        content_type=downloads.CSV,
    )
