"""The audit trail of people and participations: who changed what and when."""

import simple_history

from delegates.models import Participation, Person

simple_history.register(Person, app="delegates")
simple_history.register(Participation, app="delegates")
