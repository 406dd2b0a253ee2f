from reports.models.bulletin import Bulletin, MissionGroup
from reports.models.followup import FollowUpAction

__all__ = ["Bulletin", "FollowUpAction", "MissionGroup"]
