"""Staff admin for bulletins and their revisions, mission groups, follow-up actions, feedback."""

from reports.admin.bulletin import BulletinAdmin, MissionGroupAdmin
from reports.admin.feedback import FeedbackAdmin
from reports.admin.followup import FollowUpActionAdmin
from reports.admin.revision import BulletinRevisionAdmin

__all__ = [
    "BulletinAdmin",
    "BulletinRevisionAdmin",
    "FeedbackAdmin",
    "FollowUpActionAdmin",
    "MissionGroupAdmin",
]
