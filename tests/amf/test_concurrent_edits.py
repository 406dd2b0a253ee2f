"""Two staff editing one record: the later save is refused, saying who changed what and when."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.text import capfirst

from delegates.models import Participation, Person
from delegates.services.registration import participations_set_status
from events.models import Forum
from reports.models import Bulletin, FollowUpAction
from tests import factories

pytestmark = pytest.mark.django_db

# For each record kept with its history: a factory, and two fields two people change.
EDITED = {
    Forum: (factories.ForumFactory, ("title_en", "5th AMF"), ("theme_en", "Local action")),
    Person: (factories.PersonFactory, ("position_en", "Governor"), ("last_name_en", "Kwan")),
    Participation: (factories.ParticipationFactory, ("precedence", "3"), ("role", "speaker")),
    Bulletin: (factories.BulletinFactory, ("title_en", "Summary"), ("meeting_name_en", "AMF")),
    FollowUpAction: (
        factories.FollowUpActionFactory,
        ("title_en", "Join ASCN"),
        ("due_on", "2019-12-31"),
    ),
}


def change_page(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def staff_client(username: str) -> Client:
    client = Client()
    client.force_login(factories.SuperuserFactory(username=username))
    return client


@pytest.fixture
def alice():
    return staff_client("alice")


@pytest.fixture
def bob():
    return staff_client("bob")


def label(model, field: str) -> str:
    return str(capfirst(model._meta.get_field(field).verbose_name))


@pytest.mark.parametrize("model", EDITED, ids=lambda model: model.__name__)
def test_the_later_of_two_edits_is_refused_and_says_who_changed_what(
    alice, bob, admin_form_data, model
):
    factory, (first_field, first_value), (second_field, second_value) = EDITED[model]
    obj = factory()
    page = change_page(obj)
    alices_form = admin_form_data(alice.get(page))
    bobs_form = admin_form_data(bob.get(page))

    alices_form[first_field] = first_value
    saved = alice.post(page, alices_form)
    bobs_form[second_field] = second_value
    refused = bob.post(page, bobs_form)

    assert saved.status_code == 302, list(saved.context["errors"])
    assert refused.status_code == 200
    errors = " ".join(refused.context["adminform"].form.non_field_errors())
    assert "alice" in errors
    assert label(model, first_field) in errors
    obj.refresh_from_db()
    assert str(getattr(obj, first_field)) == first_value
    assert str(getattr(obj, second_field)) != second_value


@pytest.mark.parametrize("model", EDITED, ids=lambda model: model.__name__)
def test_the_refused_form_keeps_what_was_typed_and_saving_it_again_is_a_deliberate_choice(
    alice, bob, admin_form_data, model
):
    factory, (first_field, first_value), (second_field, second_value) = EDITED[model]
    obj = factory()
    page = change_page(obj)
    alices_form = admin_form_data(alice.get(page))
    bobs_form = admin_form_data(bob.get(page))
    alices_form[first_field] = first_value
    alice.post(page, alices_form)
    bobs_form[second_field] = second_value
    refused = bob.post(page, bobs_form)

    again = admin_form_data(refused)
    assert str(again[second_field]) == second_value
    saved = bob.post(page, again)

    assert saved.status_code == 302, list(saved.context["errors"])
    obj.refresh_from_db()
    assert str(getattr(obj, second_field)) == second_value
    versions = obj.history.order_by("-history_id")[:2]
    assert [version.history_user.username for version in versions] == ["bob", "alice"]


def test_a_save_that_changed_nothing_does_not_refuse_the_next_one(alice, bob, admin_form_data):
    person = factories.PersonFactory()
    page = change_page(person)
    alices_form = admin_form_data(alice.get(page))
    bobs_form = admin_form_data(bob.get(page))
    alice.post(page, alices_form)

    bobs_form["position_en"] = "Governor"
    response = bob.post(page, bobs_form)

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.position_en == "Governor"


def test_a_bulk_change_made_while_a_form_was_open_refuses_its_save(bob, admin_form_data):
    participation = factories.ParticipationFactory(registration_status="registered")
    page = change_page(participation)
    bobs_form = admin_form_data(bob.get(page))
    registrar = factories.UserFactory(username="registrar")
    participations_set_status(
        participations=Participation.objects.filter(pk=participation.pk),
        status="cancelled",
        user=registrar,
    )

    bobs_form["precedence"] = "1"
    refused = bob.post(page, bobs_form)

    assert refused.status_code == 200
    errors = " ".join(refused.context["adminform"].form.non_field_errors())
    assert "registrar" in errors
    assert label(Participation, "registration_status") in errors
    participation.refresh_from_db()
    assert participation.registration_status == "cancelled"


def test_a_form_sent_without_its_version_cannot_overwrite_a_record(alice, admin_form_data):
    forum = factories.ForumFactory(title_en="Before")
    page = change_page(forum)
    data = admin_form_data(alice.get(page))
    del data["edit_version"]
    data["title_en"] = "Forged"

    response = alice.post(page, data)

    assert response.status_code == 200
    forum.refresh_from_db()
    assert forum.title_en == "Before"
