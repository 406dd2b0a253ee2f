"""The audit trail of forums: who changed what and when (django-simple-history)."""

import simple_history
from django.utils.translation import gettext_lazy as _

from events.models import Forum

simple_history.register(
    Forum,
    app="events",
    verbose_name=_("forum history"),
    verbose_name_plural=_("forum histories"),
)
