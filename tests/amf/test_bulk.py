"""Bulk writes store what a save() would, and leave a version of each row naming who and why."""

import pytest
from django.db import connection

from amf.bulk import (
    history_record,
    instances,
    new_instance,
    rows_create,
    rows_update,
    rows_update_with_history,
)
from delegates.models import Participation, Person, StagedImport
from tests.factories import ForumFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def stored(person, *columns):
    # Read with SQL: modeltranslation would read the language columns in their place.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM delegates_person WHERE id = %s", [person.pk]
        )
        return cursor.fetchone()


def test_an_update_writes_the_fields_named_and_only_those():
    people = [PersonFactory(position_en="Mayor", phone="1"), PersonFactory(position_en="Mayor")]
    for person in people:
        person.position_en = "Governor"
        person.phone = "+66 2 224 8177"

    updated = rows_update(Person, people, ["position_en"])

    assert updated == 2
    assert set(Person.objects.values_list("position_en", flat=True)) == {"Governor"}
    assert Person.objects.get(pk=people[0].pk).phone == "1"


def test_an_update_keeps_the_untranslated_column_in_the_default_language():
    person = PersonFactory(first_name_th="สมชาย", first_name_en="Somchai")
    person.first_name_th, person.first_name_en = "สมศักดิ์", "Somsak"

    rows_update(Person, [person], ["first_name", "first_name_th", "first_name_en"])

    assert stored(person, "first_name", "first_name_th", "first_name_en") == (
        "สมศักดิ์",
        "สมศักดิ์",
        "Somsak",
    )


def test_an_update_sanitises_rich_text_as_a_save_does():
    person = PersonFactory()
    person.bio_en = '<p onclick="steal()">Mayor</p><script>alert(1)</script>'

    rows_update(Person, [person], ["bio_en"])

    assert Person.objects.get(pk=person.pk).bio_en == "<p>Mayor</p>"


def test_an_update_with_history_leaves_a_version_of_each_row_naming_who_and_why():
    people = [PersonFactory(position_en="Mayor") for _ in range(3)]
    registrar = UserFactory(username="registrar")
    for person in people:
        person.position_en = "Governor"

    rows_update_with_history(
        Person, people, ["position_en"], user=registrar, reason="Corrected in bulk"
    )

    for person in people:
        latest = person.history.latest()
        assert (latest.history_type, latest.history_user) == ("~", registrar)
        assert latest.history_change_reason == "Corrected in bulk"
        assert latest.position_en == "Governor"
        assert latest.first_name_th == person.first_name_th


def test_created_rows_get_their_keys_and_a_first_version():
    registrar = UserFactory()
    people = [Person(first_name_th=f"คนที่ {n}", first_name_en=f"Person {n}") for n in range(3)]

    created = rows_create(Person, people, user=registrar, reason="Imported")

    assert all(person.pk for person in created)
    for person in created:
        latest = person.history.get()
        assert (latest.history_type, latest.history_user) == ("+", registrar)
        assert latest.first_name_en == person.first_name_en


def test_a_model_without_an_audit_trail_gets_no_version():
    forum = ForumFactory()

    assert history_record(type(forum.venue), [forum.venue], kind="~") == 0


def test_instances_read_every_stored_field_as_stored_without_fallbacks():
    person = PersonFactory(first_name_th="สมชาย", first_name_en="", email="a@example.org")

    (read,) = instances(Person.objects.filter(pk=person.pk))

    assert (read.pk, read.first_name_th, read.first_name_en) == (person.pk, "สมชาย", "")
    assert (read.email, read.organisation_id) == ("a@example.org", person.organisation_id)
    assert read.first_name == "สมชาย"
    read.position_en = "Governor"
    rows_update(Person, [read], ["position_en"])
    assert Person.objects.get(pk=person.pk).position_en == "Governor"


@pytest.mark.parametrize("model", [Person, Participation, StagedImport])
def test_a_new_instance_holds_the_defaults_a_constructed_one_does(model):
    built, constructed = new_instance(model), model()
    fields = [f.attname for f in model._meta.concrete_fields if f.attname != "created_at"]

    assert built._state.adding and built.pk is None
    assert {name: getattr(built, name) for name in fields} == {
        name: getattr(constructed, name) for name in fields
    }
