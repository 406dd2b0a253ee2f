"""Which forums' public pages show people, organisations, countries and their parts in forums.

See `events.impact`. Rules name forums through subqueries on the rows' own tables.
"""

from django.db.models import Q

from delegates.models import (
    Attendance,
    Country,
    ExportLog,
    ForumPartner,
    ForumRegistration,
    InvitationText,
    Organisation,
    OutgoingEmail,
    Participation,
    Person,
    Seat,
    SeatingPlan,
    SelfRegistration,
    SessionRole,
    StagedImport,
)
from delegates.models.replies import REPLY_FIELDS
from events.impact import not_shown_on_forums, shown_on_forums

# What a registrant typed and the office's decision are staff's alone.
not_shown_on_forums(
    Attendance, ExportLog, StagedImport, InvitationText, OutgoingEmail, SelfRegistration
)
# Seating plans and place cards are the protocol desk's, printed, never on a public page.
not_shown_on_forums(SeatingPlan, Seat)


def _forums_of(queryset, path: str = "forum") -> Q:
    return Q(pk__in=queryset.values(path))


@shown_on_forums(
    Participation,
    except_fields=(
        "badge_issued",
        "badge_issued_at",
        "consent_recorded_on",
        # The photographic consent itself shows: a photo appears only with it.
        "photograph_consent_recorded_on",
        # The delegate's replies, needs, travel and passport: never on a public page.
        *REPLY_FIELDS,
        "delegate_changed_at",
        "replies_seen_at",
    ),
)
def _participation(pks):
    return _forums_of(Participation.objects.filter(pk__in=pks))


# The forum's page and programme offer the form while it is open.
@shown_on_forums(ForumRegistration)
def _registration(pks):
    return _forums_of(ForumRegistration.objects.filter(pk__in=pks))


@shown_on_forums(ForumPartner)
def _partner(pks):
    return _forums_of(ForumPartner.objects.filter(pk__in=pks))


@shown_on_forums(SessionRole)
def _session_role(pks):
    return _forums_of(SessionRole.objects.filter(pk__in=pks), "session__forum")


# Contact details, and the language emails are written in, never appear on public pages.
@shown_on_forums(Person, except_fields=("email", "phone", "language", "anonymised_at"))
def _person(pks):
    return _forums_of(Participation.objects.filter(person__in=pks)) | _forums_of(
        SessionRole.objects.filter(person__in=pks), "session__forum"
    )


@shown_on_forums(Organisation)
def _organisation(pks):
    return (
        _forums_of(ForumPartner.objects.filter(organisation__in=pks))
        | _forums_of(Participation.objects.filter(delegation__in=pks))
        | _forums_of(Participation.objects.filter(person__organisation__in=pks))
        | _forums_of(SessionRole.objects.filter(person__organisation__in=pks), "session__forum")
    )


@shown_on_forums(Country)
def _country(pks):
    return (
        _forums_of(ForumPartner.objects.filter(organisation__country__in=pks))
        | _forums_of(Participation.objects.filter(country__in=pks))
        | _forums_of(Participation.objects.filter(delegation__country__in=pks))
        | _forums_of(Participation.objects.filter(person__organisation__country__in=pks))
    )
