"""The forum and session admins, completed with who takes part.

The events app may not import this one, so its admins are registered there without
these inlines and replaced here.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationTabularInline

from amf.admin import ListInlineMixin
from delegates.models import (
    ForumPartner,
    ForumRegistration,
    Participation,
    SeatingPlan,
    SessionRole,
)
from events.admin import ForumAdmin, SessionAdmin
from events.models import Forum, Session

# Past this many participants a forum's page links to the participation list instead of
# editing them inline, which would make the page slow to load and save.
PARTICIPATION_INLINE_LIMIT = 100


class ForumPartnerInline(ListInlineMixin, TranslationTabularInline):
    model = ForumPartner
    fields = ["organisation", "role", "note", "order"]
    autocomplete_fields = ["organisation"]
    extra = 0
    classes = ["collapse"]


class ForumParticipationInline(ListInlineMixin, admin.TabularInline):
    model = Participation
    fields = [
        "person",
        "role",
        "delegation",
        "registration_status",
        "precedence",
    ]
    autocomplete_fields = ["person", "delegation"]
    extra = 0
    classes = ["collapse"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).in_protocol_order()


class ForumWithDelegatesAdmin(ForumAdmin):
    readonly_fields = [*ForumAdmin.readonly_fields, "participants"]
    inlines = [*ForumAdmin.inlines, ForumPartnerInline, ForumParticipationInline]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [*fieldsets, (_("Participants"), {"fields": ["participants"]})]

    def get_inlines(self, request, obj):
        inlines = super().get_inlines(request, obj)
        if obj is not None and participation_count(obj) > PARTICIPATION_INLINE_LIMIT:
            return [inline for inline in inlines if inline is not ForumParticipationInline]
        return inlines

    @admin.display(description=_("participants"))
    def participants(self, forum):
        count = participation_count(forum)
        url = reverse("admin:delegates_participation_changelist")
        label = ngettext("%(count)d participant", "%(count)d participants", count) % {
            "count": count
        }
        return format_html(
            '<a href="{}?forum__id__exact={}">{}</a> · <a href="{}?forum={}">{}</a> · '
            '<a href="{}">{}</a> · <a href="{}?forum={}">{}</a> · <a href="{}">{}</a>',
            url,
            forum.pk,
            label,
            reverse("admin:delegates_participation_import"),
            forum.pk,
            _("Import delegates"),
            reverse("admin:delegates_participation_statistics", args=[forum.pk]),
            _("Statistics"),
            reverse("admin:delegates_participation_check_in"),
            forum.pk,
            _("Check-in"),
            registration_settings_url(forum),
            _("Registration"),
        )


def registration_settings_url(forum: Forum) -> str:
    """The forum's registration settings, or the page adding them for it."""
    settings_id = ForumRegistration.objects.filter(forum=forum).values_list("pk", flat=True).first()
    if settings_id is None:
        return f"{reverse('admin:delegates_forumregistration_add')}?forum={forum.pk}"
    return reverse("admin:delegates_forumregistration_change", args=[settings_id])


def participation_count(forum: Forum) -> int:
    """Count the forum's participations once per request's forum object."""
    if not hasattr(forum, "_participation_count"):
        forum._participation_count = forum.participations.count()
    return forum._participation_count


class SessionRoleInline(ListInlineMixin, TranslationTabularInline):
    model = SessionRole
    fields = ["person", "role", "contribution", "order"]
    autocomplete_fields = ["person"]
    extra = 0
    verbose_name = _("speaker, chair or moderator")
    verbose_name_plural = _("speakers, chairs and moderators")


class SessionWithSpeakersAdmin(SessionAdmin):
    inlines = [*SessionAdmin.inlines, SessionRoleInline]
    readonly_fields = [*SessionAdmin.readonly_fields, "seating", "seating_proposal"]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is None:
            return fields
        if seating_plan_id(obj) is not None:
            return [*fields, "seating"]
        if request.user.has_perm("delegates.add_seatingplan"):
            return [*fields, "seating_proposal"]
        return fields

    @admin.display(description=_("seating plan"))
    def seating(self, session):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:delegates_seatingplan_change", args=[seating_plan_id(session)]),
            _("Open the seating plan"),
        )

    @admin.display(description=_("seating plan"))
    def seating_proposal(self, session):
        return format_html(
            '<a href="{}?session={}">{}</a>',
            reverse("admin:delegates_seatingplan_add"),
            session.pk,
            _("Propose a seating plan"),
        )


def seating_plan_id(session: Session) -> int | None:
    """The id of the session's seating plan, read once per request's session object."""
    if not hasattr(session, "_seating_plan_id"):
        session._seating_plan_id = (
            SeatingPlan.objects.filter(session=session).values_list("pk", flat=True).first()
        )
    return session._seating_plan_id


admin.site.unregister(Forum)
admin.site.register(Forum, ForumWithDelegatesAdmin)
admin.site.unregister(Session)
admin.site.register(Session, SessionWithSpeakersAdmin)
