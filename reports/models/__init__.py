from reports.models.bulletin import Bulletin, MissionGroup
from reports.models.feedback import Feedback
from reports.models.followup import FollowUpAction, ProgressNote
from reports.models.revision import BulletinRevision

__all__ = [
    "Bulletin",
    "BulletinRevision",
    "Feedback",
    "FollowUpAction",
    "MissionGroup",
    "ProgressNote",
]
