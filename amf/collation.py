"""Thai dictionary order where the database can give it."""

from django.db import connections
from django.db.models import F
from django.db.models.functions import Collate

THAI_COLLATION = "th-TH-x-icu"


def thai_order(field_name: str, *, using: str = "default"):
    """Return an ordering expression that sorts `field_name` in Thai dictionary order.

    PostgreSQL ships the ICU Thai collation; SQLite has none, so there the plain
    code-point order is the (documented) fallback.
    """
    if connections[using].vendor == "postgresql":
        return Collate(F(field_name), THAI_COLLATION)
    return F(field_name)
