import datetime as dt
import zoneinfo

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from amf.admin import HistoryAdmin, ReadOnlyAdminMixin, TabbedTranslationAdmin
from amf.dates import format_date
from delegates.admin import import_files, logistics, views
from delegates.admin.actions import ACTIONS
from delegates.admin.letters import (
    IssuedLetterInline,
    issue_letters,
    may_issue_letters,
    participation_letters,
)
from delegates.admin.mail import (
    OutgoingEmailInline,
    invitation_preview,
    last_email,
    may_send,
    send_invitations,
    send_message,
)
from delegates.admin.person import CONTACT_FIELDS, CONTACT_PERMISSION, PersonSearchMixin
from delegates.admin.registration_actions import REGISTRATION_ACTIONS
from delegates.admin.replies import (
    REPLY_ACTIONS,
    DelegateChangesFilter,
    DelegateRepliesAdminMixin,
)
from delegates.admin.views import is_number
from delegates.models import Country, ForumPartner, Participation, SelfRegistration, SessionRole
from delegates.models.mail import latest_email
from delegates.models.participation import LISTED_COUNTRY_RELATIONS
from delegates.models.replies import NEEDS_FIELDS, RESPONSE_FIELDS, TRAVEL_FIELDS, VISA_FIELDS
from events.admin.writes import ServiceWritesAdmin
from events.models import Session


@admin.register(ForumPartner)
class ForumPartnerAdmin(ServiceWritesAdmin, TabbedTranslationAdmin):
    list_display = ["organisation", "role", "forum", "order"]
    list_filter = ["role", "forum"]
    list_select_related = ["organisation", "forum"]
    search_fields = ["organisation__name_th", "organisation__name_en", "organisation__acronym"]
    autocomplete_fields = ["forum", "organisation"]
    fields = ["forum", "organisation", "role", "order", "note"]


class ListedCountryFilter(admin.SimpleListFilter):
    """The country participations are listed under, which may be their delegation's."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        listed = model_admin.get_queryset(request).order_by().values("listed_country_id")
        return [
            (country.pk, str(country))
            for country in Country.objects.filter(pk__in=listed).in_thai_order()
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not is_number(value):
            return queryset.none()
        return queryset.filter(listed_country_id=int(value))


class SelfRegistrationInline(ReadOnlyAdminMixin, admin.StackedInline):
    """What the registrant sent on the public form, and the office's decision: read only."""

    model = SelfRegistration
    fields = ["organisation_name", "submitted_at", "decided_at", "decided_by",
              "decline_reason"]  # fmt: skip
    readonly_fields = fields
    can_delete = False
    extra = 0
    max_num = 0


class SpeakingDayFilter(admin.SimpleListFilter):
    """Delegates who speak or chair on a day of their forum (e.g. to write to them all)."""

    title = _("speaks on")
    parameter_name = "speaks_on"

    def sessions_with_speakers(self, request):
        sessions = Session.objects.filter(roles__isnull=False).distinct()
        forum_id = request.GET.get("forum__id__exact", "")
        if is_number(forum_id):
            sessions = sessions.filter(forum_id=int(forum_id))
        return sessions.values_list("pk", "starts_at", "forum__time_zone")

    @staticmethod
    def local_day(starts_at, time_zone) -> dt.date:
        return starts_at.astimezone(zoneinfo.ZoneInfo(time_zone)).date()

    def lookups(self, request, model_admin):
        days = sorted(
            {
                self.local_day(starts_at, zone)
                for _pk, starts_at, zone in self.sessions_with_speakers(request)
            }
        )
        return [(day.isoformat(), format_date(day)) for day in days]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        try:
            day = dt.date.fromisoformat(self.value())
        except ValueError:
            return queryset.none()
        sessions = [
            pk
            for pk, starts_at, zone in self.sessions_with_speakers(request)
            if self.local_day(starts_at, zone) == day
        ]
        speaking = SessionRole.objects.filter(
            person=OuterRef("person"), session__in=sessions, session__forum=OuterRef("forum")
        )
        return queryset.filter(Exists(speaking))


@admin.register(Participation)
class ParticipationAdmin(
    DelegateRepliesAdminMixin, PersonSearchMixin, HistoryAdmin, ServiceWritesAdmin
):
    change_list_template = "delegates/participation_change_list.html"
    list_display = [
        "person",
        "forum",
        "listed_country",
        "delegation",
        "role",
        "registration_status",
        "badge_issued",
        "precedence",
        "consents_to_public_listing",
        "consents_to_photographs",
        "email",
        "phone",
    ]
    # The delegate's replies are personal data too (health, travel, passport): only those
    # allowed contact details see them, in the form, the list, its filters and the history.
    restricted_fields = dict.fromkeys(
        [
            *CONTACT_FIELDS,
            *RESPONSE_FIELDS,
            *NEEDS_FIELDS,
            *TRAVEL_FIELDS,
            *VISA_FIELDS,
            "delegate_changed_at",
            "replies_seen_at",
            "delegate_changes",
            "personal_link",
        ],
        CONTACT_PERMISSION,
    )
    # Big forums are managed here rather than inline, so the common edits are one click.
    list_editable = ["role", "registration_status", "precedence"]
    list_filter = [
        "forum",
        "role",
        "registration_status",
        "badge_issued",
        "consents_to_public_listing",
        "consents_to_photographs",
        ListedCountryFilter,
        DelegateChangesFilter,
        SpeakingDayFilter,
    ]
    list_select_related = ["forum", *LISTED_COUNTRY_RELATIONS]
    search_fields = ["delegation__name_th", "delegation__name_en", "delegation__acronym"]
    autocomplete_fields = [
        "forum",
        "person",
        "delegation",
        "country",
        "accompanies",
        "passport_nationality",
    ]
    readonly_fields = [
        "badge_issued_at",
        "created_at",
        "updated_at",
        "delegate_changed_at",
        "replies_seen_at",
        "personal_link",
    ]
    actions = [
        *ACTIONS,
        *REPLY_ACTIONS,
        *REGISTRATION_ACTIONS,
        send_invitations,
        send_message,
        issue_letters,
    ]
    inlines = [SelfRegistrationInline, OutgoingEmailInline, IssuedLetterInline]
    fieldsets = [
        (None, {"fields": ["forum", "person", "role", "delegation", "country"]}),
        (
            _("Registration"),
            {"fields": ["registration_status", "precedence", "badge_issued", "badge_issued_at"]},
        ),
        (
            _("Consent"),
            {
                "fields": [
                    "consents_to_public_listing",
                    "consent_recorded_on",
                    "consents_to_photographs",
                    "photograph_consent_recorded_on",
                ]
            },
        ),
        (
            _("Reply and personal link"),
            {
                "fields": [
                    *RESPONSE_FIELDS,
                    "accompanies",
                    "personal_link",
                    "delegate_changed_at",
                    "replies_seen_at",
                ]
            },
        ),
        (_("Needs"), {"fields": list(NEEDS_FIELDS)}),
        (_("Travel and hotel"), {"fields": list(TRAVEL_FIELDS)}),
        (_("Visa support letter"), {"fields": list(VISA_FIELDS)}),
        (_("Record"), {"fields": ["created_at", "updated_at"]}),
    ]

    def get_list_display(self, request):
        columns = super().get_list_display(request)
        if DelegateChangesFilter.parameter_name in request.GET and request.user.has_perm(
            CONTACT_PERMISSION
        ):
            # Listing the delegates' changes: each row links to its history, which shows
            # them. Not on the everyday list, which must still fit an office laptop.
            return [*columns, "delegate_changes"]
        return columns

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        if request.user.has_perm(CONTACT_PERMISSION):
            return filters
        # What delegates changed is theirs: no count of it for those who may not read it.
        return [item for item in filters if item is not DelegateChangesFilter]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).with_country()
        if may_send(request.user):
            queryset = queryset.annotate(
                last_email_state=latest_email("state"), last_email_kind=latest_email("kind")
            )
        return queryset

    def has_send_permission(self, request):
        return may_send(request.user)

    def has_issue_letters_permission(self, request):
        return may_issue_letters(request.user)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["may_send"] = obj is not None and may_send(request.user)
        context["may_issue_letters"] = obj is not None and may_issue_letters(request.user)
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description=_("country"), ordering="listed_country_id")
    def listed_country(self, participation):
        return participation.find_listed_country() or "-"

    @admin.display(description=_("email"), ordering="person__email")
    def email(self, participation):
        # With the address, how the latest email to it went (for those who write to
        # delegates, whose list is annotated with it): no column of its own on a full list.
        if getattr(participation, "last_email_state", None):
            return format_html("{}<br>{}", participation.person.email, last_email(participation))
        return participation.person.email

    @admin.display(description=_("phone"), ordering="person__phone")
    def phone(self, participation):
        return participation.person.phone

    def get_urls(self):
        def page(view_class):
            view = view_class.as_view(model_admin=self)
            return self.admin_site.admin_view(view)

        def statistics_csv(request, forum_id):
            return views.statistics_csv(request, forum_id, model_admin=self)

        def import_template(request, file_format):
            return import_files.import_template(request, file_format, model_admin=self)

        def import_problems(request, job_id):
            return import_files.import_problems(request, job_id, model_admin=self)

        def invitation(request, object_id):
            return invitation_preview(self, request, object_id)

        def logistics_download(request, forum_id):
            return logistics.logistics_download(request, forum_id, model_admin=self)

        def letters(request, object_id):
            return participation_letters(self, request, object_id)

        return [
            path("import/", page(views.ImportView), name="delegates_participation_import"),
            path(
                "<path:object_id>/invitation/",
                self.admin_site.admin_view(invitation),
                name="delegates_participation_invitation",
            ),
            path(
                "<path:object_id>/letters/",
                self.admin_site.admin_view(letters),
                name="delegates_participation_letters",
            ),
            path(
                "import/template.<str:file_format>",
                self.admin_site.admin_view(import_template),
                name="delegates_participation_import_template",
            ),
            path(
                "import/<int:job_id>/problems.csv",
                self.admin_site.admin_view(import_problems),
                name="delegates_participation_import_problems",
            ),
            path("check-in/", page(views.CheckInView), name="delegates_participation_check_in"),
            path(
                "statistics/",
                page(views.StatisticsView),
                name="delegates_participation_statistics_forums",
            ),
            path(
                "statistics/<int:forum_id>/",
                page(views.StatisticsView),
                name="delegates_participation_statistics",
            ),
            path(
                "statistics/<int:forum_id>/csv/",
                self.admin_site.admin_view(statistics_csv),
                name="delegates_participation_statistics_csv",
            ),
            path(
                "logistics/",
                page(logistics.LogisticsForumsView),
                name="delegates_participation_logistics_forums",
            ),
            path(
                "logistics/<int:forum_id>/",
                page(logistics.LogisticsView),
                name="delegates_participation_logistics",
            ),
            path(
                "logistics/<int:forum_id>/download/",
                self.admin_site.admin_view(logistics_download),
                name="delegates_participation_logistics_download",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        forum_id = request.GET.get("forum__id__exact", "")
        extra_context = {
            **(extra_context or {}),
            "forum_id": forum_id if is_number(forum_id) else "",
            "may_see_lists": logistics.may_see_lists(self, request),
        }
        return super().changelist_view(request, extra_context)


@admin.register(SessionRole)
class SessionRoleAdmin(PersonSearchMixin, ServiceWritesAdmin, TabbedTranslationAdmin):
    list_display = ["person", "role", "session", "session_forum", "order"]
    list_filter = ["role", "session__forum"]
    list_select_related = ["person", "session__forum"]
    search_fields = ["session__title_th", "session__title_en"]
    autocomplete_fields = ["session", "person"]
    fields = ["session", "person", "role", "order", "contribution"]

    @admin.display(description=_("forum"), ordering="session__forum")
    def session_forum(self, role):
        return role.session.forum
