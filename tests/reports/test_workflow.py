"""A bulletin moves draft → submitted → acknowledged → published, each step by permission."""

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from reports.models import Bulletin, BulletinRevision
from reports.services import bulletin_acknowledge, bulletin_publish, bulletin_submit
from tests.factories import BulletinFactory

pytestmark = pytest.mark.django_db

MOMENT = dt.datetime(2019, 9, 2, 3, 0, tzinfo=dt.UTC)
ALL_STEPS = ["submit_bulletin", "acknowledge_bulletin", "publish_bulletin"]


def admin_url(name, *args):
    with translation.override("en"):
        return reverse(f"admin:{name}", args=args)


@pytest.mark.parametrize(
    ("service", "status", "codename"),
    [
        (bulletin_submit, Bulletin.Status.DRAFT, "submit_bulletin"),
        (bulletin_acknowledge, Bulletin.Status.SUBMITTED, "acknowledge_bulletin"),
        (bulletin_publish, Bulletin.Status.ACKNOWLEDGED, "publish_bulletin"),
    ],
)
def test_a_user_without_the_steps_permission_cannot_take_it(staff_with, service, status, codename):
    others = [name for name in ALL_STEPS if name != codename]
    user = staff_with("change_bulletin", *others)
    bulletin = BulletinFactory(
        status=status,
        submitted_at=MOMENT if status != Bulletin.Status.DRAFT else None,
        acknowledged_at=MOMENT if status == Bulletin.Status.ACKNOWLEDGED else None,
    )

    with pytest.raises(PermissionDenied):
        service(bulletin=bulletin, user=user)

    bulletin.refresh_from_db()
    assert bulletin.status == status
    assert not bulletin.revisions.exists()


def test_each_step_records_who_took_it_and_when(staff_with):
    writer = staff_with("submit_bulletin", username="writer")
    governor = staff_with("acknowledge_bulletin", username="governor")
    editor = staff_with("publish_bulletin", username="editor")
    bulletin = BulletinFactory()

    with mock.patch("django.utils.timezone.now", return_value=MOMENT):
        bulletin_submit(bulletin=bulletin, user=writer)
    with mock.patch("django.utils.timezone.now", return_value=MOMENT + dt.timedelta(days=1)):
        bulletin_acknowledge(bulletin=bulletin, user=governor)
    with mock.patch("django.utils.timezone.now", return_value=MOMENT + dt.timedelta(days=2)):
        bulletin_publish(bulletin=bulletin, user=editor)

    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.PUBLISHED
    assert (bulletin.submitted_by, bulletin.submitted_at) == (writer, MOMENT)
    assert (bulletin.acknowledged_by, bulletin.acknowledged_at) == (
        governor,
        MOMENT + dt.timedelta(days=1),
    )
    assert (bulletin.published_by, bulletin.published_at) == (editor, MOMENT + dt.timedelta(days=2))
    history = list(bulletin.revisions.in_order().values_list("number", "event", "created_by"))
    assert history == [
        (1, BulletinRevision.Event.SUBMITTED, writer.pk),
        (2, BulletinRevision.Event.ACKNOWLEDGED, governor.pk),
        (3, BulletinRevision.Event.PUBLISHED, editor.pk),
    ]


@pytest.mark.parametrize(
    ("service", "message"),
    [
        (bulletin_acknowledge, "Only a submitted bulletin can be acknowledged"),
        (bulletin_publish, "Only an acknowledged bulletin can be published"),
    ],
)
def test_a_draft_cannot_skip_a_step_and_the_message_says_why(staff_with, service, message):
    user = staff_with(*ALL_STEPS)
    bulletin = BulletinFactory()

    with translation.override("en"), pytest.raises(ValidationError) as caught:
        service(bulletin=bulletin, user=user)

    with translation.override("en"):
        assert message in " ".join(caught.value.messages)
        assert "Draft" in " ".join(caught.value.messages)
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.DRAFT


def test_a_bulletin_cannot_be_submitted_twice(staff_with):
    user = staff_with("submit_bulletin")
    bulletin = BulletinFactory()
    bulletin_submit(bulletin=bulletin, user=user)

    with pytest.raises(ValidationError):
        bulletin_submit(bulletin=BulletinFactory._meta.model.objects.get(pk=bulletin.pk), user=user)

    assert bulletin.revisions.count() == 1


def test_the_admin_button_moves_a_bulletin_for_a_user_with_the_permission(client, staff_with):
    user = staff_with("view_bulletin", "change_bulletin", "submit_bulletin")
    client.force_login(user)
    bulletin = BulletinFactory()

    page = client.get(admin_url("reports_bulletin_change", bulletin.pk)).content.decode()
    response = client.post(admin_url("reports_bulletin_workflow", bulletin.pk, "submit"))

    assert admin_url("reports_bulletin_workflow", bulletin.pk, "submit") in page
    assert response.status_code == 302
    bulletin.refresh_from_db()
    assert (bulletin.status, bulletin.submitted_by) == (Bulletin.Status.SUBMITTED, user)


def test_the_admin_refuses_the_step_to_a_user_without_the_permission(client, staff_with):
    client.force_login(staff_with("view_bulletin", "change_bulletin"))
    bulletin = BulletinFactory()

    page = client.get(admin_url("reports_bulletin_change", bulletin.pk)).content.decode()
    response = client.post(admin_url("reports_bulletin_workflow", bulletin.pk, "submit"))

    assert admin_url("reports_bulletin_workflow", bulletin.pk, "submit") not in page
    assert response.status_code == 403
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.DRAFT


def test_the_workflow_url_does_not_move_a_bulletin_on_get(admin_client):
    bulletin = BulletinFactory()

    response = admin_client.get(admin_url("reports_bulletin_workflow", bulletin.pk, "submit"))

    assert response.status_code == 405
    bulletin.refresh_from_db()
    assert bulletin.status == Bulletin.Status.DRAFT


def test_an_unknown_workflow_step_is_not_found(admin_client):
    bulletin = BulletinFactory()

    response = admin_client.post(admin_url("reports_bulletin_workflow", bulletin.pk, "approve"))

    assert response.status_code == 404


def test_the_admin_action_publishes_only_what_the_user_may_publish(client, staff_with):
    client.force_login(staff_with("view_bulletin", "change_bulletin", "publish_bulletin"))
    ready = BulletinFactory(acknowledged=True)
    draft = BulletinFactory()

    client.post(
        admin_url("reports_bulletin_changelist"),
        {"action": "publish_selected", "_selected_action": [ready.pk, draft.pk]},
    )

    ready.refresh_from_db()
    draft.refresh_from_db()
    assert ready.status == Bulletin.Status.PUBLISHED
    assert draft.status == Bulletin.Status.DRAFT


def test_only_a_draft_can_be_deleted(admin_client):
    draft = BulletinFactory()
    submitted = BulletinFactory(status=Bulletin.Status.SUBMITTED, submitted_at=MOMENT)

    refused = admin_client.post(admin_url("reports_bulletin_delete", submitted.pk), {"post": "yes"})
    admin_client.post(
        admin_url("reports_bulletin_changelist"),
        {"action": "delete_selected", "_selected_action": [submitted.pk], "post": "yes"},
    )
    deleted = admin_client.post(admin_url("reports_bulletin_delete", draft.pk), {"post": "yes"})

    assert refused.status_code == 403
    assert deleted.status_code == 302
    assert list(Bulletin.objects.all()) == [submitted]
