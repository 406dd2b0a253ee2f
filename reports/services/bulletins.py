"""The bulletin's workflow and who may change its text, each written once.

Draft → submitted → acknowledged → published, and a submitted bulletin may be returned to
its draft. `STEPS` says what each step needs and does; `TEXT_RULES` says who may change the
text in each state and whether a change is a revision with a reason. The admin's buttons,
list actions and read-only fields are all read from these two tables.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.services import forum_touch, object_save
from reports.document import snapshot
from reports.models import Bulletin, BulletinRevision

Status = Bulletin.Status
Event = BulletinRevision.Event
# The fields the workflow sets; saving the text never changes them.
WORKFLOW_FIELDS = (
    "status",
    "submitted_at",
    "submitted_by",
    "acknowledged_at",
    "acknowledged_by",
    "published_at",
    "published_by",
)


@dataclass(frozen=True)
class Step:
    """One step of the workflow: from which status to which, by whom, and what it records."""

    name: str
    source: str
    target: str
    permission: str
    event: str
    label: str
    done: str
    denied: str
    wrong_status: str
    # "submitted" stamps submitted_at and submitted_by; the fields in `clears` are emptied.
    stamp: str | None = None
    clears: tuple[str, ...] = ()
    takes_note: bool = False


STEPS: dict[str, Step] = {
    step.name: step
    for step in (
        Step(
            name="submit",
            source=Status.DRAFT,
            target=Status.SUBMITTED,
            permission="reports.submit_bulletin",
            event=Event.SUBMITTED,
            stamp="submitted",
            label=_("Submit for acknowledgement"),
            done=_("“%(bulletin)s” was submitted for acknowledgement."),
            denied=_("You do not have permission to submit bulletins."),
            wrong_status=_("Only a draft can be submitted; this bulletin is %(status)s."),
        ),
        Step(
            name="return",
            source=Status.SUBMITTED,
            target=Status.DRAFT,
            permission="reports.acknowledge_bulletin",
            event=Event.RETURNED,
            clears=("submitted_at", "submitted_by"),
            takes_note=True,
            label=_("Return to the reporter for changes"),
            done=_("“%(bulletin)s” was returned to its reporter as a draft."),
            denied=_("You do not have permission to return bulletins."),
            wrong_status=_(
                "Only a submitted bulletin can be returned; this bulletin is %(status)s."
            ),
        ),
        Step(
            name="acknowledge",
            source=Status.SUBMITTED,
            target=Status.ACKNOWLEDGED,
            permission="reports.acknowledge_bulletin",
            event=Event.ACKNOWLEDGED,
            stamp="acknowledged",
            label=_("Acknowledge"),
            done=_("“%(bulletin)s” was acknowledged."),
            denied=_("You do not have permission to acknowledge bulletins."),
            wrong_status=_(
                "Only a submitted bulletin can be acknowledged; this bulletin is %(status)s."
            ),
        ),
        Step(
            name="publish",
            source=Status.ACKNOWLEDGED,
            target=Status.PUBLISHED,
            permission="reports.publish_bulletin",
            event=Event.PUBLISHED,
            stamp="published",
            label=_("Publish"),
            done=_("“%(bulletin)s” was published."),
            denied=_("You do not have permission to publish bulletins."),
            wrong_status=_(
                "Only an acknowledged bulletin can be published; this bulletin is %(status)s."
            ),
        ),
    )
}


@dataclass(frozen=True)
class TextRule:
    """Who may change a bulletin's text in one state; `event` set: only as a revision."""

    permission: str | None
    event: str | None = None


TEXT_RULES: dict[str, TextRule] = {
    # The reporter's working copy.
    Status.DRAFT: TextRule("reports.change_bulletin"),
    # What the executive is reading stays as sent; to change it, return it to the draft.
    Status.SUBMITTED: TextRule(None),
    # The record the executive acknowledged: corrected only by a publisher, with a reason.
    Status.ACKNOWLEDGED: TextRule("reports.publish_bulletin", event=Event.CORRECTED),
    # On the public site: revised only by a publisher, with a reason.
    Status.PUBLISHED: TextRule("reports.publish_bulletin", event=Event.REVISED),
}


def steps_from(status: str) -> list[Step]:
    """The steps a bulletin in `status` may take, in the order of STEPS."""
    return [step for step in STEPS.values() if step.source == status]


def bulletin_text_editable(*, bulletin: Bulletin, user: AbstractBaseUser) -> bool:
    """Whether `user` may change the text of `bulletin` in its current status."""
    permission = TEXT_RULES[bulletin.status].permission
    return permission is not None and user.has_perm(permission)


def bulletin_text_needs_reason(bulletin: Bulletin) -> bool:
    """Whether a change to the text in the bulletin's status is a revision with a reason."""
    return TEXT_RULES[bulletin.status].event is not None


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


def _text_changed(bulletin: Bulletin, current: Bulletin) -> bool:
    unchanged = {"id", "created_at", "updated_at", *WORKFLOW_FIELDS}
    return any(
        getattr(bulletin, field.attname) != getattr(current, field.attname)
        for field in Bulletin._meta.concrete_fields
        if field.name not in unchanged
    )


def _require_public_forum(bulletin: Bulletin) -> None:
    if not bulletin.forum.is_published:
        raise ValidationError(
            _(
                "Publish the forum “%(forum)s” first: a published bulletin appears on its "
                "forum's public page."
            ),
            code="forum_unpublished",
            params={"forum": bulletin.forum},
        )


@transaction.atomic
def bulletin_step(
    *, bulletin: Bulletin, user: AbstractBaseUser, step: str, note: str = ""
) -> Bulletin:
    """Take a workflow step (a name of STEPS) on `bulletin`, if `user` holds its permission.

    Records who and when (or clears them on a return) and a revision with the text as it
    stands. Publishing refreshes the forum's public pages, which list published bulletins;
    a bulletin is published only while its forum is. Raises PermissionDenied or
    ValidationError (wrong status, unpublished forum) and then changes nothing.
    """
    definition = STEPS[step]
    if not user.has_perm(definition.permission):
        raise PermissionDenied(definition.denied)
    # Locked, so two people pressing the button at once cannot both move it.
    current = Bulletin.objects.select_for_update().select_related("forum").get(pk=bulletin.pk)
    if current.status != definition.source:
        raise ValidationError(
            definition.wrong_status,
            code="wrong_status",
            params={"status": current.get_status_display()},
        )
    if definition.target == Status.PUBLISHED:
        _require_public_forum(current)
    values: dict = {"status": definition.target}
    if definition.stamp:
        values |= {f"{definition.stamp}_at": timezone.now(), f"{definition.stamp}_by": user}
    values |= dict.fromkeys(definition.clears)
    for name, value in values.items():
        setattr(current, name, value)
        setattr(bulletin, name, value)
    # The audit trail names who took the step, in a request or not.
    current._history_user = user
    current.save(update_fields=[*values, "updated_at"])
    _record_revision(current, user=user, event=definition.event, note=note.strip())
    if definition.target == Status.PUBLISHED:
        forum_touch(forums=[current.forum_id])
    return current


def bulletin_submit(*, bulletin: Bulletin, user: AbstractBaseUser) -> Bulletin:
    """Send a draft for acknowledgement (reports.submit_bulletin); see bulletin_step."""
    return bulletin_step(bulletin=bulletin, user=user, step="submit")


def bulletin_return(*, bulletin: Bulletin, user: AbstractBaseUser, note: str = "") -> Bulletin:
    """Send a submitted bulletin back to its draft (reports.acknowledge_bulletin), saying why."""
    return bulletin_step(bulletin=bulletin, user=user, step="return", note=note)


def bulletin_acknowledge(*, bulletin: Bulletin, user: AbstractBaseUser) -> Bulletin:
    """Record that the executive acknowledged a submitted bulletin; see bulletin_step."""
    return bulletin_step(bulletin=bulletin, user=user, step="acknowledge")


def bulletin_publish(*, bulletin: Bulletin, user: AbstractBaseUser) -> Bulletin:
    """Put an acknowledged bulletin on the public site; see bulletin_step."""
    return bulletin_step(bulletin=bulletin, user=user, step="publish")


@transaction.atomic
def bulletin_save(
    *, bulletin: Bulletin, user: AbstractBaseUser, note: str = ""
) -> BulletinRevision | None:
    """Save a new bulletin or changes to one's text, as TEXT_RULES allows in its status.

    `bulletin` carries the edited, unsaved text. A new bulletin is a draft and needs
    reports.add_bulletin. The workflow's fields keep their stored values whatever
    `bulletin` holds. In a status whose changes are revisions, a changed text needs a
    reason and records a revision (returned); an unchanged one saves nothing. A revised
    published bulletin refreshes the public pages of its forum (and of the forum it left).
    Raises PermissionDenied or ValidationError and then changes nothing.
    """
    if bulletin.pk is None:
        if not user.has_perm("reports.add_bulletin"):
            raise PermissionDenied(_("You do not have permission to write bulletins."))
        for name in WORKFLOW_FIELDS:
            setattr(bulletin, name, Bulletin._meta.get_field(name).get_default())
        bulletin.full_clean()
        # Written only if something changed, with the user in its audit trail.
        object_save(obj=bulletin, user=user)
        return None
    current = Bulletin.objects.select_for_update().select_related("forum").get(pk=bulletin.pk)
    rule = TEXT_RULES[current.status]
    if rule.permission is None:
        raise PermissionDenied(
            _("The text of a %(status)s bulletin cannot be changed.")
            % {"status": current.get_status_display()}
        )
    if not user.has_perm(rule.permission):
        raise PermissionDenied(
            _("You do not have permission to change the text of a %(status)s bulletin.")
            % {"status": current.get_status_display()}
        )
    for name in WORKFLOW_FIELDS:
        setattr(bulletin, name, getattr(current, name))
    if rule.event is None:
        bulletin.full_clean()
        # Written only if something changed, with the user in its audit trail.
        object_save(obj=bulletin, user=user)
        return None
    if not _text_changed(bulletin, current):
        return None
    if not note.strip():
        raise ValidationError({"revision_note": _("Say why the text changes.")}, code="required")
    if current.status == Status.PUBLISHED:
        _require_public_forum(bulletin)
    bulletin.full_clean()
    bulletin._history_user = user
    bulletin._change_reason = note.strip()[:100]
    bulletin.save()
    revision = _record_revision(bulletin, user=user, event=rule.event, note=note.strip())
    if current.status == Status.PUBLISHED:
        forum_touch(forums={current.forum_id, bulletin.forum_id})
    return revision


def bulletin_revise(*, bulletin: Bulletin, user: AbstractBaseUser, note: str) -> BulletinRevision:
    """Save edits to an acknowledged or published bulletin as a revision with a reason.

    As bulletin_save, but refuses a bulletin whose changes are not revisions (a draft is
    edited, a submitted one returned) and an edit that changes nothing.
    """
    status = Bulletin.objects.filter(pk=bulletin.pk).values_list("status", flat=True).first()
    if status is None or TEXT_RULES[status].event is None:
        raise ValidationError(
            _(
                "Only an acknowledged or published bulletin is revised; edit a draft, "
                "return a submitted bulletin to its draft."
            ),
            code="not_revisable",
        )
    revision = bulletin_save(bulletin=bulletin, user=user, note=note)
    if revision is None:
        raise ValidationError(_("The text is unchanged: there is nothing to revise."))
    return revision
