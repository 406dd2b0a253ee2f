"""Random values in every parameter of every admin list: a 400 or ignored, never a 500.

Each changelist is asked with its own parameters (ordering, page, search, every field's
lookups, its list filters and date hierarchy, facets, popups) holding what a crawler, a
typo or an attacker may send: NUL and control characters, Thai and Arabic-Indic digits,
huge and negative numbers, impossible dates, unknown lookups. Hypothesis, derandomised,
so that every run tries the same values.
"""

import pytest
from django.contrib import admin
from django.contrib.admin import SimpleListFilter
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories

ODD_VALUES = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "1\x00",
    "๑๒๓",  # Thai digits
    "١٢٣",  # Arabic-Indic digits
    "۱۲۳",  # Extended Arabic-Indic digits
    "²",
    "9" * 40,
    "-9" + "9" * 30,
    "-1",
    "0",
    "1e400",
    "NaN",
    "2019-13-45",
    "2019-02-30",
    "0000-00-00",
    "9999-12-31",
    "99999",
    "2562-08-26",
    "1,2,x",
    ",,",
    "True",
    "maybe",
    "' OR 1=1 --",
    "%",
    "\\",
    "\ud7ff\uffff",
    "\u200b",
    "a" * 300,
]
values = st.one_of(
    st.sampled_from(ODD_VALUES), st.text(max_size=20), st.integers().map(str), st.dates().map(str)
)
fuzz = settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
LOOKUPS = ("", "__exact", "__iexact", "__gte", "__lt", "__in", "__isnull", "__year", "__regex")
ADMINS = sorted(
    (
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in {"events", "delegates", "reports"}
    ),
    key=lambda entry: entry[0]._meta.label_lower,
)


def parameter_names(model, model_admin) -> list[str]:
    names = ["o", "p", "q", "e", "all", "_facets", "_to_field", "_popup", "_changelist_filters"]
    for field in model._meta.concrete_fields:
        names += [f"{field.name}{lookup}" for lookup in LOOKUPS]
        if field.is_relation:
            names += [f"{field.name}__id__exact", f"{field.name}__pk"]
    for item in model_admin.list_filter:
        if isinstance(item, type) and issubclass(item, SimpleListFilter):
            names.append(item.parameter_name)
            continue
        path = item[0] if isinstance(item, list | tuple) else item
        names += [f"{path}{lookup}" for lookup in ("", "__exact", "__id__exact", "__isnull")]
        names += [f"{path}__gte", f"{path}__lt"]
    if model_admin.date_hierarchy:
        names += [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    return names


@pytest.fixture
def superuser_client(client, shared_populated_db):
    factories.BulletinFactory(forum=shared_populated_db, published=True)
    client.force_login(factories.SuperuserFactory())
    return client


@pytest.mark.parametrize(
    ("model", "model_admin"), ADMINS, ids=[model._meta.label_lower for model, _ in ADMINS]
)
def test_every_changelist_answers_any_parameter_without_a_server_error(
    superuser_client, model, model_admin
):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    names = parameter_names(model, model_admin)

    @fuzz
    @given(params=st.dictionaries(st.sampled_from(names), values, min_size=1, max_size=4))
    def ask(params):
        response = superuser_client.get(url, params)
        assert response.status_code in (200, 302, 400), (params, response.status_code)

    ask()


@pytest.mark.parametrize(
    "value", ["\x00", "๑", "9" * 40, "2019-13-45", "o=%00", "forum__id__exact=9" + "9" * 30]
)
def test_a_change_page_answers_any_preserved_filter(superuser_client, value):
    forum = factories.ForumFactory()
    url = reverse("admin:events_forum_change", args=[forum.pk])

    response = superuser_client.get(url, {"_changelist_filters": value})

    assert response.status_code == 200


@pytest.mark.parametrize("term", ["\x00", "a\x00", "๑๒๓", "9" * 40, "%", "' OR 1=1 --"])
@pytest.mark.parametrize(
    ("source", "field"), [("delegates.participation", "person"), ("events.session", "forum")]
)
def test_autocomplete_answers_any_search_term(superuser_client, source, field, term):
    app_label, model_name = source.split(".")

    response = superuser_client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field, "term": term},
    )

    assert response.status_code in (200, 400)


@pytest.mark.parametrize("selected", ["abc", "\x00", "9" * 40, "-1", "๑", "1.5", ""])
@pytest.mark.parametrize(
    ("changelist", "action"),
    [
        ("admin:reports_followupaction_changelist", "export_csv"),
        ("admin:delegates_participation_changelist", "mark_confirmed"),
        ("admin:events_forum_changelist", "delete_selected"),
    ],
)
def test_an_action_on_a_forged_selection_is_refused_not_a_server_error(
    superuser_client, changelist, action, selected
):
    response = superuser_client.post(
        reverse(changelist), {"action": action, "_selected_action": [selected], "index": 0}
    )

    assert response.status_code in (200, 302, 400)


@pytest.mark.parametrize("value", ["²", "๑๒๓", "١", "9" * 40, "\x00", "-1", "1.0"])
def test_the_delegate_pages_answer_any_forum_or_participation(superuser_client, value):
    check_in = reverse("admin:delegates_participation_check_in")
    changelist = reverse("admin:delegates_participation_changelist")

    answers = [
        superuser_client.get(check_in, {"forum": value, "day": value, "q": value}),
        superuser_client.post(check_in, {"forum": value, "participation": value}),
        superuser_client.get(changelist, {"forum__id__exact": value}),
    ]

    assert [answer.status_code < 500 for answer in answers] == [True, True, True]


AUTOCOMPLETED = [
    (model, name)
    for model, model_admin in admin.site._registry.items()
    for name in model_admin.autocomplete_fields
]


@pytest.mark.parametrize("value", ["abc", "1e5", "\u0e51"])
@pytest.mark.parametrize(("model", "field"), AUTOCOMPLETED, ids=lambda v: getattr(v, "__name__", v))
def test_an_add_page_answers_an_unreadable_choice_without_a_server_error(
    superuser_client, model, field, value
):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")

    opened = superuser_client.get(url, {field: value})
    posted = superuser_client.post(url, {field: value})

    assert opened.status_code in (200, 403)
    assert posted.status_code in (200, 403)
