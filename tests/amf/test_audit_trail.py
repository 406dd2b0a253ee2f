"""The audit trail: who changed a record and when, shown in the admin, any version restorable."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from delegates.models import Participation, Person
from events.models import Forum
from reports.models import Bulletin, FollowUpAction
from tests import factories

AUDITED = [Forum, Person, Participation, Bulletin, FollowUpAction]


def admin_url(obj, page, *args):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{page}", args=[obj.pk, *args])


@pytest.fixture
def staff(client, db):
    user = factories.SuperuserFactory(username="somchai")
    client.force_login(user)
    return user


def test_a_change_through_the_admin_records_who_made_it_and_when(client, staff, admin_form_data):
    forum = factories.ForumFactory(title_en="ASEAN Mayors Forum")
    page = admin_url(forum, "change")
    data = admin_form_data(client.get(page))
    data["title_en"] = "5th ASEAN Mayors Forum"
    before = timezone.now()

    response = client.post(page, data)

    assert response.status_code == 302
    latest = forum.history.latest()
    assert latest.history_type == "~"
    assert latest.history_user == staff
    assert latest.history_date >= before
    assert latest.title_en == "5th ASEAN Mayors Forum"
    assert latest.prev_record.title_en == "ASEAN Mayors Forum"


def test_the_history_page_shows_who_changed_what(client, staff, admin_form_data):
    person = factories.PersonFactory(position_en="Mayor")
    page = admin_url(person, "change")
    data = admin_form_data(client.get(page))
    data["position_en"] = "Governor"
    client.post(page, data)

    history = client.get(admin_url(person, "history"))

    assert history.status_code == 200
    content = history.content.decode()
    assert "somchai" in content
    assert "Governor" in content and "Mayor" in content


def test_reverting_to_a_previous_version_restores_its_values(client, staff, admin_form_data):
    forum = factories.ForumFactory(title_en="ASEAN Mayors Forum", reported_participant_count=300)
    first = forum.history.latest()
    page = admin_url(forum, "change")
    data = admin_form_data(client.get(page))
    data.update({"title_en": "Renamed by mistake", "reported_participant_count": 3})
    client.post(page, data)

    version_page = admin_url(forum, "simple_history", first.history_id)
    response = client.post(version_page, admin_form_data(client.get(version_page)))

    assert response.status_code == 302
    forum.refresh_from_db()
    assert (forum.title_en, forum.reported_participant_count) == ("ASEAN Mayors Forum", 300)
    restored = forum.history.latest()
    assert restored.history_user == staff
    assert forum.history.count() == 3


def test_reverting_a_bulletin_leaves_its_workflow_where_it_is(client, staff, admin_form_data):
    bulletin = factories.BulletinFactory(title_en="Summary")
    first = bulletin.history.latest()
    page = admin_url(bulletin, "change")
    data = admin_form_data(client.get(page))
    data["title_en"] = "A wrong title"
    client.post(page, data)
    acknowledged_at = timezone.now()
    Bulletin.objects.filter(pk=bulletin.pk).update(
        status=Bulletin.Status.ACKNOWLEDGED,
        submitted_at=acknowledged_at,
        acknowledged_at=acknowledged_at,
    )

    version_page = admin_url(bulletin, "simple_history", first.history_id)
    data = admin_form_data(client.get(version_page))
    response = client.post(version_page, {**data, "revision_note": "Back to the right title"})

    assert response.status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.title_en == "Summary"
    assert bulletin.status == Bulletin.Status.ACKNOWLEDGED
    assert bulletin.acknowledged_at == acknowledged_at
    assert bulletin.revisions.get().note == "Back to the right title"


def test_changing_a_participation_from_the_list_records_who_did_it(client, staff):
    participation = factories.ParticipationFactory(precedence=10)
    changelist = reverse("admin:delegates_participation_changelist")
    data = {
        "form-TOTAL_FORMS": 1,
        "form-INITIAL_FORMS": 1,
        "form-0-id": participation.pk,
        "form-0-role": participation.role,
        "form-0-registration_status": participation.registration_status,
        "form-0-precedence": 1,
        "_save": "Save",
    }

    response = client.post(changelist, data)

    assert response.status_code == 302
    latest = participation.history.latest()
    assert (latest.precedence, latest.history_user) == (1, staff)


@pytest.mark.parametrize("model", AUDITED, ids=lambda model: model._meta.label)
def test_every_audited_record_has_a_history_page_and_a_page_per_version(
    client, staff, populated_db, model
):
    obj = model._default_manager.order_by("pk").first()
    versions = obj.history.all()

    pages = [admin_url(obj, "history")]
    pages += [admin_url(obj, "simple_history", version.history_id) for version in versions]

    assert versions.exists()
    assert {page: client.get(page).status_code for page in pages} == dict.fromkeys(pages, 200)


def test_the_history_hides_contact_details_from_staff_who_may_not_see_them(client, db):
    person = factories.PersonFactory(email="old@example.org", position_en="Mayor")
    person.email, person.position_en = "new@example.org", "Governor"
    person.save()
    clerk = factories.UserFactory(username="clerk", is_staff=True)
    clerk.user_permissions.set(
        Permission.objects.filter(codename__in=["view_person", "change_person"])
    )
    client.force_login(clerk)

    content = client.get(admin_url(person, "history")).content.decode()

    assert "Governor" in content
    assert "example.org" not in content


def test_the_history_shows_contact_details_to_staff_who_may_see_them(client, staff):
    person = factories.PersonFactory(email="old@example.org")
    person.email = "new@example.org"
    person.save()

    content = client.get(admin_url(person, "history")).content.decode()

    assert "old@example.org" in content and "new@example.org" in content


def test_the_history_page_is_in_thai_on_the_thai_admin(client, staff):
    forum = factories.ForumFactory()

    content = client.get(admin_url(forum, "history")).content.decode()

    assert "แก้ไขโดย" in content and "การเปลี่ยนแปลง" in content
    assert "Changed by" not in content and "Date/time" not in content


@pytest.mark.parametrize(
    "path",
    ["{pk}/history/abc/", "{pk}/history/999999/", "abc/history/", "abc/history/1/"],
)
def test_a_history_address_with_a_malformed_or_unknown_id_is_not_found(client, staff, path):
    forum = factories.ForumFactory()
    changelist = reverse("admin:events_forum_changelist")

    response = client.get(changelist + path.format(pk=forum.pk))

    assert response.status_code == 404


def test_reverting_a_person_keeps_contact_details_the_user_may_not_see(client, db, admin_form_data):
    person = factories.PersonFactory(email="old@example.org", position_en="Mayor")
    first = person.history.latest()
    person.email, person.position_en = "new@example.org", "Governor"
    person.save()
    clerk = factories.UserFactory(username="clerk", is_staff=True)
    clerk.user_permissions.set(
        Permission.objects.filter(codename__in=["view_person", "change_person"])
    )
    client.force_login(clerk)

    version_page = admin_url(person, "simple_history", first.history_id)
    response = client.post(version_page, admin_form_data(client.get(version_page)))

    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.position_en, person.email) == ("Mayor", "new@example.org")
