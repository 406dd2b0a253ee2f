"""Every admin page, for every registered model, in both languages."""

import re

import factory
import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from delegates.models import Country
from events.models import Forum, ForumSeries
from tests import factories

REGISTERED_MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)
OUR_APPS = {"events", "delegates", "reports"}


def label(model):
    return model._meta.label


def admin_url(model, page, language, *args):
    with translation.override(language):
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


def factory_for(model):
    return next(
        value
        for value in vars(factories).values()
        if isinstance(value, type)
        and issubclass(value, factory.django.DjangoModelFactory)
        and value._meta.model is model
    )


def create_rows(model, count, start):
    """Create `count` distinct rows of `model`, numbered from `start`."""
    model_factory = factory_for(model)
    for n in range(start, start + count):
        unique = {}
        # These factories get-or-create one fixed row, so each row needs its own key.
        if model is Country:
            letters = f"{chr(65 + n // 26)}{chr(65 + n % 26)}"
            unique = {"code": letters, "code3": f"{letters}X"}
        elif model is ForumSeries:
            unique = {"slug": f"series-{n}"}
        model_factory(**unique)


def admin_allows_adding(model) -> bool:
    request = RequestFactory().get("/")
    request.user = get_user_model()(is_superuser=True, is_staff=True, is_active=True)
    return admin.site._registry[model].has_add_permission(request)


def test_every_model_of_the_apps_is_in_the_admin():
    from django.apps import apps
    from simple_history.models import HistoricalChanges

    ours = {
        model
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS and not issubclass(model, HistoricalChanges)
    }

    assert ours <= set(admin.site._registry)


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("page", ["changelist", "add", "change"])
@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=label)
def test_every_admin_page_opens_for_a_superuser(
    admin_client, shared_populated_db, model, page, language
):
    args = []
    if page == "change":
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"no {label(model)} to open"
        args = [obj.pk]

    response = admin_client.get(admin_url(model, page, language, *args))

    # History and visitors' suggestions are written by services only: no add page.
    expected = 403 if page == "add" and not admin_allows_adding(model) else 200
    assert response.status_code == expected
    assert response.headers["Content-Language"] == language


@pytest.mark.parametrize(
    "model",
    [model for model in REGISTERED_MODELS if model._meta.app_label in OUR_APPS],
    ids=label,
)
def test_changelist_costs_the_same_queries_for_30_rows_as_for_3(
    admin_client, db, model, django_assert_num_queries
):
    url = admin_url(model, "changelist", "th")
    create_rows(model, 3, start=0)
    admin_client.get(url)  # Warm up the session and content type caches.
    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(url).status_code == 200
    create_rows(model, 27, start=3)

    with django_assert_num_queries(len(few.captured_queries)):
        response = admin_client.get(url)

    assert response.context["cl"].result_count == model._default_manager.count() >= 30


def test_change_page_has_thai_and_english_tabs_served_locally(admin_client, shared_populated_db):
    forum = Forum.objects.get()

    html = admin_client.get(admin_url(Forum, "change", "th", forum.pk)).content.decode()

    assert 'name="title_th"' in html
    assert 'name="title_en"' in html
    assert "modeltranslation/js/tabbed_translation_fields.js" in html
    assert 'src="/static/jquery-ui/jquery-ui.min.js"' in html
    scripts = re.findall(r'<script[^>]* src="([^"]+)"', html)
    assert scripts
    assert not [src for src in scripts if src.startswith(("//", "http:", "https:"))]


@pytest.mark.parametrize(
    ("language", "header"),
    [("th", "AMF – ระบบข้อมูลการประชุมระหว่างประเทศ"), ("en", "AMF – International forums")],
)
def test_admin_site_carries_the_applications_title_in_the_page_language(
    admin_client, language, header
):
    with translation.override(language):
        html = admin_client.get(reverse("admin:index")).content.decode()

    assert re.search(rf'<div id="site-name"><a href="[^"]+">{header}</a></div>', html)


@pytest.mark.parametrize("model", ["forum", "session"])
def test_a_change_address_whose_id_is_not_a_number_is_not_found(admin_client, model):
    response = admin_client.get(f"/th/admin/events/{model}/1/change/widgets.css/change/")

    assert response.status_code == 404
