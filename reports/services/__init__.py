"""Writes for the reports app, with their side effects."""

from reports.services.bulletins import (
    STEPS,
    TEXT_RULES,
    bulletin_acknowledge,
    bulletin_publish,
    bulletin_return,
    bulletin_revise,
    bulletin_save,
    bulletin_step,
    bulletin_submit,
    bulletin_text_editable,
    bulletin_text_needs_reason,
    steps_from,
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
    "STEPS",
    "TEXT_RULES",
    "bulletin_acknowledge",
    "bulletin_publish",
    "bulletin_return",
    "bulletin_revise",
    "bulletin_save",
    "bulletin_step",
    "bulletin_submit",
    "bulletin_text_editable",
    "bulletin_text_needs_reason",
    "demo_load",
    "feedback_mark_reviewed",
    "feedback_submit",
    "follow_up_action_carry_over",
    "follow_up_actions_save",
    "follow_up_digest_send",
    "follow_up_progress_add",
    "steps_from",
]
