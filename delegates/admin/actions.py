"""Bulk actions on the participation list: registration, badges, exports and printouts.

Files of up to JOBS_INLINE_MAX_ROWS delegates are made while the user waits, as one expects
of a click; larger ones are made by a background job, whose page shows its progress and
then offers the file.
"""

import io

from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from amf import downloads
from amf.downloads import file_download
from delegates.admin.person import can_export_contact_details
from delegates.jobs import file_name, participations_export_start
from delegates.models import Participation
from delegates.services import exports
from delegates.services.registration import (
    participations_issue_badges,
    participations_set_status,
)
from delegates.services.seating_prints import place_cards_pdf


def _download(content, stem: str, extension: str, content_type: str):
    return file_download(content, filename=file_name(stem, extension), content_type=content_type)


def in_background(modeladmin, request, queryset, output: str, plan=None):
    """For a large selection, start a job making the file and go to its page; else None."""
    if queryset.count() <= settings.JOBS_INLINE_MAX_ROWS:
        return None
    job = participations_export_start(
        user=request.user, participations=queryset, output=output, plan=plan
    )
    modeladmin.message_user(
        request,
        _("The file is being made in the background; this page shows how far it got."),
        messages.INFO,
    )
    return HttpResponseRedirect(reverse("admin:amf_job_change", args=[job.pk]))


STATUS_DESCRIPTIONS = {
    Participation.RegistrationStatus.INVITED: _("Mark selected as invited"),
    Participation.RegistrationStatus.REGISTERED: _("Mark selected as registered"),
    Participation.RegistrationStatus.CONFIRMED: _("Mark selected as confirmed"),
    Participation.RegistrationStatus.CANCELLED: _("Mark selected as cancelled"),
}


def status_action(status: Participation.RegistrationStatus):
    """An action setting the selected participations' registration status to `status`."""

    @admin.action(permissions=["change"], description=STATUS_DESCRIPTIONS[status])
    def action(modeladmin, request, queryset):
        changed = participations_set_status(
            participations=queryset, status=status.value, user=request.user
        )
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d participation marked as “%(status)s”.",
                "%(count)d participations marked as “%(status)s”.",
                changed,
            )
            % {"count": changed, "status": status.label},
            messages.SUCCESS,
        )

    action.__name__ = f"mark_{status.value}"
    return action


STATUS_ACTIONS = [status_action(status) for status in Participation.RegistrationStatus]


@admin.action(permissions=["change"], description=_("Record badges as issued"))
def issue_badges(modeladmin, request, queryset):
    changed = participations_issue_badges(participations=queryset, issued=True, user=request.user)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d badge recorded as issued.", "%(count)d badges recorded as issued.", changed
        )
        % {"count": changed},
        messages.SUCCESS,
    )


@admin.action(permissions=["change"], description=_("Record badges as not issued"))
def withdraw_badges(modeladmin, request, queryset):
    changed = participations_issue_badges(participations=queryset, issued=False, user=request.user)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d badge recorded as not issued.",
            "%(count)d badges recorded as not issued.",
            changed,
        )
        % {"count": changed},
        messages.SUCCESS,
    )


@admin.action(permissions=["view"], description=_("Export selected delegates (CSV)"))
def export_csv(modeladmin, request, queryset):
    if response := in_background(modeladmin, request, queryset, "delegates_csv"):
        return response
    stream = exports.delegates_export_stream(
        participations=queryset,
        include_contacts=can_export_contact_details(request.user),
        user=request.user,
    )
    return _download(stream, "delegates", "csv", downloads.CSV)


@admin.action(permissions=["view"], description=_("Export selected delegates (XLSX)"))
def export_xlsx(modeladmin, request, queryset):
    if response := in_background(modeladmin, request, queryset, "delegates_xlsx"):
        return response
    out = io.BytesIO()
    exports.delegates_export(
        participations=queryset,
        fmt=exports.XLSX,
        out=out,
        include_contacts=can_export_contact_details(request.user),
        user=request.user,
    )
    return _download(out.getvalue(), "delegates", "xlsx", downloads.XLSX)


@admin.action(permissions=["view"], description=_("Delegate list in protocol order (PDF)"))
def list_pdf(modeladmin, request, queryset):
    if response := in_background(modeladmin, request, queryset, "list_pdf"):
        return response
    pdf = exports.delegate_list_pdf(participations=queryset, user=request.user)
    return _download(pdf, "delegate-list", "pdf", downloads.PDF)


@admin.action(permissions=["view"], description=_("Delegate list in protocol order (CSV)"))
def list_csv(modeladmin, request, queryset):
    if response := in_background(modeladmin, request, queryset, "list_csv"):
        return response
    stream = exports.delegate_list_csv(participations=queryset, user=request.user)
    return _download(stream, "delegate-list", "csv", downloads.CSV)


def badges_action(layout: str, description):
    @admin.action(permissions=["view"], description=description)
    def action(modeladmin, request, queryset):
        if response := in_background(modeladmin, request, queryset, f"badges_{layout}"):
            return response
        pdf = exports.badges_pdf(participations=queryset, layout=layout, user=request.user)
        return _download(pdf, "badges", "pdf", downloads.PDF)

    action.__name__ = f"badges_{layout}"
    return action


@admin.action(permissions=["view"], description=_("Print place cards (tent cards, A4)"))
def place_cards(modeladmin, request, queryset):
    if response := in_background(modeladmin, request, queryset, "place_cards"):
        return response
    pdf = place_cards_pdf(participations=queryset, user=request.user)
    return _download(pdf, "place-cards", "pdf", downloads.PDF)


BADGE_ACTIONS = [
    badges_action("a6", _("Print name badges (A6, one a page)")),
    badges_action("a4", _("Print name badges (four to an A4 page)")),
]

ACTIONS = [
    *STATUS_ACTIONS,
    issue_badges,
    withdraw_badges,
    *BADGE_ACTIONS,
    place_cards,
    list_pdf,
    list_csv,
    export_csv,
    export_xlsx,
]
