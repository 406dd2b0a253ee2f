"""Every admin change form of every model saves unchanged: a redirect, and nothing written.

Generated from the admin registry over the demo forum, and over one of everything the
factories make in test_admin_saves_unchanged_factory_data.py (each data set made once for
its module): each row's change page is opened as a superuser and posted back as it came.
The row, its inline rows, its audit trail and the forums' versions stay as they were.
"""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models
from django.forms.models import model_to_dict
from django.test import RequestFactory
from django.urls import reverse

from events.models import Forum
from tests.amf.test_admin_on_demo import OUR_MODELS, rows_to_open


def editable_models():
    request = RequestFactory().get("/")
    request.user = get_user_model()(is_superuser=True, is_staff=True, is_active=True)
    return [m for m in OUR_MODELS if admin.site._registry[m].has_change_permission(request)]


EDITABLE = editable_models()


def stored(obj: models.Model) -> dict:
    """Everything stored about a row and the rows its admin page edits inline with it."""
    state = {"row": model_to_dict(type(obj)._base_manager.get(pk=obj.pk))}
    state["updated_at"] = getattr(type(obj)._base_manager.get(pk=obj.pk), "updated_at", None)
    for relation in obj._meta.related_objects:
        if relation.one_to_many and relation.related_model._meta.app_label in {
            "events",
            "delegates",
            "reports",
        }:
            rows = relation.related_model._base_manager.filter(**{relation.field.name: obj})
            state[relation.name] = sorted(map(str, rows.values_list()))
    if hasattr(obj, "history"):
        state["versions"] = obj.history.count()
    return state


def forum_versions() -> dict:
    return dict(Forum.objects.values_list("pk", "updated_at"))


def save_unchanged(client, admin_form_data, model) -> dict:
    failures = {}
    for pk in rows_to_open(model).values_list("pk", flat=True):
        obj = model._base_manager.get(pk=pk)
        page = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[pk])
        before, versions = stored(obj), forum_versions()
        response = client.post(page, admin_form_data(client.get(page)))
        if response.status_code != 302:
            errors = list(response.context["errors"]) if response.context else response.status_code
            failures[page] = f"answered {response.status_code}: {errors}"
        elif stored(obj) != before:
            failures[page] = "changed what it stores"
        elif forum_versions() != versions:
            failures[page] = "moved a forum's version"
    return failures


@pytest.mark.parametrize("model", EDITABLE, ids=lambda model: model._meta.label)
def test_every_change_form_of_the_demo_saves_unchanged(
    admin_client, shared_demo_db, admin_form_data, model
):
    assert save_unchanged(admin_client, admin_form_data, model) == {}


def test_a_venue_with_rooms_saves_and_its_rooms_can_be_renamed(admin_client, admin_form_data):
    from tests.factories import RoomFactory

    room = RoomFactory(name_en="Conference Room 1", name_th="ห้องประชุม 1")
    RoomFactory(venue=room.venue, name_en="Conference Room 2", name_th="ห้องประชุม 2")
    page = reverse("admin:events_venue_change", args=[room.venue.pk])
    data = admin_form_data(admin_client.get(page))
    row = next(key for key, value in data.items() if value == room.pk and key.endswith("-id"))
    data[row.replace("-id", "-name_en")] = "Plenary Hall"

    response = admin_client.post(page, data)

    assert response.status_code == 302
    room.refresh_from_db()
    assert room.name_en == "Plenary Hall"
