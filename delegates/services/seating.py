"""Writes of seating plans: proposing one from precedence, and staff's moves of people.

The convention itself is `delegates.seating.arrange`; these functions store what it says.
No public page shows a plan, so no forum's version moves. Every seat written gets a
version in its audit trail naming the user and why; a seat's version names a participation
and a place, never a person's name, so erasing the person erases them from the plan too.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amf.bulk import rows_create, rows_update_with_history
from delegates.models import Participation, Seat, SeatingPlan
from delegates.seating import Guest, arrange
from events.services import object_save, objects_delete


class SeatingError(Exception):
    """A move the plan cannot take, with a message saying why for the person making it."""


@transaction.atomic
def seating_plan_propose(*, plan: SeatingPlan, user=None) -> SeatingPlan:
    """Save `plan`'s settings (new or changed) and seat the session's people afresh.

    Who is seated and where follows `delegates.seating`: the head table first, then the
    rows, by protocol precedence. Staff's earlier moves are replaced. Side effects: the plan
    is saved with a version naming `user`; seats whose occupant changes are written, seats
    the new sizes add are created and those they drop deleted, each with a version naming
    `user` and the proposal.
    """
    reason = _("Proposed from protocol precedence")
    plan.proposed_at = timezone.now()
    object_save(obj=plan, user=user, reason=reason)
    guests = [
        Guest(key=pk, precedence=precedence, head_table=at_head_table)
        for pk, precedence, at_head_table in Participation.objects.to_seat(
            plan.session, audience=plan.audience
        ).values_list("pk", "precedence", "at_head_table")
    ]
    arrangement = arrange(
        guests, head_table_size=plan.head_table_size, row_width=plan.row_width, rows=plan.rows
    )
    existing = {
        (seat.row, seat.position): seat
        for seat in Seat.objects.filter(plan=plan).select_for_update()
    }
    wanted = {(place.row, place.position): key for place, key in arrangement.seats.items()}
    dropped = [seat for place, seat in existing.items() if place not in wanted]
    if dropped:
        objects_delete(objs=dropped, user=user, reason=reason)
    changed = []
    for place, seat in existing.items():
        if place in wanted and seat.participation_id != wanted[place]:
            seat.participation_id = wanted[place]
            changed.append(seat)
    rows_update_with_history(Seat, changed, ["participation"], user=user, reason=reason)
    rows_create(
        Seat,
        [
            Seat(plan=plan, row=row, position=position, participation_id=key)
            for (row, position), key in wanted.items()
            if (row, position) not in existing
        ],
        user=user,
        reason=reason,
    )
    return plan


@transaction.atomic
def seat_assign(*, seat: Seat, participation: Participation | None, user=None) -> Seat:
    """Put `participation` in `seat`, or empty the seat (None); whoever sat there is unseated.

    Raises SeatingError, writing nothing, for a participant of another forum, a cancelled
    one, or one who already has a seat in the plan (move them with `seats_swap`). Side
    effect: the seat is written with a version naming `user` and the move.
    """
    seat = (
        Seat.objects.select_related("plan__session").select_for_update(of=("self",)).get(pk=seat.pk)
    )
    if participation is not None:
        _check_may_sit(seat.plan, participation)
        taken = (
            Seat.objects.filter(plan=seat.plan, participation=participation)
            .exclude(pk=seat.pk)
            .first()
        )
        if taken is not None:
            raise SeatingError(
                _(
                    "%(name)s already sits at %(seat)s. Swap the two seats, or empty that "
                    "seat first."
                )
                % {"name": participation.person, "seat": taken.label}
            )
    if seat.participation_id == getattr(participation, "pk", None):
        return seat
    seat.participation = participation
    reason = (
        _("Seated at %(seat)s") % {"seat": seat.label}
        if participation is not None
        else _("Emptied %(seat)s") % {"seat": seat.label}
    )
    rows_update_with_history(Seat, [seat], ["participation"], user=user, reason=reason)
    return seat


@transaction.atomic
def seats_swap(*, first: Seat, second: Seat, user=None) -> None:
    """Exchange who sits in two seats of one plan (either may be empty: then it is a move).

    Raises SeatingError for seats of two plans or a seat swapped with itself. Side effect:
    both seats are written, each with a version naming `user` and the swap.
    """
    seats = {
        seat.pk: seat
        for seat in Seat.objects.filter(pk__in=[first.pk, second.pk]).select_for_update()
    }
    if first.pk == second.pk or len(seats) != 2:
        raise SeatingError(_("Choose two different seats to swap."))
    first, second = seats[first.pk], seats[second.pk]
    if first.plan_id != second.plan_id:
        raise SeatingError(_("Both seats must belong to the same seating plan."))
    if first.participation_id == second.participation_id:
        return
    first.participation_id, second.participation_id = (
        second.participation_id,
        first.participation_id,
    )
    reason = _("Swapped %(first)s and %(second)s") % {"first": first.label, "second": second.label}
    # One statement: the plan's "one seat each" rule is checked once both are written.
    rows_update_with_history(Seat, [first, second], ["participation"], user=user, reason=reason)


def _check_may_sit(plan: SeatingPlan, participation: Participation) -> None:
    if participation.forum_id != plan.session.forum_id:
        raise SeatingError(
            _("%(name)s does not take part in this session's forum.")
            % {"name": participation.person}
        )
    if participation.registration_status == Participation.RegistrationStatus.CANCELLED:
        raise SeatingError(
            _("%(name)s has cancelled their participation.") % {"name": participation.person}
        )
