"""The audit trail of forums: who changed what and when (django-simple-history)."""

import simple_history

from events.models import Forum

simple_history.register(Forum, app="events")
