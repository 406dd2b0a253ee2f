from delegates.models.directory import Country, Organisation
from delegates.models.participation import ForumPartner, Participation, SessionRole
from delegates.models.person import Person

__all__ = ["Country", "ForumPartner", "Organisation", "Participation", "Person", "SessionRole"]
