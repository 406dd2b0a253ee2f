"""Staff admin for forums, their programme, venues and context."""

from events.admin.context import (
    FrameworkAdmin,
    OutcomeDocumentAdmin,
    PriorityAdmin,
    ProgrammeNoticeAdmin,
    RelatedEventAdmin,
)
from events.admin.forum import ForumAdmin, ForumSeriesAdmin
from events.admin.programme import SessionAdmin, SessionMaterialAdmin
from events.admin.venue import RoomAdmin, VenueAdmin

__all__ = [
    "ForumAdmin",
    "ForumSeriesAdmin",
    "FrameworkAdmin",
    "OutcomeDocumentAdmin",
    "PriorityAdmin",
    "ProgrammeNoticeAdmin",
    "RelatedEventAdmin",
    "RoomAdmin",
    "SessionAdmin",
    "SessionMaterialAdmin",
    "VenueAdmin",
]
