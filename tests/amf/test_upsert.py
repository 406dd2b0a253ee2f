import pytest

from amf.upsert import upsert
from delegates.models import Person
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_upsert_creates_the_row_when_none_matches():
    organisation = OrganisationFactory()

    person, written = upsert(
        Person,
        lookup={"first_name_en": "Woranan", "last_name_en": "Thammachot"},
        values={"first_name_th": "วรณัน", "organisation": organisation},
    )

    assert written
    assert Person.objects.get(pk=person.pk).organisation == organisation


def test_upsert_leaves_an_unchanged_row_unsaved_even_if_its_rich_text_is_written_unclean():
    person = PersonFactory(bio="<p>Bio</p>")

    _, written = upsert(
        Person,
        lookup={"pk": person.pk},
        values={
            "position_th": person.position_th,
            "organisation": person.organisation,
            "bio": '<p onclick="alert(1)">Bio</p>',
        },
    )

    assert not written
    assert Person.objects.get(pk=person.pk).updated_at == person.updated_at


def test_upsert_saves_a_changed_field_on_the_same_row():
    person = PersonFactory(position_en="Deputy")
    elsewhere = OrganisationFactory()

    updated, written = upsert(
        Person,
        lookup={"pk": person.pk},
        values={"position_en": "Director", "organisation": elsewhere},
    )

    assert written
    assert updated.pk == person.pk
    stored = Person.objects.get(pk=person.pk)
    assert (stored.position_en, stored.organisation) == ("Director", elsewhere)
