"""Writes for the reports app, with their side effects."""

from reports.services.bulletins import (
    bulletin_acknowledge,
    bulletin_publish,
    bulletin_revise,
    bulletin_submit,
)
from reports.services.demo import demo_load
from reports.services.feedback import feedback_mark_reviewed, feedback_submit
from reports.services.followups import (
    follow_up_action_carry_over,
    follow_up_actions_save,
    follow_up_digest_send,
    follow_up_progress_add,
)

__all__ = [
    "bulletin_acknowledge",
    "bulletin_publish",
    "bulletin_revise",
    "bulletin_submit",
    "demo_load",
    "feedback_mark_reviewed",
    "feedback_submit",
    "follow_up_action_carry_over",
    "follow_up_actions_save",
    "follow_up_digest_send",
    "follow_up_progress_add",
]
