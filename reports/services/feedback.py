"""Suggestions visitors send about published bulletins."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from reports.models import Bulletin, Feedback


def feedback_submit(
    *, bulletin: Bulletin, message: str, language: str, name: str = "", email: str = ""
) -> Feedback:
    """Store a visitor's suggestion about a published bulletin for the staff to read."""
    if bulletin.status != Bulletin.Status.PUBLISHED:
        raise ValidationError(_("Suggestions are taken on published bulletins only."))
    feedback = Feedback(
        bulletin=bulletin, message=message.strip(), language=language, name=name, email=email
    )
    feedback.full_clean()
    feedback.save()
    return feedback


def feedback_mark_reviewed(*, suggestions: QuerySet[Feedback]) -> int:
    """Mark suggestions as reviewed; returns how many were not reviewed before.

    Suggestions keep no audit trail and no public page shows them, so this moves no
    forum's version.
    """
    return suggestions.filter(is_reviewed=False).update(is_reviewed=True)
