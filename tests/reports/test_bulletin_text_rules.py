"""Who may change a bulletin's text in each state, and the publishing rules.

| state        | text changed by             | how                                  |
| draft        | Reporter                    | saved as it is written               |
| submitted    | nobody                      | an Approver may return it to a draft |
| acknowledged | Approver                    | a correction, with a reason          |
| published    | Approver                    | a revision, with a reason            |
"""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from events.models import Forum
from reports.admin import BulletinAdmin
from reports.models import Bulletin
from reports.services import (
    STEPS,
    bulletin_publish,
    bulletin_return,
    bulletin_save,
    bulletin_submit,
)
from tests import factories

pytestmark = pytest.mark.django_db

STATES = ["draft", "submitted", "acknowledged", "published"]
MAY_CHANGE_TEXT = {
    "draft": {"Reporter"},
    "submitted": set(),
    "acknowledged": {"Approver"},
    "published": {"Approver"},
}
ROLES = ["Editor", "Registrar", "Reporter", "Approver", "Viewer"]


def in_state(state: str, **kwargs) -> Bulletin:
    traits = {} if state == "draft" else {state: True}
    return factories.BulletinFactory(summary_th="<p>ข้อความเดิม</p>", **traits, **kwargs)


def staff_in(role: str):
    user = factories.UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return type(user).objects.get(pk=user.pk)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_the_service_lets_only_the_states_role_change_the_text(state, role):
    bulletin = in_state(state)
    bulletin.summary_th = "<p>ข้อความใหม่</p>"
    allowed = role in MAY_CHANGE_TEXT[state]

    if allowed:
        bulletin_save(bulletin=bulletin, user=staff_in(role), note="แก้ไขถ้อยคำ")
    else:
        with pytest.raises(PermissionDenied):
            bulletin_save(bulletin=bulletin, user=staff_in(role), note="แก้ไขถ้อยคำ")

    stored = Bulletin.objects.get(pk=bulletin.pk)
    assert (stored.summary_th == "<p>ข้อความใหม่</p>") is allowed
    assert stored.status == state


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_the_admin_page_is_editable_only_for_the_states_role(client, admin_form_data, state, role):
    bulletin = in_state(state)
    client.force_login(staff_in(role))
    page = reverse("admin:reports_bulletin_change", args=[bulletin.pk])

    shown = client.get(page)
    data = admin_form_data(shown) if shown.status_code == 200 else {}
    data.update(summary_th="<p>ข้อความใหม่</p>", revision_note="แก้")
    response = client.post(page, data)

    if role in {"Editor", "Registrar"}:
        assert (shown.status_code, response.status_code) == (403, 403)
    elif role in MAY_CHANGE_TEXT[state]:
        assert 'name="summary_th"' in shown.content.decode()
        assert response.status_code == 302
    else:
        assert 'name="summary_th"' not in shown.content.decode()
        assert response.status_code == 403
    changed = Bulletin.objects.get(pk=bulletin.pk).summary_th == "<p>ข้อความใหม่</p>"
    assert changed is (role in MAY_CHANGE_TEXT[state])


def test_an_approver_cannot_rewrite_a_submitted_bulletin_and_then_acknowledge_it(
    client, admin_form_data
):
    bulletin = in_state("submitted")
    client.force_login(staff_in("Approver"))
    page = reverse("admin:reports_bulletin_change", args=[bulletin.pk])

    response = client.post(page, {**admin_form_data(client.get(page)), "summary_th": "<p>x</p>"})

    assert response.status_code == 403
    assert Bulletin.objects.get(pk=bulletin.pk).summary_th == "<p>ข้อความเดิม</p>"


@pytest.mark.parametrize(
    ("state", "event"), [("acknowledged", "corrected"), ("published", "revised")]
)
def test_acknowledged_and_published_text_changes_only_as_a_revision_with_a_reason(state, event):
    bulletin = in_state(state)
    approver = staff_in("Approver")
    bulletin.summary_th = "<p>ข้อความใหม่</p>"

    with pytest.raises(ValidationError):
        bulletin_save(bulletin=bulletin, user=approver, note=" ")
    revision = bulletin_save(bulletin=bulletin, user=approver, note="ตามข้อสั่งการ")

    assert (revision.event, revision.note, revision.created_by) == (event, "ตามข้อสั่งการ", approver)
    assert Bulletin.objects.get(pk=bulletin.pk).status == state


def test_saving_an_unchanged_acknowledged_bulletin_records_nothing():
    bulletin = in_state("acknowledged")

    assert bulletin_save(bulletin=bulletin, user=staff_in("Approver")) is None
    assert not bulletin.revisions.exists()


def test_saving_text_never_moves_the_workflow():
    bulletin = in_state("draft")
    bulletin.status = Bulletin.Status.PUBLISHED
    bulletin.published_at = dt.datetime(2019, 9, 4, tzinfo=dt.UTC)

    bulletin_save(bulletin=bulletin, user=staff_in("Reporter"))

    stored = Bulletin.objects.get(pk=bulletin.pk)
    assert (stored.status, stored.published_at) == ("draft", None)


def test_an_approver_returns_a_submitted_bulletin_to_its_reporter_who_may_edit_it_again():
    bulletin = in_state("submitted")
    reporter = staff_in("Reporter")

    with pytest.raises(PermissionDenied):
        bulletin_return(bulletin=bulletin, user=reporter)
    bulletin_return(bulletin=bulletin, user=staff_in("Approver"), note="ขอแก้ไขวันที่")
    bulletin.summary_th = "<p>แก้แล้ว</p>"
    bulletin_save(bulletin=bulletin, user=reporter)
    bulletin_submit(bulletin=bulletin, user=reporter)

    stored = Bulletin.objects.get(pk=bulletin.pk)
    assert (stored.status, stored.summary_th) == ("submitted", "<p>แก้แล้ว</p>")
    events = list(stored.revisions.in_order().values_list("event", "note"))
    assert events == [("returned", "ขอแก้ไขวันที่"), ("submitted", "")]


def test_the_return_button_takes_a_reason(client):
    bulletin = in_state("submitted")
    client.force_login(staff_in("Approver"))
    page = reverse("admin:reports_bulletin_change", args=[bulletin.pk])

    html = client.get(page).content.decode()
    client.post(
        reverse("admin:reports_bulletin_workflow", args=[bulletin.pk, "return"]),
        {"note": "ขอแก้ไขสรุป"},
    )

    assert reverse("admin:reports_bulletin_workflow", args=[bulletin.pk, "return"]) in html
    assert reverse("admin:reports_bulletin_workflow", args=[bulletin.pk, "acknowledge"]) in html
    bulletin.refresh_from_db()
    assert (bulletin.status, bulletin.submitted_at) == ("draft", None)
    assert bulletin.revisions.get().note == "ขอแก้ไขสรุป"


def test_the_workflow_is_written_once_and_the_admin_reads_it():
    assert BulletinAdmin.actions == [f"{name}_selected" for name in STEPS]
    assert {step.source for step in STEPS.values()} == {"draft", "submitted", "acknowledged"}
    for name, step in STEPS.items():
        assert list(getattr(BulletinAdmin, f"{name}_selected").allowed_permissions) == [name]
        assert step.permission.startswith("reports.")


def test_a_bulletin_is_not_published_while_its_forum_is_not():
    bulletin = in_state("acknowledged", forum=factories.ForumFactory(is_published=False))

    with pytest.raises(ValidationError) as refused:
        bulletin_publish(bulletin=bulletin, user=staff_in("Approver"))

    assert refused.value.code == "forum_unpublished"
    assert Bulletin.objects.get(pk=bulletin.pk).status == "acknowledged"
    assert not bulletin.revisions.exists()


def test_a_published_bulletin_is_not_moved_to_an_unpublished_forum():
    bulletin = in_state("published")
    bulletin.forum = factories.ForumFactory(is_published=False)

    with pytest.raises(ValidationError):
        bulletin_save(bulletin=bulletin, user=staff_in("Approver"), note="ย้าย")

    assert Bulletin.objects.get(pk=bulletin.pk).forum_id != bulletin.forum_id


def test_a_bulletin_leaves_the_public_site_when_its_forum_is_withdrawn(client):
    bulletin = in_state("published")
    page = reverse("reports:bulletin_detail", args=[bulletin.pk])
    shown = client.get(page)

    Forum.objects.filter(pk=bulletin.forum_id).update(is_published=False)
    hidden = client.get(page)

    assert shown.status_code == 200
    assert hidden.status_code == 404
    assert bulletin.forum.title_th not in hidden.content.decode()


def test_publishing_and_revising_refresh_the_forums_public_pages():
    bulletin = in_state("acknowledged")
    approver = staff_in("Approver")
    stamps = [Forum.objects.get(pk=bulletin.forum_id).updated_at]

    bulletin_publish(bulletin=bulletin, user=approver)
    stamps.append(Forum.objects.get(pk=bulletin.forum_id).updated_at)
    bulletin.summary_th = "<p>ข้อความใหม่</p>"
    bulletin_save(bulletin=bulletin, user=approver, note="แก้")
    stamps.append(Forum.objects.get(pk=bulletin.forum_id).updated_at)

    assert stamps[0] < stamps[1] < stamps[2]


def test_moving_a_published_bulletin_refreshes_both_forums():
    bulletin = in_state("published")
    old_forum = bulletin.forum
    before = old_forum.updated_at
    bulletin.forum = factories.ForumFactory()
    new_before = bulletin.forum.updated_at

    bulletin_save(bulletin=bulletin, user=staff_in("Approver"), note="ผิดการประชุม")

    assert Forum.objects.get(pk=old_forum.pk).updated_at > before
    assert Forum.objects.get(pk=bulletin.forum_id).updated_at > new_before
