from delegates.models.anonymisation import Anonymisation
from delegates.models.directory import Country, Organisation
from delegates.models.exportlog import ExportLog
from delegates.models.letters import ForumLetterSettings, IssuedLetter
from delegates.models.links import AccessLink
from delegates.models.mail import InvitationText, OutgoingEmail
from delegates.models.participation import Attendance, ForumPartner, Participation, SessionRole
from delegates.models.person import Person
from delegates.models.registration import ForumRegistration, SelfRegistration
from delegates.models.seating import Seat, SeatingPlan
from delegates.models.staging import StagedImport

__all__ = [
    "AccessLink",
    "Anonymisation",
    "Attendance",
    "Country",
    "ExportLog",
    "ForumLetterSettings",
    "ForumPartner",
    "ForumRegistration",
    "InvitationText",
    "IssuedLetter",
    "Organisation",
    "OutgoingEmail",
    "Participation",
    "Person",
    "Seat",
    "SeatingPlan",
    "SelfRegistration",
    "SessionRole",
    "StagedImport",
]
