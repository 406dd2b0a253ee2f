"""Staff admin for countries, organisations, people and their parts in forums.

Also re-registers the forum and session admins with the delegates' inlines, which the
events app may not know of.
"""

from delegates.admin.directory import CountryAdmin, OrganisationAdmin
from delegates.admin.forum import ForumWithDelegatesAdmin, SessionWithSpeakersAdmin
from delegates.admin.letters import ForumLetterSettingsAdmin, IssuedLetterAdmin
from delegates.admin.mail import InvitationTextAdmin, OutgoingEmailAdmin
from delegates.admin.participation import ForumPartnerAdmin, ParticipationAdmin, SessionRoleAdmin
from delegates.admin.person import PersonAdmin
from delegates.admin.records import (
    AccessLinkAdmin,
    AnonymisationAdmin,
    AttendanceAdmin,
    ExportLogAdmin,
    StagedImportAdmin,
)
from delegates.admin.registration import ForumRegistrationAdmin, SelfRegistrationAdmin
from delegates.admin.seating import SeatAdmin, SeatingPlanAdmin

__all__ = [
    "AccessLinkAdmin",
    "AnonymisationAdmin",
    "AttendanceAdmin",
    "CountryAdmin",
    "ExportLogAdmin",
    "ForumLetterSettingsAdmin",
    "ForumPartnerAdmin",
    "ForumRegistrationAdmin",
    "ForumWithDelegatesAdmin",
    "InvitationTextAdmin",
    "IssuedLetterAdmin",
    "OrganisationAdmin",
    "OutgoingEmailAdmin",
    "ParticipationAdmin",
    "PersonAdmin",
    "SeatAdmin",
    "SeatingPlanAdmin",
    "SelfRegistrationAdmin",
    "SessionRoleAdmin",
    "SessionWithSpeakersAdmin",
    "StagedImportAdmin",
]
