"""PDPA: anonymising a forum's delegates once the retention period is over."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import translation

from delegates.models import Attendance, Participation, Person
from delegates.services.privacy import ANONYMOUS_EN, ANONYMOUS_TH
from delegates.statistics import forum_statistics
from tests.factories import AttendanceFactory, ForumFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_forum():
    forum = ForumFactory(start_date=dt.date(2019, 8, 26), end_date=dt.date(2019, 8, 28))
    for role in ("delegate", "speaker", "host"):
        participation = ParticipationFactory(
            forum=forum,
            role=role,
            person__bio_en="<p>Born in Hanoi.</p>",
            consent_recorded_on=dt.date(2019, 8, 1),
            consents_to_photographs=True,
        )
        AttendanceFactory(participation=participation)
    return forum


def anonymise(forum, *extra) -> str:
    out = io.StringIO()
    call_command("anonymise_delegates", "--forum", forum.slug, *extra, stdout=out)
    return out.getvalue()


def snapshot(forum):
    return [
        (table.key, [(line.label, line.count) for line in table.lines])
        for table in forum_statistics(forum)
    ]


def test_anonymising_removes_personal_data_and_keeps_the_statistics(old_forum):
    before = snapshot(old_forum)
    counts = (Participation.objects.count(), Attendance.objects.count(), Person.objects.count())

    output = anonymise(old_forum)

    assert "Anonymised 3 people" in output
    for person in Person.objects.all():
        assert (person.first_name_th, person.first_name_en) == (ANONYMOUS_TH, ANONYMOUS_EN)
        assert person.last_name_th == person.last_name_en == person.honorific_en == ""
        assert person.position_en == person.bio_en == person.email == person.phone == ""
        assert person.anonymised_at is not None
        assert person.organisation is not None
    assert not Participation.objects.filter(consents_to_public_listing=True).exists()
    assert not Participation.objects.exclude(consent_recorded_on=None).exists()
    assert not Participation.objects.public().exists()
    assert snapshot(old_forum) == before
    assert (
        Participation.objects.count(),
        Attendance.objects.count(),
        Person.objects.count(),
    ) == counts


def test_the_untranslated_name_columns_are_erased_too(old_forum):
    anonymise(old_forum)

    # Read with SQL: modeltranslation would read the Thai columns in their place.
    with connection.cursor() as cursor:
        cursor.execute("SELECT first_name, last_name, position FROM delegates_person")
        names = set(cursor.fetchall())
    assert names == {(ANONYMOUS_TH, "", "")}


def test_nothing_is_anonymised_before_the_retention_period_is_over(old_forum):
    recent = ForumFactory(start_date=dt.date.today(), end_date=dt.date.today())
    ParticipationFactory(forum=recent)

    with translation.override("en"), pytest.raises(CommandError, match="must be kept until"):
        anonymise(recent)
    with translation.override("en"), pytest.raises(CommandError, match="must be kept until"):
        anonymise(old_forum, "--retention-days", "100000")
    assert not Person.objects.exclude(anonymised_at=None).exists()


def test_people_taking_part_in_a_recent_forum_are_kept(old_forum):
    returning = Participation.objects.filter(forum=old_forum).first().person
    ParticipationFactory(
        forum=ForumFactory(start_date=dt.date.today(), end_date=dt.date.today()), person=returning
    )

    output = anonymise(old_forum)

    assert "Anonymised 2 people" in output and "1 kept" in output
    assert Person.objects.get(pk=returning.pk).anonymised_at is None


def test_a_dry_run_changes_nothing_and_running_twice_changes_nothing_more(old_forum):
    assert "Would anonymise 3 people" in anonymise(old_forum, "--dry-run")
    assert not Person.objects.exclude(anonymised_at=None).exists()

    anonymise(old_forum)

    assert "Anonymised 0 people" in anonymise(old_forum)


def test_anonymising_deletes_each_persons_photo_files_from_storage_and_history(
    old_forum, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from events.services import object_save
    from tests import sample_files

    person = Person.objects.filter(participations__forum=old_forum).first()
    person.photo = ContentFile(sample_files.image(), name="upload.jpg")
    object_save(obj=person)
    first = person.photo.name
    # A newer photo: the first stays in storage, since the earlier version names it.
    person.photo = ContentFile(sample_files.image(colour="#aa0000"), name="upload.jpg")
    object_save(obj=person)
    second = person.photo.name
    assert default_storage.exists(first) and default_storage.exists(second)
    assert set(Person.history.filter(id=person.pk).values_list("photo", flat=True)) >= {
        first,
        second,
    }

    with django_capture_on_commit_callbacks(execute=True):
        anonymise(old_forum)

    assert not default_storage.exists(first) and not default_storage.exists(second)
    assert Person.objects.get(pk=person.pk).photo.name == ""
    assert set(Person.history.filter(id=person.pk).values_list("photo", flat=True)) == {""}
