"""The audit trail of bulletins and follow-up actions: who changed what and when."""

import simple_history
from django.utils.translation import gettext_lazy as _

from reports.models import Bulletin, FollowUpAction

simple_history.register(
    Bulletin,
    app="reports",
    verbose_name=_("bulletin history"),
    verbose_name_plural=_("bulletin histories"),
)
simple_history.register(
    FollowUpAction,
    app="reports",
    verbose_name=_("follow-up action history"),
    verbose_name_plural=_("follow-up action histories"),
)
