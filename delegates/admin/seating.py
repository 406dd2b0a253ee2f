"""Seating plans in the admin: propose one for a session, see it drawn, move people, print.

All staff read plans; whoever may change them (the Registrar, at the protocol desk) sets
their sizes, proposes them again and moves people, through delegates.services.seating.
The page works without JavaScript: moves are two small forms.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from amf import downloads
from amf.admin import GuardedAdmin, HistoryAdmin, ReadOnlyAdminMixin
from amf.downloads import file_download
from delegates.admin.actions import in_background
from delegates.admin.person import PersonSearchMixin
from delegates.jobs import file_name
from delegates.models import Participation, Seat, SeatingPlan
from delegates.seating_drawing import plan_svg, seat_labels, written_name
from delegates.services.seating import SeatingError, seat_assign, seating_plan_propose, seats_swap
from delegates.services.seating_prints import place_cards_pdf, seating_plan_pdf
from events.admin.writes import ServiceWritesAdmin

LANGUAGES = ("th", "en")
# The latest moves shown under the plan.
RECENT_MOVES = 8


class AssignForm(forms.Form):
    seat = forms.ChoiceField(label=gettext_lazy("Seat"))
    participation = forms.ChoiceField(label=gettext_lazy("Who sits there"), required=False)


class SwapForm(forms.Form):
    first = forms.ChoiceField(label=gettext_lazy("Seat"))
    second = forms.ChoiceField(label=gettext_lazy("swaps with seat"))


def _seat_choices(seats: list[Seat], language: str) -> list[tuple[int, str]]:
    return [
        (
            seat.pk,
            f"{seat.label} — {written_name(seat.participation.person, language)}"
            if seat.participation
            else f"{seat.label} — {_('empty')}",
        )
        for seat in seats
    ]


@admin.register(SeatingPlan)
class SeatingPlanAdmin(HistoryAdmin, ServiceWritesAdmin):
    change_form_template = "admin/delegates/seatingplan/change_form.html"
    list_display = [
        "session",
        "forum",
        "head_table_size",
        "row_width",
        "rows",
        "audience",
        "seated",
    ]
    list_filter = ["session__forum"]
    list_select_related = ["session__forum"]
    # Explicit: a counted list is grouped, and grouped queries leave Meta.ordering out.
    ordering = ["session__starts_at", "session__order", "pk"]
    search_fields = ["session__title_th", "session__title_en"]
    autocomplete_fields = ["session"]
    fields = ["session", "head_table_size", "row_width", "rows", "audience", "proposed_at"]
    readonly_fields = ["proposed_at"]

    def get_readonly_fields(self, request, obj=None):
        # A plan belongs to its session for good; another session gets a plan of its own.
        return [*self.readonly_fields, "session"] if obj is not None else self.readonly_fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(seated=Count("seats", filter=Q(seats__participation__isnull=False)))
        )

    @admin.display(description=gettext_lazy("forum"), ordering="session__forum")
    def forum(self, plan):
        return plan.session.forum

    @admin.display(description=gettext_lazy("seated"), ordering="seated")
    def seated(self, plan):
        return plan.seated

    def save_model(self, request, obj, form, change):
        # New sizes or another audience make another plan: it is proposed afresh.
        if not change or form.has_changed():
            seating_plan_propose(plan=obj, user=request.user)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context.update(self.plan_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def plan_context(self, request, plan: SeatingPlan) -> dict:
        """The picture, the seats and the forms of moves, in a fixed number of queries."""
        language = get_language() if get_language() in LANGUAGES else "th"
        labels = seat_labels(plan, language)
        seated = [label for label in labels if not label.empty]
        context = {
            "plan_svg": plan_svg(plan, labels, language=language),
            "seated": seated,
            "seat_count": len(labels),
            "pdf_links": [
                (reverse("admin:delegates_seatingplan_pdf", args=[plan.pk, lang]), name)
                for lang, name in (("th", _("Plan (PDF, Thai)")), ("en", _("Plan (PDF, English)")))
            ],
            "place_cards_url": reverse("admin:delegates_seatingplan_place_cards", args=[plan.pk]),
            "unseated": self.unseated(plan),
        }
        if self.has_change_permission(request, plan):
            seats = list(Seat.objects.filter(plan=plan).with_people().in_plan_order())
            seat_choices = _seat_choices(seats, language)
            assign = AssignForm(auto_id="id_assign_%s")
            assign.fields["seat"].choices = seat_choices
            assign.fields["participation"].choices = [
                ("", _("— nobody: empty the seat —")),
                *self.participant_choices(plan, seats, language),
            ]
            swap = SwapForm(auto_id="id_swap_%s")
            swap.fields["first"].choices = swap.fields["second"].choices = seat_choices
            if len(seat_choices) > 1:
                # Two different seats to start from: a seat swapped with itself is refused.
                swap.fields["second"].initial = seat_choices[1][0]
            context.update(
                assign_form=assign,
                swap_form=swap,
                seats_url=reverse("admin:delegates_seatingplan_seats", args=[plan.pk]),
                propose_url=reverse("admin:delegates_seatingplan_propose", args=[plan.pk]),
            )
        context["recent_moves"] = list(
            Seat.history.filter(plan_id=plan.pk)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")
            .values("history_date", "history_change_reason", "history_user__username")[
                :RECENT_MOVES
            ]
        )
        return context

    @staticmethod
    def participant_choices(plan, seats, language) -> list[tuple[int, str]]:
        where = {seat.participation_id: seat.label for seat in seats if seat.participation_id}
        participants = (
            Participation.objects.filter(forum=plan.session.forum_id)
            .exclude(registration_status=Participation.RegistrationStatus.CANCELLED)
            .select_related("person")
            .in_protocol_order()
        )
        return [
            (
                participation.pk,
                f"{written_name(participation.person, language)} ({where[participation.pk]})"
                if participation.pk in where
                else written_name(participation.person, language),
            )
            for participation in participants
        ]

    @staticmethod
    def unseated(plan) -> list[str]:
        """Those the plan's rule would seat who have no seat (the hall is full, or moved)."""
        language = get_language() if get_language() in LANGUAGES else "th"
        waiting = (
            Participation.objects.to_seat(plan.session, audience=plan.audience)
            .exclude(seats__plan=plan)
            .select_related("person")
        )
        return [written_name(participation.person, language) for participation in waiting]

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(view)

        return [
            path("<int:plan_id>/seats/", wrap(self.seats_view), name="delegates_seatingplan_seats"),
            path(
                "<int:plan_id>/propose/",
                wrap(self.propose_view),
                name="delegates_seatingplan_propose",
            ),
            path(
                "<int:plan_id>/pdf/<str:language>/",
                wrap(self.pdf_view),
                name="delegates_seatingplan_pdf",
            ),
            path(
                "<int:plan_id>/place-cards/",
                wrap(self.place_cards_view),
                name="delegates_seatingplan_place_cards",
            ),
            *super().get_urls(),
        ]

    # The plan's own addresses.

    def plan_for(self, request, plan_id: int, *, change: bool) -> SeatingPlan:
        plan = get_object_or_404(SeatingPlan.objects.select_related("session__forum"), pk=plan_id)
        allowed = (
            self.has_change_permission(request, plan)
            if change
            else self.has_view_permission(request, plan)
        )
        if not allowed:
            raise PermissionDenied
        return plan

    def back_to(self, plan) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:delegates_seatingplan_change", args=[plan.pk]))

    def seats_view(self, request, plan_id: int):
        """Seat someone, empty a seat, or swap two seats (POST)."""
        plan = self.plan_for(request, plan_id, change=True)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        seats = {str(seat.pk): seat for seat in Seat.objects.filter(plan=plan)}
        try:
            if request.POST.get("action") == "swap":
                first, second = (
                    seats.get(request.POST.get(name, "")) for name in ("first", "second")
                )
                if first is None or second is None:
                    raise SeatingError(_("Choose two seats of this plan."))
                seats_swap(first=first, second=second, user=request.user)
                messages.success(
                    request,
                    _("%(first)s and %(second)s swapped.")
                    % {"first": first.label, "second": second.label},
                )
            else:
                seat = seats.get(request.POST.get("seat", ""))
                if seat is None:
                    raise SeatingError(_("Choose a seat of this plan."))
                participation = self.participation_named(request.POST.get("participation", ""))
                seat_assign(seat=seat, participation=participation, user=request.user)
                messages.success(
                    request,
                    _("%(seat)s: %(name)s.")
                    % {
                        "seat": seat.label,
                        "name": participation.person if participation else _("empty"),
                    },
                )
        except SeatingError as error:
            messages.error(request, str(error))
        return self.back_to(plan)

    @staticmethod
    def participation_named(value: str) -> Participation | None:
        if value == "":
            return None
        if not (value.isascii() and value.isdigit() and len(value) < 19):
            raise SeatingError(_("Choose a participant of this session's forum."))
        participation = Participation.objects.select_related("person").filter(pk=int(value)).first()
        if participation is None:
            raise SeatingError(_("Choose a participant of this session's forum."))
        return participation

    def propose_view(self, request, plan_id: int):
        """Seat everyone afresh from precedence (POST); staff's moves are replaced."""
        plan = self.plan_for(request, plan_id, change=True)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        seating_plan_propose(plan=plan, user=request.user)
        messages.success(request, _("The plan was proposed again from protocol precedence."))
        return self.back_to(plan)

    def pdf_view(self, request, plan_id: int, language: str):
        plan = self.plan_for(request, plan_id, change=False)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        if language not in LANGUAGES:
            raise Http404
        pdf = seating_plan_pdf(plan=plan, language=language, user=request.user)
        return file_download(
            pdf,
            filename=file_name(f"seating-plan-{plan.pk}-{language}", "pdf"),
            content_type=downloads.PDF,
        )

    def place_cards_view(self, request, plan_id: int):
        """The place cards of everyone seated (POST): at once, or in the background if many."""
        plan = self.plan_for(request, plan_id, change=False)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        seated = Participation.objects.filter(seats__plan=plan)
        count = seated.count()
        if count == 0:
            messages.error(
                request, _("Nobody is seated in this plan yet: there is no card to print.")
            )
            return self.back_to(plan)
        if background := in_background(self, request, seated, "place_cards", plan=plan):
            return background
        pdf = place_cards_pdf(participations=seated, plan=plan, user=request.user)
        return file_download(
            pdf, filename=file_name(f"place-cards-{plan.pk}", "pdf"), content_type=downloads.PDF
        )


@admin.register(Seat)
class SeatAdmin(PersonSearchMixin, ReadOnlyAdminMixin, GuardedAdmin):
    """Every seat of every plan, read only: people are moved on their plan's page."""

    list_display = ["__str__", "participation", "plan"]
    list_filter = ["plan__session__forum"]
    list_select_related = ["plan__session", "participation__person"]
    search_fields = ["plan__session__title_th", "plan__session__title_en"]
    fields = ["plan", "row", "position", "participation"]
    person_lookup = "participation__person"
