"""People the office's records name, whom erasing delegates' data must leave alone.

A bulletin names its reporter, a member of the office's staff, as it was submitted to the
Governor; its revisions keep that text. Anonymising a forum's delegates keeps them.
"""

from delegates.services.privacy import keep_for_the_record
from reports.models import Bulletin

keep_for_the_record(lambda: Bulletin.objects.values("reporter"))
