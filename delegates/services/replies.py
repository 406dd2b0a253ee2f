"""What a delegate changes on their own page, and staff marking those changes as seen.

Every write here is the delegate's: versions in the audit trail name no staff user and
carry DELEGATE_REASON, and the participation's `delegate_changed_at` is stamped, so staff
see at a glance what changed since they last looked (`participations_mark_seen`). Writes
go through `events.services.objects_save`, which moves the forum's public version when a
change can show there (a consent to be listed, a corrected name).

Nothing here checks who is asking: the view has opened the personal link, and hands in
only the participation it opened and the people who accompany it.
"""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from delegates.models import Country, Participation, Person
from delegates.models.replies import NEEDS_FIELDS, TRAVEL_FIELDS
from events.services import objects_save

DELEGATE_REASON = gettext_lazy("By the delegate, on their own page")
# Enough for any mayor's party; a bound on what one link can create.
MAX_ACCOMPANYING = 12

Status = Participation.RegistrationStatus
Response = Participation.Response


class ReplyError(Exception):
    """A change the delegate cannot make, with a message for them."""


def delegate_reason() -> str:
    """The audit trail's reason for the delegate's changes, in the office's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(DELEGATE_REASON)


def _save(head: Participation, objs: list) -> bool:
    """Write `objs` as the delegate's change; stamp the head participation if anything changed."""
    written = objects_save(saved=objs, user=None, reason=delegate_reason())
    if written:
        now = timezone.now()
        Participation.objects.filter(pk=head.pk).update(delegate_changed_at=now)
        head.delegate_changed_at = now
    return bool(written)


def accompanying_of(head: Participation):
    """The people the delegate named as their delegation, removed ones left out."""
    return (
        head.accompanying.filter(
            ~Q(registration_status=Status.CANCELLED) | Q(response=Response.DECLINED)
        )
        .select_related("person")
        .order_by("pk")
    )


def _own(head: Participation, participation: Participation) -> Participation:
    if participation.pk != head.pk and participation.accompanies_id != head.pk:
        raise ReplyError("Not one of this delegation.")
    return participation


@transaction.atomic
def participation_respond(*, participation: Participation, response: str) -> bool:
    """Record the delegate's acceptance or refusal of the invitation, with the time.

    Declining cancels the participation and those of the people accompanying them;
    accepting confirms an invitation (or one the delegate had declined) and brings back
    the people the refusal had cancelled. A registration awaiting staff approval stays
    as it is; a participation the office cancelled is not brought back. Side effects:
    versions by the delegate; the forum's public version moves if the status changed.
    """
    if response not in Response.values:
        raise ValueError(f"Unknown response {response!r}")
    head = participation
    was_declined = head.response == Response.DECLINED
    head.response = response
    head.responded_at = timezone.now()
    party = list(accompanying_of(head))
    if response == Response.DECLINED:
        head.registration_status = Status.CANCELLED
        for member in party:
            if member.registration_status != Status.CANCELLED:
                member.registration_status = Status.CANCELLED
                member.response = Response.DECLINED
    else:
        if head.registration_status == Status.INVITED or (
            head.registration_status == Status.CANCELLED and was_declined
        ):
            head.registration_status = Status.CONFIRMED
        for member in party:
            if member.response == Response.DECLINED:
                member.registration_status = head.registration_status
                member.response = Response.ACCEPTED
    return _save(head, [head, *party])


@transaction.atomic
def participation_details_correct(
    *,
    participation: Participation,
    language: str,
    honorific: str,
    first_name: str,
    last_name: str,
    position: str,
    email: str,
    phone: str,
) -> bool:
    """Correct the delegate's name, position and contact details, as written in `language`.

    Side effects: a version of the person by the delegate; the forum's public version
    moves if their name or position shows there.
    """
    person = participation.person
    for name, value in (
        ("honorific", honorific),
        ("first_name", first_name),
        ("last_name", last_name),
        ("position", position),
    ):
        setattr(person, f"{name}_{language}", value)
    person.email = email
    person.phone = phone
    return _save(participation, [person])


@transaction.atomic
def participation_consents_set(
    *,
    head: Participation,
    participation: Participation,
    public_listing: bool,
    photographs: bool,
    today: dt.date | None = None,
) -> bool:
    """Give or withdraw each consent of the delegate (or of one of their party) apart.

    A consent that changes is dated today, whether given or withdrawn; one that stays keeps
    its date. Side effects: a version by the delegate; the forum's public version moves
    when the listing consent changes (the person appears on, or leaves, public pages).
    """
    _own(head, participation)
    today = today or timezone.localdate()
    if participation.consents_to_public_listing != public_listing:
        participation.consents_to_public_listing = public_listing
        participation.consent_recorded_on = today
    if participation.consents_to_photographs != photographs:
        participation.consents_to_photographs = photographs
        participation.photograph_consent_recorded_on = today
    return _save(head, [participation])


@transaction.atomic
def participation_needs_set(
    *,
    head: Participation,
    participation: Participation,
    dietary_needs: str,
    accessibility_needs: str,
    interpretation_language: str = "",
) -> bool:
    """Record dietary and accessibility needs, and the language the delegate listens in
    (empty: no interpretation). Side effect: a version by the delegate."""
    _own(head, participation)
    participation.dietary_needs = dietary_needs
    participation.accessibility_needs = accessibility_needs
    participation.interpretation_language = interpretation_language
    return _save(head, [participation])


@transaction.atomic
def participation_travel_set(*, participation: Participation, travel: Mapping[str, Any]) -> bool:
    """Record arrival, departure and hotel (`travel` holds TRAVEL_FIELDS, all of them).

    Side effect: a version by the delegate.
    """
    if set(travel) != set(TRAVEL_FIELDS):
        raise ValueError(f"Travel takes exactly {TRAVEL_FIELDS}")
    for name, value in travel.items():
        setattr(participation, name, value)
    return _save(participation, [participation])


@transaction.atomic
def participation_visa_letter_request(
    *,
    participation: Participation,
    passport_number: str,
    passport_nationality: Country | None,
    passport_expires_on: dt.date | None,
    requested: bool = True,
    today: dt.date | None = None,
) -> bool:
    """Ask for a visa support letter with the passport details it needs, or take it back.

    Taking it back erases the passport details too: they are kept only for the letter.
    Side effect: a version by the delegate.
    """
    if requested:
        participation.passport_number = passport_number
        participation.passport_nationality = passport_nationality
        participation.passport_expires_on = passport_expires_on
        if participation.visa_letter_requested_on is None:
            participation.visa_letter_requested_on = today or timezone.localdate()
    else:
        participation.passport_number = ""
        participation.passport_nationality = None
        participation.passport_expires_on = None
        participation.visa_letter_requested_on = None
    return _save(participation, [participation])


@transaction.atomic
def accompanying_person_add(
    *,
    head: Participation,
    language: str,
    honorific: str,
    first_name: str,
    last_name: str,
    position: str = "",
    consents_to_public_listing: bool = False,
    consents_to_photographs: bool = False,
    needs: Mapping[str, str] | None = None,
    today: dt.date | None = None,
) -> Participation:
    """Add a member of the delegate's delegation: a person and their own participation.

    The participation accompanies the head's: same forum, delegation and country, the
    role "accompanying person", the head's status and reply, its own consents (dated
    today when given) and needs. Raises ReplyError past MAX_ACCOMPANYING. Side effects:
    versions of both by the delegate; the forum's public version moves.
    """
    Participation.objects.select_for_update().filter(pk=head.pk).first()
    if accompanying_of(head).count() >= MAX_ACCOMPANYING:
        raise ReplyError(MAX_ACCOMPANYING)
    today = today or timezone.localdate()
    person = Person(organisation_id=head.person.organisation_id)
    for name, value in (
        ("honorific", honorific),
        ("first_name", first_name),
        ("last_name", last_name),
        ("position", position),
    ):
        setattr(person, f"{name}_{language}", value)
    _save(head, [person])
    member = Participation(
        forum_id=head.forum_id,
        person=person,
        role=Participation.Role.ACCOMPANYING,
        delegation_id=head.delegation_id,
        country_id=head.country_id,
        registration_status=head.registration_status,
        response=head.response,
        responded_at=head.responded_at,
        precedence=head.precedence,
        accompanies=head,
        consents_to_public_listing=consents_to_public_listing,
        consent_recorded_on=today,
        consents_to_photographs=consents_to_photographs,
        photograph_consent_recorded_on=today,
        **{name: (needs or {}).get(name, "") for name in NEEDS_FIELDS},
    )
    _save(head, [member])
    return member


@transaction.atomic
def accompanying_person_remove(*, head: Participation, participation: Participation) -> bool:
    """Take a member out of the delegation: their participation is cancelled, consents withdrawn.

    Kept rather than deleted so that the audit trail and anonymisation still find them.
    Side effects: a version by the delegate; the forum's public version moves.
    """
    if participation.accompanies_id != head.pk:
        raise ReplyError("Not one of this delegation.")
    participation.registration_status = Status.CANCELLED
    participation.response = ""
    if participation.consents_to_public_listing or participation.consents_to_photographs:
        participation.consents_to_public_listing = False
        participation.consents_to_photographs = False
        participation.consent_recorded_on = participation.photograph_consent_recorded_on = (
            timezone.localdate()
        )
    return _save(head, [participation])


@transaction.atomic
def participations_mark_seen(*, participations) -> int:
    """Record that staff have looked at the delegates' changes; returns how many were marked.

    Writes only `replies_seen_at`, with no version in the audit trail: looking is not a
    change to the delegate's record.
    """
    return (
        Participation.objects.filter(pk__in=participations.values("pk"))
        .exclude(delegate_changed_at=None)
        .update(replies_seen_at=timezone.now())
    )
