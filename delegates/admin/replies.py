"""The delegates' replies in the participation admin: what changed since staff last looked,
and the personal links (issued and revoked by those who change participations: Registrars).

The replies themselves (needs, travel, passport) are personal data: the participation admin
shows them, their column and their filter only to users allowed contact details.
"""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from delegates.models import AccessLink
from delegates.services.links import access_link_url, access_links_issue, access_links_revoke
from delegates.services.replies import participations_mark_seen


class DelegateChangesFilter(admin.SimpleListFilter):
    """Participations whose delegate changed something on their page."""

    title = _("changes by the delegate")
    parameter_name = "delegate_changes"

    def lookups(self, request, model_admin):
        return [("unseen", _("Not seen yet")), ("any", _("Any"))]

    def queryset(self, request, queryset):
        if self.value() == "unseen":
            return queryset.changed_by_delegate_since_seen()
        if self.value() == "any":
            return queryset.exclude(delegate_changed_at=None)
        return queryset


class DelegateRepliesAdminMixin:
    """The participation admin's columns and fields about the delegate's replies."""

    @admin.display(description=_("delegate's changes"), ordering="delegate_changed_at")
    def delegate_changes(self, participation):
        """Whether the delegate changed something staff have not marked as seen, linked to
        the history, which shows each change; the time in the link's title. Short, so that
        the list still fits an office laptop's screen."""
        if participation.delegate_changed_at is None:
            return "-"
        when = formats.localize(timezone.localtime(participation.delegate_changed_at))
        url = reverse("admin:delegates_participation_history", args=[participation.pk])
        if participation.changed_since_seen:
            return format_html(
                '<a href="{}" title="{}"><strong>{}</strong></a>', url, when, _("new")
            )
        return format_html('<a href="{}" title="{}">{}</a>', url, when, _("seen"))

    @admin.display(description=_("personal link"))
    def personal_link(self, participation):
        """The live personal link, in Thai and in English, to give the delegate."""
        link = (
            AccessLink.objects.active().filter(participation_id=participation.pk).first()
            if participation.pk
            else None
        )
        if link is None:
            return _("None. Select the participation in the list and issue one.")
        return format_html(
            '<a href="{}" rel="noreferrer">{}</a> · <a href="{}" rel="noreferrer">{}</a>',
            access_link_url(link=link, language="th"),
            _("Thai"),
            access_link_url(link=link, language="en"),
            _("English"),
        )


@admin.action(permissions=["change"], description=_("Issue personal links to selected delegates"))
def issue_links(modeladmin, request, queryset):
    issued = access_links_issue(participations=queryset, user=request.user)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d new personal link issued; the others already had one.",
            "%(count)d new personal links issued; the others already had one.",
            issued,
        )
        % {"count": issued},
        messages.SUCCESS,
    )


@admin.action(
    permissions=["change"], description=_("Revoke the personal links of selected delegates")
)
def revoke_links(modeladmin, request, queryset):
    revoked = access_links_revoke(participations=queryset, user=request.user)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d personal link revoked: it opens nothing any more.",
            "%(count)d personal links revoked: they open nothing any more.",
            revoked,
        )
        % {"count": revoked},
        messages.SUCCESS,
    )


@admin.action(permissions=["change"], description=_("Mark the delegates' changes as seen"))
def mark_seen(modeladmin, request, queryset):
    marked = participations_mark_seen(participations=queryset)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d participation's changes marked as seen.",
            "%(count)d participations' changes marked as seen.",
            marked,
        )
        % {"count": marked},
        messages.SUCCESS,
    )


REPLY_ACTIONS = [issue_links, revoke_links, mark_seen]
