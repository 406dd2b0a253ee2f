"""Approving and declining registrations awaiting approval, from the participation list.

Each decision is emailed to the delegate in the language they registered in, through the
outgoing mail queue (`delegates.services.mail`).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from delegates.models import Participation
from delegates.services.self_registration import Decision, registrations_decide


def _report(modeladmin, request, queryset, decided, done: str):
    skipped = queryset.count() - len(decided)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d registration %(done)s; the delegate is told by email.",
            "%(count)d registrations %(done)s; the delegates are told by email.",
            len(decided),
        )
        % {"count": len(decided), "done": done},
        messages.SUCCESS,
    )
    if skipped:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d selected participation was not awaiting approval and was left alone.",
                "%(count)d selected participations were not awaiting approval and were left alone.",
                skipped,
            )
            % {"count": skipped},
            messages.WARNING,
        )


@admin.action(permissions=["change"], description=_("Approve selected registrations"))
def approve_registrations(modeladmin, request, queryset):
    decided = registrations_decide(
        participations=queryset, decision=Decision.APPROVED, user=request.user
    )
    _report(modeladmin, request, queryset, decided, _("approved"))


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional; quoted in the email to the delegate)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )


@admin.action(permissions=["change"], description=_("Decline selected registrations"))
def decline_registrations(modeladmin, request, queryset):
    form = DeclineForm(request.POST if "confirm" in request.POST else None)
    if form.is_bound and form.is_valid():
        decided = registrations_decide(
            participations=queryset,
            decision=Decision.DECLINED,
            user=request.user,
            reason=form.cleaned_data["reason"],
        )
        _report(modeladmin, request, queryset, decided, _("declined"))
        return None
    awaiting = queryset.filter(
        registration_status=Participation.RegistrationStatus.REGISTERED
    ).select_related("person", "forum")
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Decline registrations"),
        "opts": modeladmin.model._meta,
        "form": form,
        "awaiting": awaiting,
        "selected": queryset.values_list("pk", flat=True),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "action": "decline_registrations",
    }
    return TemplateResponse(request, "delegates/participation_decline.html", context)


REGISTRATION_ACTIONS = [approve_registrations, decline_registrations]
