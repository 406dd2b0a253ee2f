"""Each staff role against every address, action and hidden field: the generated role matrix.

The addresses come from the URL resolver and the actions from the admin registry; what
each role may do comes from tests/amf/role_matrix.py, written from the README's role
table. Every admin address (each model's list, add, change, delete, history and history
versions, custom pages such as import, check-in, statistics, compile, workflow, PDFs, the
access file, and autocomplete for every relation) is asked with GET and POST as each role
and anonymously; every action of every admin is posted as each role; and every lookup,
ordering and search on a field a role may not see is tried as that role. An access the
tables do not grant, or a refusal they do not expect, fails the test, naming each one; so
does an address, model or action the tables do not know. The module docstring of
role_matrix.py says how to add one (one line).

Speed: the records are made once for the module in a transaction rolled back at its end;
each role's test runs in its own transaction and each POST in a savepoint rolled back
straight after, so no request changes what the next one sees. PDFs are not laid out here
(amf.pdf.html_to_pdf is replaced): this test is about who gets them, and the PDFs
themselves are tested elsewhere.
"""

import dataclasses
import datetime as dt
import re

import pytest
from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR, SEARCH_VAR
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.db import transaction
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from amf.roles import ROLES as DEFINED_ROLES
from amf.services import UnknownPermission, role_sync
from delegates.services.links import access_link_issue, access_link_token
from events.models import Forum
from reports.models import Bulletin
from reports.services import STEPS
from tests import factories
from tests.amf import role_matrix as matrix
from tests.amf.role_matrix import (
    ACTIONS,
    ANONYMOUS,
    BULLETIN_STEPS,
    HIDDEN,
    MODELS,
    PAGES,
    PUBLIC,
    ROLES,
    can,
    may_change,
    may_delete,
    may_view,
)

STANDARD_PAGES = ("changelist", "add", "history", "delete", "change", "simple_history")
LANGUAGES = ("th", "en")
HIDDEN_VALUES = {
    "delegates.person": {"email": "hidden.person@example.org", "phone": "+66 2 111 2233"},
    "delegates.participation": {
        "response": None,
        "dietary_needs": "Hiddendiet",
        "hotel": "Hiddenhotel",
        "passport_number": "HX1234567",
        "delegate_changed_at": None,
    },
    "reports.feedback": {"name": "Hiddenname Sender", "email": "hidden.sender@example.net"},
    "delegates.stagedimport": {"token": "hidden-token-12345", "data": None},
    "delegates.outgoingemail": {
        "to_address": "hidden.recipient@example.org",
        "subject": "Hiddensubject",
        "body": "Hiddenbody",
    },
}


# The records every address is asked about, made once for the module.


@pytest.fixture(scope="module")
def records(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield make_records()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def make_records() -> dict:
    series = factories.ForumSeriesFactory()
    forum = factories.ForumFactory(series=series, edition=4)
    factories.ForumFactory(series=series, edition=5)
    forum.frameworks.add(factories.FrameworkFactory())
    session = factories.SessionFactory(forum=forum)
    factories.RoomFactory(venue=forum.venue)
    factories.PriorityFactory(forum=forum)
    document = factories.OutcomeDocumentFactory(forum=forum, with_file=True)
    material = factories.SessionMaterialFactory(session=session)
    factories.RelatedEventFactory(forum=forum)
    city = factories.OrganisationFactory()
    office = factories.OrganisationFactory(parent=city)
    factories.ForumPartnerFactory(forum=forum, organisation=city)
    factories.ForumRegistrationFactory(forum=forum)
    factories.SelfRegistrationFactory(participation__forum=forum)
    person = factories.PersonFactory(
        organisation=city,
        **HIDDEN_VALUES["delegates.person"],
        bio_th="<p>ชีวประวัติ</p>",
        with_photo=True,
    )
    participation = factories.ParticipationFactory(
        forum=forum,
        person=person,
        delegation=city,
        consents_to_photographs=True,
        response="accepted",
        delegate_changed_at=dt.datetime(2019, 8, 1, tzinfo=dt.UTC),
        **{
            name: value for name, value in HIDDEN_VALUES["delegates.participation"].items() if value
        },
    )
    factories.AttendanceFactory(participation=participation)
    factories.SessionRoleFactory(session=session, person=person)
    factories.ExportLogFactory(forum=forum)
    factories.AnonymisationFactory(forum=forum)
    factories.StagedImportFactory(token=HIDDEN_VALUES["delegates.stagedimport"]["token"])
    factories.InvitationTextFactory(forum=forum)
    factories.OutgoingEmailFactory(
        participation=participation, **HIDDEN_VALUES["delegates.outgoingemail"]
    )
    factories.ProgrammeNoticeFactory(forum=forum)
    factories.ForumLetterSettingsFactory(forum=forum)
    letter = factories.IssuedLetterFactory(participation=participation)
    plan = factories.SeatingPlanFactory(session=session)
    factories.SeatFactory(plan=plan, participation=participation)
    bulletins = {
        status: factories.BulletinFactory(
            forum=forum, reporter=person, **({} if status == "draft" else {status: True})
        )
        for status in ("draft", "submitted", "acknowledged", "published")
    }
    factories.BulletinRevisionFactory(bulletin=bulletins["published"])
    action = factories.FollowUpActionFactory(forum=forum, bulletin=bulletins["draft"], owner=office)
    factories.ProgressNoteFactory(action=action)
    factories.FeedbackFactory(bulletin=bulletins["published"], **HIDDEN_VALUES["reports.feedback"])
    factories.MissionGroupFactory()
    Group.objects.get_or_create(name="Editors")
    users = {}
    for role in ROLES:
        users[role] = factories.UserFactory(username=f"matrix-{role.lower()}", is_staff=True)
        users[role].groups.add(Group.objects.get(name=role))
    users["superuser"] = factories.SuperuserFactory(username="matrix-superuser")
    # Each job is its starter's alone (role_matrix.OWN_RECORDS): this one is the OWNER's.
    job = factories.JobFactory(user=users[matrix.OWNER], forum=forum)
    factories.JobFileFactory(job=job)
    # A personal link that still opens: its forum is yet to come.
    coming = factories.ForumFactory(
        start_date=dt.date.today() + dt.timedelta(days=30),
        end_date=dt.date.today() + dt.timedelta(days=32),
    )
    link = access_link_issue(participation=factories.ParticipationFactory(forum=coming))
    return {
        "forum": forum,
        "token": access_link_token(link),
        "session": session,
        "person": person,
        "outcome_document": document,
        "session_material": material,
        "job": job,
        "issued_letter": letter,
        "bulletins": bulletins,
        "users": users,
    }


@pytest.fixture(autouse=True)
def _no_pdf_layout(monkeypatch):
    monkeypatch.setattr("amf.pdf.html_to_pdf", lambda html: b"%PDF-1.7 role matrix\n")


# The addresses, from the resolver.


def walk(patterns, namespace=None, route=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(
                pattern.url_patterns, pattern.namespace or namespace, route + str(pattern.pattern)
            )
        elif isinstance(pattern, URLPattern):
            yield namespace, pattern.name, route + str(pattern.pattern)


def model_label_of(route: str) -> str | None:
    match = re.search(r"admin/(\w+)/(\w+)/", route)
    if match is None:
        return None
    for model in admin.site._registry:
        if (model._meta.app_label, model._meta.model_name) == match.groups():
            return model._meta.label_lower
    return None


def admin_addresses() -> tuple[list[tuple], list[str]]:
    """(kind, name, label) for every admin URL pattern, and the ones no table knows."""
    addresses, unknown = [], []
    for namespace, name, route in walk(get_resolver().url_patterns):
        if namespace != "admin":
            continue
        label = model_label_of(route)
        if name is None:
            if route.endswith("(?P<url>.*)$"):
                addresses.append(("page", "catch_all", None))
            elif label and route.endswith("<path:object_id>/"):
                addresses.append(("model", "redirect", label))
            else:
                unknown.append(route)
            continue
        app_model = label.replace(".", "_") + "_" if label else None
        kind = name.removeprefix(app_model) if app_model else None
        if label and kind in STANDARD_PAGES:
            addresses.append(("model", kind, label))
        elif name in PAGES:
            addresses.append(("page", name, label))
        else:
            unknown.append(name)
    return addresses, unknown


def registered_labels() -> set[str]:
    return {model._meta.label_lower for model in admin.site._registry}


def sample(label: str):
    model = next(m for m in admin.site._registry if m._meta.label_lower == label)
    return model._default_manager.order_by("pk").first()


def objects_of(label: str, records) -> list:
    if label == "reports.bulletin":
        return list(records["bulletins"].values())
    if label == "amf.job":
        return [records["job"]]
    return [sample(label)]


def model_variants(kind: str, label: str, records) -> list[dict]:
    """The addresses of one standard page of a model, each with its expectation's variant."""
    app_label, model_name = label.split(".")
    prefix = f"admin:{app_label}_{model_name}"
    if kind in ("changelist", "add"):
        return [{"url": reverse(f"{prefix}_{kind}")}]
    # A bulletin's state changes who may change or delete it: each state is asked there.
    objects = objects_of(label, records)
    if kind in ("history", "redirect"):
        objects = objects[:1]
    variants = []
    for obj in objects:
        if kind == "simple_history":
            version = obj.history.latest().history_id
            url = reverse(f"{prefix}_simple_history", args=[obj.pk, version])
        elif kind == "redirect":
            url = reverse(f"{prefix}_change", args=[obj.pk]).removesuffix("change/")
        else:
            url = reverse(f"{prefix}_{kind}", args=[obj.pk])
        variants.append({"url": url, "obj": obj})
    return variants


def model_rules(kind: str, label: str) -> tuple:
    """(GET rule, POST rule) of a model's standard page, from the tables."""
    view = can(label, "v")
    return {
        "changelist": (view, can(label, "c") if label in matrix.LIST_EDITABLE else view),
        "add": (can(label, "a"), can(label, "a")),
        "change": ("edit-or-read", may_change(label)),
        "delete": (may_delete(label), may_delete(label)),
        "history": (may_view(label), matrix.NOBODY),
        "simple_history": (may_view(label), may_change(label)),
        "redirect": (matrix.STAFF, matrix.STAFF),
    }[kind]


def autocomplete_variants() -> list[dict]:
    """One autocomplete address per relation of every admin's model and inline model."""
    sources = set()
    for model, model_admin in admin.site._registry.items():
        sources.add(model)
        sources.update(inline.model for inline in model_admin.inlines)
    variants = []
    for source in sorted(sources, key=lambda m: m._meta.label_lower):
        for field in source._meta.get_fields():
            if not (field.is_relation and field.concrete and field.related_model):
                continue
            target = field.related_model
            target_admin = admin.site._registry.get(target)
            if target_admin is None:
                continue
            params = {
                "app_label": source._meta.app_label,
                "model_name": source._meta.model_name,
                "field_name": field.name,
                "term": "a",
            }
            query = "&".join(f"{k}={v}" for k, v in params.items())
            variants.append(
                {
                    "url": f"{reverse('admin:autocomplete')}?{query}",
                    "target": target._meta.label_lower,
                    "searchable": bool(target_admin.search_fields),
                }
            )
    return variants


def page_variants(name: str, records) -> list[dict]:
    page = PAGES[name]
    forum, bulletins = records["forum"], records["bulletins"]
    fill = page.fill
    if fill == "none":
        return [{"url": reverse(f"admin:{name}")}]
    if fill == "forum":
        return [{"url": reverse(f"admin:{name}", args=[forum.pk])}]
    if fill == "person":
        return [{"url": reverse(f"admin:{name}", args=[records["person"].pk])}]
    if fill == "participation":
        return [{"url": reverse(f"admin:{name}", args=[sample("delegates.participation").pk])}]
    if fill == "seating_plan":
        return [{"url": reverse(f"admin:{name}", args=[sample("delegates.seatingplan").pk])}]
    if fill == "seating_plan_language":
        plan = sample("delegates.seatingplan")
        return [{"url": reverse(f"admin:{name}", args=[plan.pk, lang])} for lang in LANGUAGES]
    if fill == "file_format":
        return [{"url": reverse(f"admin:{name}", args=[ext])} for ext in ("csv", "xlsx")]
    if fill == "job":
        return [{"url": reverse(f"admin:{name}", args=[records["job"].pk])}]
    if fill == "issued_letter":
        return [{"url": reverse(f"admin:{name}", args=[records["issued_letter"].pk])}]
    if fill == "user":
        return [{"url": reverse(f"admin:{name}", args=[records["users"]["Viewer"].pk])}]
    if fill == "catch_all":
        return [{"url": reverse("admin:index") + "no-such-page/"}]
    if fill == "app_list":
        apps = sorted({label.split(".")[0] for label in registered_labels()})
        return [{"url": reverse("admin:app_list", args=[app]), "app": app} for app in apps]
    if fill == "view_on_site":
        content_type = ContentType.objects.get_for_model(Forum)
        return [{"url": reverse("admin:view_on_site", args=[content_type.pk, forum.pk])}]
    if fill == "autocomplete":
        return autocomplete_variants()
    if fill == "bulletin_language":
        # Any bulletin, whatever its state, in either language.
        return [
            {"url": reverse(f"admin:{name}", args=[bulletins[state].pk, language])}
            for state, language in (("draft", "th"), ("published", "en"))
        ]
    if fill == "revision_language":
        revision = sample("reports.bulletinrevision")
        return [
            {"url": reverse(f"admin:{name}", args=[revision.pk, language])}
            for language in LANGUAGES
        ]
    if fill == "bulletin_step":
        # Refused or allowed by the step's permission, whatever the bulletin's state (a step
        # from the wrong state is allowed and answered with a message).
        return [
            {"url": reverse(f"admin:{name}", args=[bulletins["submitted"].pk, step]), "step": step}
            for step in [*BULLETIN_STEPS, "fly"]
        ]
    raise AssertionError(f"PAGES[{name!r}] has an unknown fill {fill!r}")


# Asking.


@dataclasses.dataclass
class Cell:
    who: str
    method: str
    url: str
    expected: str
    answered: str


def answer(response, who: str) -> str:
    """What a response granted: "ok", "refused", or for GET of a change page "edit"/"read"."""
    status = response.status_code
    if status >= 500:
        return f"server error {status}"
    if status in (401, 403, 404, 405):
        return "refused"
    if 300 <= status < 400:
        location = response["Location"]
        # Anonymous visitors are sent to log in (logout sends them to the index, which does).
        if who == ANONYMOUS and (
            "/admin/login/" in location or location.endswith(reverse("admin:index"))
        ):
            return "refused"
        return "ok"
    if status == 400:
        return "bad request"
    return "ok"


def post_data(kind: str) -> dict:
    # Empty forms: each write is tried up to its permission check and validation, and a
    # deletion needs a confirmation ("post") that is not sent.
    return {"_save": "1"} if kind == "changelist" else {}


def ask(client, who: str, method: str, url: str, data=None):
    if method == "GET":
        return client.get(url)
    # Rolled back, cookies included: a POST to "log out" must not end the next request's login.
    cookies = client.cookies
    client.cookies = type(cookies)(cookies)
    with transaction.atomic():
        response = client.post(url, data or {})
        transaction.set_rollback(True)
    client.cookies = cookies
    return response


def expect(rule, who: str, variant: dict) -> str:
    return "ok" if rule(who, variant) else "refused"


def check_address(client, who, kind, name, label, records, cells):
    if kind == "model":
        variants = model_variants(name, label, records)
        get_rule, post_rule = model_rules(name, label)
    else:
        variants = page_variants(name, records)
        get_rule, post_rule = PAGES[name].get, PAGES[name].post
    for variant in variants:
        if get_rule == "edit-or-read":
            response = client.get(variant["url"])
            got = answer(response, who)
            if got == "ok" and response.context is not None:
                got = "edit" if response.context["has_change_permission"] else "read"
            if may_change(label)(who, variant):
                expected = "edit"
            else:
                expected = "read" if may_view(label)(who, variant) else "refused"
            cells.append(Cell(who, "GET", variant["url"], expected, got))
        else:
            response = ask(client, who, "GET", variant["url"])
            cells.append(
                Cell(
                    who,
                    "GET",
                    variant["url"],
                    expect(get_rule, who, variant),
                    answer(response, who),
                )
            )
        response = ask(client, who, "POST", variant["url"], post_data(name))
        cells.append(
            Cell(
                who, "POST", variant["url"], expect(post_rule, who, variant), answer(response, who)
            )
        )


def check_actions(client, who, records, cells):
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label_lower
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for _func, name, _description in model_admin._get_base_actions():
            if name == "delete_selected":
                rule = can(label, "d")
            else:
                declared = ACTIONS[label][name]
                rule = can(label, declared) if isinstance(declared, str) else declared
            obj = objects_of(label, records)[0]
            data = {"action": name, "_selected_action": [obj.pk], "index": 0}
            response = ask(client, who, "POST", url, data)
            cells.append(
                Cell(who, f"action {name}", url, expect(rule, who, {}), answer(response, who))
            )


LOOKUPS = ("startswith", "contains", "isnull")


def hidden_lookups(label: str, depth: int = 2):
    """Lookup paths from `label`'s model to the hidden fields of any model, within `depth`."""
    model = next(m for m in admin.site._registry if m._meta.label_lower == label)
    paths = [("", model)]
    found = []
    for _ in range(depth + 1):
        next_paths = []
        for prefix, current in paths:
            hidden = HIDDEN.get(current._meta.label_lower)
            if hidden:
                fields, who_sees = hidden
                for field_name in sorted(fields):
                    found.append((f"{prefix}{field_name}", current._meta.label_lower, who_sees))
            for field in current._meta.get_fields():
                if field.is_relation and field.related_model and not field.many_to_many:
                    next_paths.append((f"{prefix}{field.name}__", field.related_model))
        paths = next_paths
    return found


def ask_list(model_admin, user, params: dict):
    """`model_admin`'s list as `user` would get it with `params`: "refused", or its ChangeList.

    Straight to the admin's own view, which holds the guard (amf/guard.py), and unrendered:
    the address cells above have taken every list through the whole request path, and the
    thousands of lookups here need only the guard's answer, in a tenth of the time.
    """
    request = RequestFactory().get("/", params)
    request.user = user
    try:
        response = model_admin.changelist_view(request)
    except (SuspiciousOperation, BadRequest, PermissionDenied):
        # What the request handler turns into a 400 or a 403.
        return "refused"
    if response.status_code != 200:
        return answer(response, user.username)
    return response.context_data["cl"]


def check_hidden(who, records, cells):
    """Filters, orderings and searches on fields `who` may not see: refused, or no answer."""
    user = records["users"][who]
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label_lower
        paths = [entry for entry in hidden_lookups(label) if not entry[2](who, {})]
        if not paths or not can(label, "v")(who):
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for number, (path, _owner, _who_sees) in enumerate(paths):
            # Every lookup on the model's own hidden fields; through a relation, one lookup a
            # path, taking turns: the guard decides by the path, whatever the lookup.
            related = "__" in path
            lookups = (LOOKUPS[number % len(LOOKUPS)],) if related else LOOKUPS
            for lookup in lookups:
                value = "False" if lookup == "isnull" else "h"
                got = ask_list(model_admin, user, {f"{path}__{lookup}": value})
                got = got if isinstance(got, str) else "ok"
                cells.append(Cell(who, "GET", f"{url}?{path}__{lookup}", "refused", got))
        # Searching for a hidden value finds nothing.
        for owner in {owner for _path, owner, _who_sees in paths}:
            for value in filter(None, HIDDEN_VALUES[owner].values()):
                got = ask_list(model_admin, user, {SEARCH_VAR: value})
                found = 0 if isinstance(got, str) else got.result_count
                got = "refused" if found == 0 else f"found {found}"
                cells.append(Cell(who, "GET", f"{url}?q={value}", "refused", got))
        # The columns a privileged user has and this role has not: asking to order by their
        # place in the list orders by no hidden field (a 400, or a column of its own list).
        hidden_paths = {path for path, _owner, _who_sees in paths}
        own = list_columns(model_admin, user)
        for index, column in enumerate(list_columns(model_admin, records["users"]["superuser"])):
            if column in own:
                continue
            got = ask_list(model_admin, user, {ORDER_VAR: str(index)})
            if not isinstance(got, str):
                ordering = [str(part).lstrip("-") for part in got.queryset.query.order_by]
                hidden_order = any(part in hidden_paths for part in ordering)
                got = f"ordered by {ordering}" if hidden_order else "safe"
            elif got == "refused":
                got = "safe"
            cells.append(Cell(who, "GET", f"{url}?o={index}", "safe", got))


def list_columns(model_admin, user) -> list:
    request = type("Request", (), {"user": user, "GET": {}, "POST": {}})()
    columns = list(model_admin.get_list_display(request))
    if model_admin.get_actions(request):
        columns.insert(0, "action_checkbox")
    return columns


def report(who: str, cells, hidden) -> None:
    """Print this role's figures (pytest -s, or -rP, shows them)."""
    unintended = [
        c
        for c in [*cells, *hidden]
        if c.expected in ("refused", "safe", "read")
        and c.answered not in ("refused", "safe", "read")
    ]
    granted = sum(cell.answered in ("ok", "edit", "read") for cell in cells)
    print(
        f"role matrix {who}: {len(cells)} address/action cells ({granted} granted, "
        f"{len(cells) - granted} refused), {len(hidden)} hidden-field lookups, "
        f"{len(unintended)} unintended accesses"
    )


def mismatches(cells) -> list[str]:
    return [
        f"{cell.who} {cell.method} {cell.url}: expected {cell.expected}, got {cell.answered}"
        for cell in cells
        if cell.expected != cell.answered
    ]


# The tests.


def test_every_admin_address_model_and_action_has_an_expectation():
    addresses, unknown = admin_addresses()
    missing_models = sorted(registered_labels() - MODELS.keys())
    missing_actions = [
        f"{model._meta.label_lower}: {name}"
        for model, model_admin in admin.site._registry.items()
        for _f, name, _d in model_admin._get_base_actions()
        if name != "delete_selected" and name not in ACTIONS.get(model._meta.label_lower, {})
    ]
    public = {
        f"{namespace}:{name}" if namespace else name
        for namespace, name, _route in walk(get_resolver().url_patterns)
        if namespace != "admin"
    }

    assert not unknown, f"admin addresses with no line in role_matrix.PAGES: {unknown}"
    assert not missing_models, f"admin models with no row in role_matrix.MODELS: {missing_models}"
    assert not missing_actions, f"actions with no line in role_matrix.ACTIONS: {missing_actions}"
    assert not public - PUBLIC.keys(), (
        f"public addresses with no line in PUBLIC: {public - PUBLIC.keys()}"
    )
    assert set(BULLETIN_STEPS) == set(STEPS), "a workflow step has no line in BULLETIN_STEPS"
    assert len(addresses) > 100


@pytest.mark.parametrize("who", [*ROLES, ANONYMOUS])
def test_each_role_gets_exactly_what_the_role_table_grants(client, records, db, who):
    if who != ANONYMOUS:
        client.force_login(records["users"][who])
    cells: list[Cell] = []
    addresses, _unknown = admin_addresses()
    for kind, name, label in addresses:
        check_address(client, who, kind, name, label, records, cells)
    check_actions(client, who, records, cells)
    hidden: list[Cell] = []
    if who != ANONYMOUS:
        check_hidden(who, records, hidden)
    report(who, cells, hidden)

    problems = mismatches([*cells, *hidden])
    assert not problems, f"{len(problems)} cells differ:\n" + "\n".join(problems)


def test_the_public_site_answers_anonymous_visitors_and_takes_posts_only_in_its_forms(
    client, records, db
):
    forum, bulletin = records["forum"], records["bulletins"]["published"]
    values = {
        "forum": forum.slug,
        "session": records["session"].pk,
        "speaker": records["person"].pk,
        "outcome_document": records["outcome_document"].pk,
        "session_material": records["session_material"].pk,
        "bulletin": bulletin.pk,
        "token": records["token"],
    }
    cells = []
    for name, page in PUBLIC.items():
        kwargs = {key: values[source] for key, source in page.fill.items()}
        url = reverse(name, kwargs=kwargs)
        got = client.get(url)
        cells.append(Cell(ANONYMOUS, "GET", url, "ok", answer(got, ANONYMOUS)))
        posted = ask(client, ANONYMOUS, "POST", url)
        answered = "ok" if posted.status_code in (200, 302, 400) else answer(posted, ANONYMOUS)
        cells.append(Cell(ANONYMOUS, "POST", url, "ok" if page.post else "refused", answered))
    print(f"role matrix public: {len(cells)} address cells")

    problems = mismatches(cells)
    assert not problems, "\n".join(problems)


# The roles themselves.


def test_the_roles_exist_after_migrating(db):
    assert set(Group.objects.values_list("name", flat=True)) >= set(DEFINED_ROLES)
    assert (
        Group.objects.get(name="Registrar")
        .permissions.filter(codename="view_contact_details")
        .exists()
    )
    assert (
        not Group.objects.get(name="Viewer")
        .permissions.exclude(codename__startswith="view_")
        .exists()
    )


def test_the_role_table_and_the_roles_name_the_same_roles():
    assert set(ROLES) == set(DEFINED_ROLES)


def test_role_sync_puts_a_tampered_group_back(db):
    viewer = Group.objects.get(name="Viewer")
    viewer.permissions.clear()

    role_sync()

    assert viewer.permissions.count() == len(DEFINED_ROLES["Viewer"])


def test_role_sync_refuses_a_permission_no_model_defines(db):
    with pytest.raises(UnknownPermission, match=r"events\.fly_forum"):
        role_sync(roles={"Pilot": frozenset({"events.fly_forum"})})

    assert not Group.objects.filter(name="Pilot").exists()


@pytest.mark.parametrize(
    ("role", "sees_contacts"),
    [("Registrar", True), ("Editor", False), ("Viewer", False), ("Approver", False)],
)
def test_only_the_registrar_sees_a_persons_contact_details(client, db, role, sees_contacts):
    person = factories.PersonFactory(email="mayor.office@example.org", phone="+66 2 224 8177")
    user = factories.UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)

    page = client.get(reverse("admin:delegates_person_change", args=[person.pk])).content.decode()

    assert ("mayor.office@example.org" in page) is sees_contacts
    assert ("+66 2 224 8177" in page) is sees_contacts


@pytest.mark.parametrize(
    ("role", "step", "status_before", "status_after"),
    [
        ("Reporter", "submit", "draft", "submitted"),
        ("Reporter", "acknowledge", "submitted", "submitted"),
        ("Reporter", "publish", "acknowledged", "acknowledged"),
        ("Approver", "submit", "draft", "draft"),
        ("Approver", "return", "submitted", "draft"),
        ("Approver", "acknowledge", "submitted", "acknowledged"),
        ("Approver", "publish", "acknowledged", "published"),
        ("Viewer", "acknowledge", "submitted", "submitted"),
        ("Editor", "submit", "draft", "draft"),
    ],
)
def test_only_the_matching_role_moves_a_bulletin_along(
    client, db, role, step, status_before, status_after
):
    traits = {} if status_before == "draft" else {status_before: True}
    bulletin = factories.BulletinFactory(**traits)
    user = factories.UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)

    client.post(reverse("admin:reports_bulletin_workflow", args=[bulletin.pk, step]))

    assert Bulletin.objects.get(pk=bulletin.pk).status == status_after
