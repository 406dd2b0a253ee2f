"""The bulletin's workflow: draft → submitted → acknowledged → published, then revisions."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.services import forum_touch
from reports.document import snapshot
from reports.models import Bulletin, BulletinRevision

Status = Bulletin.Status
Event = BulletinRevision.Event


@dataclass(frozen=True)
class Step:
    permission: str
    source: str
    target: str
    field: str
    denied: str
    wrong_status: str


STEPS = {
    Status.SUBMITTED: Step(
        "reports.submit_bulletin",
        Status.DRAFT,
        Status.SUBMITTED,
        "submitted",
        _("You do not have permission to submit bulletins."),
        _("Only a draft can be submitted; this bulletin is %(status)s."),
    ),
    Status.ACKNOWLEDGED: Step(
        "reports.acknowledge_bulletin",
        Status.SUBMITTED,
        Status.ACKNOWLEDGED,
        "acknowledged",
        _("You do not have permission to acknowledge bulletins."),
        _("Only a submitted bulletin can be acknowledged; this bulletin is %(status)s."),
    ),
    Status.PUBLISHED: Step(
        "reports.publish_bulletin",
        Status.ACKNOWLEDGED,
        Status.PUBLISHED,
        "published",
        _("You do not have permission to publish bulletins."),
        _("Only an acknowledged bulletin can be published; this bulletin is %(status)s."),
    ),
}


def _record_revision(
    bulletin: Bulletin, *, user: AbstractBaseUser | None, event: str, note: str = ""
) -> BulletinRevision:
    last = bulletin.revisions.aggregate(last=Max("number"))["last"] or 0
    return BulletinRevision.objects.create(
        bulletin=bulletin,
        number=last + 1,
        event=event,
        content=snapshot(bulletin),
        note=note,
        created_by=user,
    )


@transaction.atomic
def _advance(*, bulletin: Bulletin, user: AbstractBaseUser, target: str) -> Bulletin:
    step = STEPS[target]
    if not user.has_perm(step.permission):
        raise PermissionDenied(step.denied)
    # Locked, so two people pressing the button at once cannot both move it.
    current = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    if current.status != step.source:
        raise ValidationError(
            step.wrong_status,
            code="wrong_status",
            params={"status": current.get_status_display()},
        )
    now = timezone.now()
    values = {"status": step.target, f"{step.field}_at": now, f"{step.field}_by": user}
    for name, value in values.items():
        setattr(current, name, value)
        setattr(bulletin, name, value)
    current._history_user = user
    current.save(update_fields=[*values, "updated_at"])
    _record_revision(current, user=user, event=step.target)
    if step.target == Status.PUBLISHED:
        # The forum's page lists its published bulletins.
        forum_touch(forums=[current.forum_id])
    return current


def bulletin_submit(*, bulletin: Bulletin, user: AbstractBaseUser) -> Bulletin:
    """Send a draft for acknowledgement.

    Needs reports.submit_bulletin. Records who and when, and a revision with the text submitted.
    """
    return _advance(bulletin=bulletin, user=user, target=Status.SUBMITTED)


def bulletin_acknowledge(*, bulletin: Bulletin, user: AbstractBaseUser) -> Bulletin:
    """Record that the executive acknowledged a submitted bulletin.

    Needs reports.acknowledge_bulletin. Records who and when, and a revision of the text.
    """
    return _advance(bulletin=bulletin, user=user, target=Status.ACKNOWLEDGED)


def bulletin_publish(*, bulletin: Bulletin, user: AbstractBaseUser) -> Bulletin:
    """Put an acknowledged bulletin on the public site.

    Needs reports.publish_bulletin. Records who and when, and a revision of the text published.
    """
    return _advance(bulletin=bulletin, user=user, target=Status.PUBLISHED)


@transaction.atomic
def bulletin_revise(*, bulletin: Bulletin, user: AbstractBaseUser, note: str) -> BulletinRevision:
    """Save edits to a published bulletin as a new revision, keeping the earlier ones.

    `bulletin` carries the edited, unsaved text. Needs reports.publish_bulletin and a reason.
    Saves the bulletin and records a revision with the new text, the reason, who and when.
    """
    if not user.has_perm("reports.publish_bulletin"):
        raise PermissionDenied(_("You do not have permission to revise published bulletins."))
    if not note.strip():
        raise ValidationError(
            {"revision_note": _("Say why the published text changes.")}, code="required"
        )
    status = (
        Bulletin.objects.select_for_update().filter(pk=bulletin.pk).values_list("status", flat=True)
    )
    if list(status) != [Status.PUBLISHED]:
        raise ValidationError(
            _("Only a published bulletin is revised; edit a bulletin that is not published."),
            code="not_published",
        )
    bulletin.status = Status.PUBLISHED
    bulletin.full_clean()
    bulletin._history_user = user
    bulletin._change_reason = note.strip()[:100]
    bulletin.save()
    revision = _record_revision(bulletin, user=user, event=Event.REVISED, note=note.strip())
    forum_touch(forums=[bulletin.forum_id])
    return revision
