"""The audit trail of people and participations: who changed what and when."""

import simple_history
from django.utils.translation import gettext_lazy as _

from delegates.models import ForumLetterSettings, Participation, Person, Seat, SeatingPlan

simple_history.register(
    Person,
    app="delegates",
    verbose_name=_("person history"),
    verbose_name_plural=_("person histories"),
)
simple_history.register(
    Participation,
    app="delegates",
    verbose_name=_("participation history"),
    verbose_name_plural=_("participation histories"),
)
simple_history.register(
    ForumLetterSettings,
    app="delegates",
    verbose_name=_("letter settings history"),
    verbose_name_plural=_("letter settings histories"),
)
# Seating: who set a plan's sizes, and who moved whom; seats name participations, no one's name.
simple_history.register(
    SeatingPlan,
    app="delegates",
    verbose_name=_("seating plan history"),
    verbose_name_plural=_("seating plan histories"),
)
simple_history.register(
    Seat,
    app="delegates",
    verbose_name=_("seat history"),
    verbose_name_plural=_("seat histories"),
)
