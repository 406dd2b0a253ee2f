"""Files around the delegate import: the templates to fill in, and the list of problems a
refused file had. Small views beside the import's own (delegates/admin/views.py)."""

import json

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from amf import downloads
from amf.downloads import file_download
from amf.tabular import csv_bytes
from delegates.admin.person import can_see_contact_details
from delegates.import_template import template_csv, template_xlsx

# A refused file lists at most this many problems (the import stops looking further).
MAX_PROBLEMS = 20000


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


@require_POST
def import_problems(request, model_admin=None):
    """The problems of a refused file, as the preview listed them, as CSV.

    The preview posts them back (they are not kept anywhere); only their shape is checked,
    and the CSV writer neutralises anything that looks like a formula.
    """
    if not may_import(request, model_admin):
        raise PermissionDenied
    try:
        problems = json.loads(request.POST.get("problems", ""))
    except ValueError:
        return HttpResponseBadRequest(_("The list of problems is not readable."))
    if not isinstance(problems, list) or len(problems) > MAX_PROBLEMS:
        return HttpResponseBadRequest(_("The list of problems is not readable."))
    rows = []
    for problem in problems:
        if not (isinstance(problem, list) and len(problem) == 3):
            return HttpResponseBadRequest(_("The list of problems is not readable."))
        row, column, message = problem
        if not (
            (row is None or isinstance(row, int))
            and (column is None or isinstance(column, str))
            and isinstance(message, str)
        ):
            return HttpResponseBadRequest(_("The list of problems is not readable."))
        rows.append(["" if row is None else row, column or "", message])
    return file_download(
        csv_bytes([_("Row"), _("Column"), _("Problem")], rows),
        filename="delegate-import-problems.csv",
        content_type=downloads.CSV,
    )
