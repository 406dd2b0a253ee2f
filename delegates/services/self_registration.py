"""Self-registration on a forum's public form, and the office's approval or refusal of it.

A registrant is always recorded as a new person, even when their email address is
already in the directory: an anonymous form proves nobody's identity, so merging what it
says into an existing person's record would let anyone change (or learn whether there is)
someone else's entry. Staff merge duplicates in the admin, where they can check.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from amf.bulk import rows_create, rows_update_with_history
from delegates.models import (
    Country,
    ForumRegistration,
    OutgoingEmail,
    Participation,
    Person,
    SelfRegistration,
)
from delegates.models.registration import RegistrationState
from delegates.services.links import access_link_issue, access_link_url
from delegates.services.mail import outgoing_email_queue
from events.services import forum_touch

# The audit trail's reason for what a registrant wrote: made by them, not by a staff user.
BY_REGISTRANT = gettext_lazy("Registered on the public form (by the registrant)")


def _by_registrant() -> str:
    # In the office's language, whatever language the registrant wrote in.
    with translation.override(settings.LANGUAGE_CODE):
        return str(BY_REGISTRANT)


class RegistrationRefused(Exception):
    """A registration the forum does not take now; `state` says why."""

    def __init__(self, state: RegistrationState):
        super().__init__(state.value)
        self.state = state


@dataclass(frozen=True)
class Registrant:
    """What the public form collected, already checked."""

    email: str
    honorific: str = ""
    first_name_th: str = ""
    last_name_th: str = ""
    first_name_en: str = ""
    last_name_en: str = ""
    position: str = ""
    organisation_name: str = ""
    country: Country | None = None
    phone: str = ""
    role: str = Participation.Role.DELEGATE
    consents_to_public_listing: bool = False
    consents_to_photographs: bool = False


@dataclass(frozen=True)
class RegistrationResult:
    """The participation made, or None when the address had already registered."""

    participation: Participation | None

    @property
    def duplicate(self) -> bool:
        return self.participation is None


@transaction.atomic
def participation_self_register(
    *, forum_id: int, registrant: Registrant, language: str, at: dt.datetime | None = None
) -> RegistrationResult:
    """Register someone for a published forum from its public form.

    Creates a new Person (writing in `language`), a Participation in the "registered" state
    awaiting approval and a SelfRegistration keeping the organisation as typed; each row's
    first version in the audit trail is marked as made by the registrant. Queues an email
    telling the registrant that the office has their registration. An address already
    taking part in the forum creates nothing (and the caller answers as for a new one).
    Raises RegistrationRefused when the forum takes no registrations now or is full.

    The forum's settings row is locked, so two registrations for the last seat are
    counted one after the other. Side effect on the public pages: none, unless this
    registration took the last seat; then the forum's version moves, so that its pages
    stop offering the form.
    """
    now = at or timezone.now()
    settings_row = (
        ForumRegistration.objects.select_for_update(of=("self",))
        .select_related("forum__venue")
        .filter(forum_id=forum_id, forum__is_published=True, is_open=True)
        .first()
    )
    if settings_row is None:
        raise RegistrationRefused(RegistrationState.NONE)
    if now < settings_row.opens_at:
        raise RegistrationRefused(RegistrationState.UPCOMING)
    if now >= settings_row.closes_at:
        raise RegistrationRefused(RegistrationState.CLOSED)
    email = registrant.email.strip()
    if Participation.objects.filter(forum_id=forum_id, person__email__iexact=email).exists():
        return RegistrationResult(participation=None)
    taken = settings_row.seats_taken()
    if settings_row.capacity is not None and taken >= settings_row.capacity:
        raise RegistrationRefused(RegistrationState.FULL)

    person = Person(
        email=email,
        language=language,
        phone=registrant.phone,
        first_name_th=registrant.first_name_th,
        last_name_th=registrant.last_name_th,
        first_name_en=registrant.first_name_en,
        last_name_en=registrant.last_name_en,
        **{
            f"honorific_{language}": registrant.honorific,
            f"position_{language}": registrant.position,
        },
    )
    (person,) = rows_create(Person, [person], reason=_by_registrant())
    today = now.astimezone(settings_row.forum.zone).date()
    participation = Participation(
        forum_id=forum_id,
        person=person,
        role=registrant.role,
        country=registrant.country,
        registration_status=Participation.RegistrationStatus.REGISTERED,
        consents_to_public_listing=registrant.consents_to_public_listing,
        consent_recorded_on=today,
        consents_to_photographs=registrant.consents_to_photographs,
        photograph_consent_recorded_on=today,
    )
    (participation,) = rows_create(Participation, [participation], reason=_by_registrant())
    SelfRegistration.objects.create(
        participation=participation, organisation_name=registrant.organisation_name
    )
    participation.person = person
    participation.forum = settings_row.forum
    registration_email_queue(participation=participation, kind=RECEIVED)
    if settings_row.capacity is not None and taken + 1 >= settings_row.capacity:
        forum_touch(forums=[forum_id])
    return RegistrationResult(participation=participation)


class Decision(models.TextChoices):
    APPROVED = "approved", gettext_lazy("Approved")
    DECLINED = "declined", gettext_lazy("Declined")


DECISION_STATUS = {
    Decision.APPROVED: Participation.RegistrationStatus.CONFIRMED,
    Decision.DECLINED: Participation.RegistrationStatus.CANCELLED,
}
DECISION_REASON = {
    Decision.APPROVED: gettext_lazy("Registration approved"),
    Decision.DECLINED: gettext_lazy("Registration declined"),
}


@transaction.atomic
def registrations_decide(
    *, participations, decision: str, user, reason: str = ""
) -> list[Participation]:
    """Approve (→ confirmed) or decline (→ cancelled) registrations awaiting approval.

    Only participations in the "registered" state are decided; others are left alone.
    Returns those decided. Side effects: a version in each one's audit trail naming `user`;
    the decision, its author and time (and a reason for declining, which the email
    quotes) on its SelfRegistration, if it came from the public form; one email per
    delegate with an address, in the language they registered in, queued through
    `outgoing_email_queue` and sent by the background queue after commit. Declining moves
    the forums' versions (a seat frees, and a cancelled person leaves the public pages);
    approving shows nothing new publicly and moves none.
    """
    decision = Decision(decision)
    locked = (
        Participation.objects.filter(
            pk__in=participations.values("pk"),
            registration_status=Participation.RegistrationStatus.REGISTERED,
        )
        .select_for_update()
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    rows = list(
        Participation.objects.filter(pk__in=list(locked))
        .select_related("person", "forum__venue", "self_registration")
        .order_by("pk")
    )
    now = timezone.now()
    for participation in rows:
        participation.registration_status = DECISION_STATUS[decision]
        participation.updated_at = now
    rows_update_with_history(
        Participation,
        rows,
        ["registration_status", "updated_at"],
        user=user,
        reason=str(DECISION_REASON[decision]),
    )
    SelfRegistration.objects.filter(participation__in=[p.pk for p in rows]).update(
        decided_at=now,
        decided_by=user if user is not None and user.is_authenticated else None,
        decline_reason=reason.strip() if decision == Decision.DECLINED else "",
    )
    kind = APPROVED if decision == Decision.APPROVED else DECLINED
    for participation in rows:
        if participation.person.email and participation.person.anonymised_at is None:
            registration_email_queue(
                participation=participation, kind=kind, reason=reason, user=user
            )
    if rows and decision == Decision.DECLINED:
        forum_touch(forums={participation.forum_id for participation in rows})
    return rows


# The emails a registrant gets: on registering, and on the office's decision.
RECEIVED = OutgoingEmail.Kind.REGISTRATION_RECEIVED
APPROVED = OutgoingEmail.Kind.REGISTRATION_APPROVED
DECLINED = OutgoingEmail.Kind.REGISTRATION_DECLINED
EMAIL_SUBJECT = {
    RECEIVED: gettext_lazy("We have your registration for %(forum)s"),
    APPROVED: gettext_lazy("Your registration for %(forum)s is confirmed"),
    DECLINED: gettext_lazy("Your registration for %(forum)s"),
}


def registration_email_render(
    *, participation: Participation, kind: str, language: str, reason: str = "", link: str = ""
) -> tuple[str, str]:
    """The subject and text of a registration email (`kind`) to the participation's person."""
    forum = participation.forum
    with translation.override(language):
        context = {
            "person": participation.person,
            "forum": forum,
            "dates": forum.dates_display(),
            "programme_url": settings.SITE_URL + reverse("delegates:programme", args=[forum.slug]),
            "reason": reason.strip(),
            "link": link,
        }
        subject = str(EMAIL_SUBJECT[kind]) % {"forum": forum.title}
        body = render_to_string(f"delegates/email/{kind}.txt", context)
    return subject, body


def registration_email_queue(
    *, participation: Participation, kind: str, reason: str = "", user=None
):
    """Queue a registration email (`kind`) to the participation's person, in their language.

    The approval carries the delegate's personal link (made if need be), with which they
    keep their details and travel up to date. Side effects: see `outgoing_email_queue`.
    """
    language = participation.person.language
    link = ""
    if kind == APPROVED:
        link = access_link_url(
            link=access_link_issue(participation=participation, user=user), language=language
        )
    subject, body = registration_email_render(
        participation=participation, kind=kind, language=language, reason=reason, link=link
    )
    return outgoing_email_queue(
        participation=participation,
        kind=kind,
        subject=subject,
        body=body,
        language=language,
        user=user,
    )
