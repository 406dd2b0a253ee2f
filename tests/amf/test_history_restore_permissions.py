"""Restoring an old version from the history is a change: it needs the permission to change."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from delegates.models import Participation, Person
from events.models import Forum
from reports.models import Bulletin, FollowUpAction
from tests import factories

pytestmark = pytest.mark.django_db


def version_url(obj, version) -> str:
    opts = obj._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, version]
    )


def staff_in(client, role: str):
    user = factories.UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return user


def test_a_viewer_cannot_publish_a_forum_by_restoring_a_version(client, admin_form_data):
    forum = factories.ForumFactory(is_published=True)
    published_version = forum.history.latest().history_id
    Forum.objects.filter(pk=forum.pk).update(is_published=False)
    staff_in(client, "Viewer")
    page = version_url(forum, published_version)

    shown = client.get(page)
    response = client.post(page, {"is_published": "on", "title_th": "x", "slug": forum.slug})

    assert shown.status_code == 200
    assert response.status_code == 403
    forum.refresh_from_db()
    assert forum.is_published is False


@pytest.mark.parametrize(
    "make",
    [
        factories.ForumFactory,
        factories.PersonFactory,
        factories.ParticipationFactory,
        factories.FollowUpActionFactory,
        lambda: factories.BulletinFactory(published=True),
    ],
    ids=["forum", "person", "participation", "follow-up action", "bulletin"],
)
def test_no_view_only_role_restores_any_audited_record(client, make):
    obj = make()
    version = obj.history.latest().history_id
    staff_in(client, "Viewer")
    before = obj.history.count()

    response = client.post(version_url(obj, version), {})

    assert response.status_code == 403
    assert obj.history.count() == before


def test_a_view_only_role_sees_a_version_read_only_without_a_restore_button(client):
    forum = factories.ForumFactory(title_en="ASEAN Mayors Forum")
    staff_in(client, "Viewer")

    html = client.get(version_url(forum, forum.history.latest().history_id)).content.decode()

    assert "ASEAN Mayors Forum" in html
    assert 'name="title_en"' not in html
    assert 'name="_save"' not in html


def test_a_participations_consent_cannot_be_switched_on_by_a_view_only_role(client):
    participation = factories.ParticipationFactory(consents_to_public_listing=True)
    version = participation.history.latest().history_id
    Participation.objects.filter(pk=participation.pk).update(consents_to_public_listing=False)
    staff_in(client, "Editor")

    response = client.post(
        version_url(participation, version), {"consents_to_public_listing": "on"}
    )

    assert response.status_code == 403
    participation.refresh_from_db()
    assert participation.consents_to_public_listing is False


@pytest.mark.parametrize("role", ["Reporter", "Viewer"])
def test_reverting_a_published_bulletin_to_its_draft_is_refused_to_who_may_not_revise(
    client, admin_form_data, role
):
    bulletin = factories.BulletinFactory(summary_th="<p>ร่าง</p>")
    draft_version = bulletin.history.latest().history_id
    bulletin.summary_th = "<p>ฉบับเผยแพร่</p>"
    bulletin.status, bulletin.published_at = Bulletin.Status.PUBLISHED, timezone.now()
    bulletin.submitted_at = bulletin.acknowledged_at = bulletin.published_at
    bulletin.save()
    staff_in(client, role)

    response = client.post(version_url(bulletin, draft_version), {"summary_th": "<p>ร่าง</p>"})

    assert response.status_code == 403
    bulletin.refresh_from_db()
    assert bulletin.summary_th == "<p>ฉบับเผยแพร่</p>"
    assert not bulletin.revisions.exists()


def test_restoring_a_published_bulletins_text_is_a_revision_with_a_reason(client, admin_form_data):
    bulletin = factories.BulletinFactory(summary_th="<p>ร่าง</p>")
    draft_version = bulletin.history.latest().history_id
    Bulletin.objects.filter(pk=bulletin.pk).update(
        summary_th="<p>ฉบับเผยแพร่</p>",
        status=Bulletin.Status.PUBLISHED,
        submitted_at=timezone.now(),
        acknowledged_at=timezone.now(),
        published_at=timezone.now(),
    )
    approver = staff_in(client, "Approver")
    page = version_url(bulletin, draft_version)
    data = admin_form_data(client.get(page))

    without_reason = client.post(page, data)
    with_reason = client.post(page, {**data, "revision_note": "คืนข้อความเดิม"})

    assert without_reason.status_code == 200
    assert "revision_note" in without_reason.context["adminform"].form.errors
    assert with_reason.status_code == 302
    bulletin.refresh_from_db()
    assert (bulletin.summary_th, bulletin.status) == ("<p>ร่าง</p>", Bulletin.Status.PUBLISHED)
    revision = bulletin.revisions.get()
    assert (revision.event, revision.note, revision.created_by) == (
        "revised",
        "คืนข้อความเดิม",
        approver,
    )


def test_a_deleted_record_is_not_brought_back_from_its_history(admin_client):
    action = factories.FollowUpActionFactory()
    version = action.history.latest().history_id
    pk = action.pk
    action.delete()
    page = reverse("admin:reports_followupaction_simple_history", args=[pk, version])

    response = admin_client.post(page, {"title_th": "กลับมา"})

    assert response.status_code == 403
    assert not FollowUpAction.objects.filter(pk=pk).exists()


def test_the_history_list_takes_no_post(admin_client):
    person = factories.PersonFactory()

    response = admin_client.post(reverse("admin:delegates_person_history", args=[person.pk]))

    assert response.status_code == 405
    assert Person.objects.filter(pk=person.pk).exists()
