"""Staff admin for bulletins, mission groups and follow-up actions."""

from reports.admin.bulletin import BulletinAdmin, MissionGroupAdmin
from reports.admin.followup import FollowUpActionAdmin

__all__ = ["BulletinAdmin", "FollowUpActionAdmin", "MissionGroupAdmin"]
