"""The audit trail of bulletins and follow-up actions: who changed what and when."""

import simple_history

from reports.models import Bulletin, FollowUpAction

simple_history.register(Bulletin, app="reports")
simple_history.register(FollowUpAction, app="reports")
