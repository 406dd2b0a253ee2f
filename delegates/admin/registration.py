"""The registration settings of forums: when, and for how many, their public form is open."""

from django import forms
from django.contrib import admin
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from amf.admin import GuardedAdmin, LocalTimeAdminMixin, ReadOnlyAdminMixin, TabbedTranslationAdmin
from amf.buddhist_era import DateTimeTextInput
from delegates.models import ForumRegistration, SelfRegistration
from delegates.models.registration import SEAT_HOLDING
from events.admin.writes import ServiceWritesAdmin


class ForumRegistrationForm(forms.ModelForm):
    # One box each, so that the Thai admin shows and reads Buddhist-Era years
    # (amf/buddhist_era.py): "01/07/2562 09:00".
    opens_at = forms.DateTimeField(
        label=_("opens at"), widget=DateTimeTextInput, help_text=_("In the forum's time zone.")
    )
    closes_at = forms.DateTimeField(
        label=_("closes at"), widget=DateTimeTextInput, help_text=_("In the forum's time zone.")
    )

    class Meta:
        model = ForumRegistration
        fields = ["forum", "is_open", "opens_at", "closes_at", "capacity", "note"]

    def clean(self):
        cleaned = super().clean()
        forum = cleaned.get("forum")
        if forum is not None:
            # Times are typed as the forum's own clock shows them; the form read them in the
            # zone of the page (the forum's when changing, the site's when adding).
            current = timezone.get_current_timezone()
            for name in ("opens_at", "closes_at"):
                value = cleaned.get(name)
                if value is not None:
                    local = value.astimezone(current).replace(tzinfo=None)
                    cleaned[name] = timezone.make_aware(local, forum.zone)
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("Registration must close after it opens."))
        return cleaned


@admin.register(ForumRegistration)
class ForumRegistrationAdmin(LocalTimeAdminMixin, ServiceWritesAdmin, TabbedTranslationAdmin):
    form = ForumRegistrationForm
    list_display = ["forum", "is_open", "opens", "closes", "capacity", "seats", "form_link"]
    list_filter = ["is_open"]
    list_select_related = ["forum"]
    search_fields = ["forum__title_th", "forum__title_en", "forum__slug"]
    autocomplete_fields = ["forum"]
    fields = ["forum", "is_open", "opens_at", "closes_at", "capacity", "note"]

    def time_zone_for(self, object_id):
        rows = ForumRegistration.objects.filter(pk=object_id)
        return rows.values_list("forum__time_zone", flat=True).first()

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("is_open", True)
        return initial

    @admin.display(description=_("opens at"), ordering="opens_at")
    def opens(self, settings_row):
        return local(settings_row.opens_at, settings_row)

    @admin.display(description=_("closes at"), ordering="closes_at")
    def closes(self, settings_row):
        return local(settings_row.closes_at, settings_row)

    def get_queryset(self, request):
        seats = Q(forum__participations__registration_status__in=SEAT_HOLDING)
        return (
            super()
            .get_queryset(request)
            .annotate(seats=Count("forum__participations", filter=seats))
        )

    @admin.display(description=_("seats taken"), ordering="seats")
    def seats(self, settings_row):
        return settings_row.seats

    @admin.display(description=_("public form"))
    def form_link(self, settings_row):
        url = reverse("delegates:register", args=[settings_row.forum.slug])
        return format_html('<a href="{}">{}</a>', url, url)


def local(value, settings_row) -> str:
    """A date-time as the forum's clock shows it, in the admin's format (and era)."""
    shown = timezone.localtime(value, settings_row.forum.zone)
    return f"{formats.date_format(shown, 'SHORT_DATETIME_FORMAT')} ({settings_row.forum.time_zone})"


@admin.register(SelfRegistration)
class SelfRegistrationAdmin(ReadOnlyAdminMixin, GuardedAdmin):
    """What registrants sent and what the office decided: written by the form and the
    approval actions only, so read here (and on each participation's page)."""

    list_display = ["participation", "forum", "organisation_name", "submitted_at", "decided_at",
                    "decided_by"]  # fmt: skip
    list_filter = ["participation__forum", "participation__registration_status"]
    list_select_related = ["participation__person", "participation__forum", "decided_by"]
    search_fields = [
        "organisation_name",
        "participation__forum__title_th",
        "participation__forum__title_en",
    ]
    fields = ["participation", "organisation_name", "submitted_at", "decided_at", "decided_by",
              "decline_reason"]  # fmt: skip
    readonly_fields = fields
    date_hierarchy = "submitted_at"

    @admin.display(description=_("forum"), ordering="participation__forum")
    def forum(self, registration):
        return registration.participation.forum
