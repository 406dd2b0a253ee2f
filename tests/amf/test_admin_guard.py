"""Every admin of the project is guarded (amf.guard), and every action says what it needs."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse

from amf.guard import GuardedAdminMixin, GuardedChangeListMixin
from reports.models import FollowUpAction
from tests import factories

OURS = [
    (model, model_admin)
    for model, model_admin in admin.site._registry.items()
    if model._meta.app_label in {"events", "delegates", "reports"}
]


def label(item) -> str:
    return item[0]._meta.label_lower


@pytest.mark.parametrize("entry", OURS, ids=label)
def test_every_admin_is_guarded_and_lists_through_a_guarded_changelist(entry, db):
    _model, model_admin = entry
    request = RequestFactory().get("/")
    request.user = factories.SuperuserFactory()

    assert isinstance(model_admin, GuardedAdminMixin)
    assert issubclass(model_admin.get_changelist(request), GuardedChangeListMixin)


@pytest.mark.parametrize("entry", OURS, ids=label)
def test_every_action_declares_the_permission_it_needs(entry):
    _model, model_admin = entry
    for func, name, _description in model_admin._get_base_actions():
        assert getattr(func, "allowed_permissions", None), f"{label(entry)}: {name}"


def test_an_action_declaring_no_permission_is_offered_to_nobody(db):
    def undeclared(modeladmin, request, queryset):
        queryset.update(status="done")

    model_admin = admin.site._registry[FollowUpAction]
    request = RequestFactory().get("/")
    request.user = factories.SuperuserFactory()
    original = model_admin.actions
    model_admin.actions = [*original, undeclared]
    try:
        offered = model_admin.get_actions(request)
    finally:
        model_admin.actions = original

    assert "undeclared" not in offered
    assert "export_csv" in offered


def test_a_viewer_cannot_carry_actions_over_to_the_next_edition(client, db):
    series = factories.ForumSeriesFactory()
    fourth = factories.ForumFactory(series=series, edition=4)
    factories.ForumFactory(series=series, edition=5)
    action = factories.FollowUpActionFactory(forum=fourth)
    viewer = factories.UserFactory(is_staff=True)
    viewer.groups.add(Group.objects.get(name="Viewer"))
    client.force_login(viewer)

    response = client.post(
        reverse("admin:reports_followupaction_changelist"),
        {"action": "carry_over_to_next_edition", "_selected_action": [action.pk], "index": 0},
    )

    assert response.status_code == 403
    assert FollowUpAction.objects.count() == 1
    assert not action.progress_notes.exists()
