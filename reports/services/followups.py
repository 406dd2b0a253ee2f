"""Writes for follow-up actions: filing, progress, carrying over, the digest."""

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Forum
from events.services import object_save, objects_save
from reports.digest import Digest, render_digest
from reports.models import Bulletin, FollowUpAction, ProgressNote


@transaction.atomic
def follow_up_actions_save(
    *,
    bulletin: Bulletin,
    actions: Iterable[FollowUpAction],
    removed: Iterable[FollowUpAction] = (),
    user: AbstractBaseUser | None = None,
) -> None:
    """Save actions agreed under `bulletin`, filed under its forum, and delete `removed` ones.

    Side effect: a version in each action's audit trail naming `user`.
    """
    actions = list(actions)
    for action in actions:
        action.bulletin = bulletin
        action.forum = bulletin.forum
    objects_save(saved=actions, deleted=removed, user=user)


@transaction.atomic
def follow_up_progress_add(
    *,
    action: FollowUpAction,
    text: str,
    user: AbstractBaseUser | None = None,
    noted_on: dt.date | None = None,
    status: str | None = None,
) -> ProgressNote:
    """Add a dated progress note to `action`, and move it to `status` if one is given.

    Marking it done sets its completion date to the note's date. Side effect: a change of
    status is a version in the action's audit trail naming `user`.
    """
    if not text.strip():
        raise ValidationError({"text": _("Write what progress was made.")}, code="required")
    noted_on = noted_on or timezone.localdate()
    note = ProgressNote.objects.create(
        action=action, text=text.strip(), author=user, noted_on=noted_on
    )
    if status and status != action.status:
        action.status = status
        if status == FollowUpAction.Status.DONE:
            action.completed_on = noted_on
        action.full_clean()
        object_save(obj=action, user=user)
    return note


@transaction.atomic
def follow_up_action_carry_over(
    *,
    action: FollowUpAction,
    forum: Forum,
    user: AbstractBaseUser | None = None,
    due_on: dt.date | None = None,
) -> FollowUpAction:
    """Continue an unfinished action under a later edition of the same forum series.

    Creates the new action (same text and owner) linked to the old one, which stops counting
    as pending, and notes the carry-over on the old action. Side effect: the new action's
    audit trail starts with a version naming `user` and where it was carried over from.
    """
    source = action.forum
    if forum.series_id != source.series_id or forum.edition <= source.edition:
        raise ValidationError(
            _("An action is carried over only to a later edition of the same forum series."),
            code="wrong_forum",
        )
    if action.status not in (FollowUpAction.Status.OPEN, FollowUpAction.Status.IN_PROGRESS):
        raise ValidationError(
            _("Only an open or in-progress action is carried over."), code="not_pending"
        )
    if FollowUpAction.objects.filter(carried_over_from=action).exists():
        raise ValidationError(_("This action has already been carried over."), code="carried")
    successor = FollowUpAction(
        forum=forum,
        title_th=action.title_th,
        title_en=action.title_en,
        owner=action.owner,
        due_on=due_on,
        status=FollowUpAction.Status.OPEN,
        carried_over_from=action,
    )
    successor.full_clean()
    object_save(
        obj=successor,
        user=user,
        reason=_("Carried over from %(forum)s") % {"forum": source.title},
    )
    ProgressNote.objects.create(
        action=action,
        text=_("Carried over to %(forum)s.") % {"forum": forum.title},
        author=user,
    )
    return successor


def follow_up_digest_send(*, digest: Digest, recipients: list[str]) -> int:
    """Mail the digest through Django's email backend; return the number of messages sent."""
    if not recipients:
        raise ValidationError(
            _(
                "No one to send the digest to: set FOLLOWUP_DIGEST_RECIPIENTS or give the "
                "staff who follow actions an email address."
            ),
            code="no_recipients",
        )
    subject, body = render_digest(digest)
    return send_mail(subject, body, None, recipients)
