"""The admin on the demo forum: every page of every model opens for a superuser."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from simple_history.models import HistoricalChanges

from delegates.models import Country

# Audit-trail rows are shown on their object's history page, not as models of their own.
OUR_MODELS = sorted(
    (
        m
        for m in apps.get_models()
        if m._meta.app_label in {"events", "delegates", "reports"}
        and not issubclass(m, HistoricalChanges)
    ),
    key=lambda model: model._meta.label,
)


# Logs of real exports and anonymisations, files waiting for an import's confirmation and
# what registrants sent on the public form: demo data has none to show, and nobody may add
# one by hand.
NOT_IN_DEMO = {
    "delegates.AccessLink",
    "delegates.Anonymisation",
    "delegates.ExportLog",
    "delegates.SelfRegistration",
    "delegates.StagedImport",
    # The demo writes to nobody, invites nobody and announces no change.
    "delegates.OutgoingEmail",
    "delegates.InvitationText",
    "events.ProgrammeNotice",
    # The demo's letter settings are there, but it issues no letter: its guests hold no
    # passport details.
    "delegates.IssuedLetter",
}


def admin_url(model, page, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


def rows_to_open(model):
    rows = model._default_manager.order_by("pk")
    # 249 countries add nothing over the ten the demo uses.
    return rows.filter(is_asean_member=True) if model is Country else rows


def admin_allows_adding(model) -> bool:
    request = RequestFactory().get("/")
    request.user = get_user_model()(is_superuser=True, is_staff=True, is_active=True)
    return admin.site._registry[model].has_add_permission(request)


def test_the_demo_has_a_row_of_every_model(shared_demo_db):
    empty = [
        m._meta.label
        for m in OUR_MODELS
        if not m._default_manager.exists() and m._meta.label not in NOT_IN_DEMO
    ]

    assert empty == []


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("model", OUR_MODELS, ids=lambda model: model._meta.label)
def test_every_admin_page_opens_on_the_demo_data(admin_client, shared_demo_db, model, language):
    assert model in admin.site._registry
    with translation.override(language):
        urls = [admin_url(model, "changelist")]
        if admin_allows_adding(model):
            urls.append(admin_url(model, "add"))
        urls += [
            admin_url(model, "change", pk)
            for pk in rows_to_open(model).values_list("pk", flat=True)
        ]

    failures = {url: admin_client.get(url).status_code for url in urls}

    assert len(urls) >= 2 or model._meta.label in NOT_IN_DEMO
    assert {url: code for url, code in failures.items() if code != 200} == {}
