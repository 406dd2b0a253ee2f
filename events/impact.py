"""Which forums' public pages show a row: one rule per model, each written once.

A forum's public pages are cached under its version (`events.services.forum_touch`). The
services that write ask these rules which forums show the rows they change, before and
after the change, and move those forums' versions. Each app states the rules for its own
models in its `impact` module, loaded when the app is ready; a model must either have a
rule or be declared as shown on no public page, so that a new model is a decision.

A rule takes primary keys (a list or a queryset of them) and returns a condition on
Forum. Rules filter with `pk__in=<subquery>`, never across several many-valued relations
at once, which would join every participation to every session of a forum.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db import models
from django.db.models import Q

from amf.bulk import values_in
from events.models import (
    Forum,
    ForumSeries,
    Framework,
    OutcomeDocument,
    Priority,
    ProgrammeNotice,
    RelatedEvent,
    Room,
    Session,
    SessionMaterial,
    Venue,
)

Rule = Callable[[Iterable], Q]

_rules: dict[type[models.Model], list[Rule]] = defaultdict(list)
_unshown_fields: dict[type[models.Model], set[str]] = defaultdict(set)
_not_shown: set[type[models.Model]] = set()


def shown_on_forums(
    model: type[models.Model], *, except_fields: Iterable[str] = ()
) -> Callable[[Rule], Rule]:
    """Register a rule naming the forums whose public pages show rows of `model`.

    Several apps may add rules for one model (a person is shown by delegates' pages and by
    bulletins); a row's forums are those of any of its rules. A change to `except_fields`
    alone (contact details, badges) shows on no public page and moves no version, which
    matters at a check-in desk issuing badges while the programme is being read.
    """

    def register(rule: Rule) -> Rule:
        _rules[model].append(rule)
        _unshown_fields[model].update(except_fields)
        return rule

    return register


def shows_change(model: type[models.Model], fields: Iterable[str]) -> bool:
    """Whether a change to `fields` of a row of `model` can show on a public page."""
    model = model._meta.concrete_model
    return model in _rules and not set(fields) <= _unshown_fields[model]


def not_shown_on_forums(*models_: type[models.Model]) -> None:
    """Declare models that no public page shows, so changing them moves no version."""
    _not_shown.update(models_)


def is_declared(model: type[models.Model]) -> bool:
    """Whether `model` has a rule or is declared as shown on no public page."""
    model = model._meta.concrete_model
    return model in _rules or model in _not_shown


def forum_condition(model: type[models.Model], pks: Iterable) -> Q | None:
    """The condition on Forum matching the forums that show the rows `pks` of `model`.

    None when no public page shows such rows.
    """
    rules = _rules.get(model._meta.concrete_model)
    if not rules:
        return None
    condition = Q()
    for rule in rules:
        condition |= rule(pks)
    return condition


def forums_showing(rows: dict[type[models.Model], Iterable]) -> dict[int, str]:
    """The forums whose public pages show any of `rows` (model → pks), as id → slug."""
    condition = Q()
    for model, pks in rows.items():
        if isinstance(pks, list | set | tuple):
            if not pks:
                continue
            pks = values_in(sorted(pks), "bigint")
        part = forum_condition(model, pks)
        if part is not None:
            condition |= part
    if not condition:
        return {}
    return dict(Forum.objects.filter(condition).order_by().values_list("pk", "slug"))


@shown_on_forums(Forum)
def _forum(pks):
    return Q(pk__in=pks)


@shown_on_forums(ForumSeries)
def _series(pks):
    return Q(series__in=pks)


@shown_on_forums(Venue)
def _venue(pks):
    return Q(venue__in=pks) | Q(pk__in=Session.objects.filter(room__venue__in=pks).values("forum"))


@shown_on_forums(Room)
def _room(pks):
    # A forum's pages name the rooms of its sessions, and its venue's.
    return Q(pk__in=Session.objects.filter(room__in=pks).values("forum")) | Q(
        venue__in=Room.objects.filter(pk__in=pks).values("venue")
    )


@shown_on_forums(Session)
def _session(pks):
    return Q(pk__in=Session.objects.filter(pk__in=pks).values("forum"))


@shown_on_forums(SessionMaterial)
def _session_material(pks):
    return Q(pk__in=SessionMaterial.objects.filter(pk__in=pks).values("session__forum"))


@shown_on_forums(Priority)
def _priority(pks):
    return Q(pk__in=Priority.objects.filter(pk__in=pks).values("forum"))


@shown_on_forums(OutcomeDocument)
def _outcome_document(pks):
    return Q(pk__in=OutcomeDocument.objects.filter(pk__in=pks).values("forum"))


@shown_on_forums(RelatedEvent)
def _related_event(pks):
    return Q(pk__in=RelatedEvent.objects.filter(pk__in=pks).values("forum"))


@shown_on_forums(Framework)
def _framework(pks):
    return Q(pk__in=Forum.frameworks.through.objects.filter(framework__in=pks).values("forum"))


@shown_on_forums(ProgrammeNotice)
def _programme_notice(pks):
    return Q(pk__in=ProgrammeNotice.objects.filter(pk__in=pks).values("forum"))
