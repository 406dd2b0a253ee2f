from events.models.context import (
    Framework,
    OutcomeDocument,
    Priority,
    RelatedEvent,
)
from events.models.forum import Forum, ForumSeries
from events.models.notice import ProgrammeNotice
from events.models.session import Session, SessionMaterial
from events.models.venue import Room, Venue

__all__ = [
    "Forum",
    "ForumSeries",
    "Framework",
    "OutcomeDocument",
    "Priority",
    "ProgrammeNotice",
    "RelatedEvent",
    "Room",
    "Session",
    "SessionMaterial",
    "Venue",
]
