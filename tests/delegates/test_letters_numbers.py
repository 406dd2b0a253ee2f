"""Reference numbers: one running sequence per forum, in order, never one number twice."""

import threading
import time
from unittest import mock

import pytest
from django.db import connection

from delegates import letters as letters_module
from delegates.models import IssuedLetter
from delegates.services import letters as letters_service
from delegates.services.letters import letter_issue
from tests import factories


@pytest.mark.django_db
def test_each_forum_numbers_its_letters_in_order_from_its_first_number():
    settings = factories.ForumLetterSettingsFactory(first_number=41)
    other = factories.ForumLetterSettingsFactory()
    here = [factories.ParticipationFactory(forum=settings.forum) for _ in range(3)]
    there = factories.ParticipationFactory(forum=other.forum)

    issued = [
        letter_issue(participation=participation, kind="invitation", language="th")
        for participation in here
    ]
    elsewhere = letter_issue(participation=there, kind="invitation", language="en")

    assert [letter.reference for letter in issued] == ["กท 1402/41", "กท 1402/42", "กท 1402/43"]
    # The English letters use the Thai prefix where no English one is set.
    assert elsewhere.reference == "กท 1402/1"


@pytest.mark.django_db
def test_raising_the_first_number_skips_ahead_and_lowering_it_never_reuses_one():
    settings = factories.ForumLetterSettingsFactory()
    participation = factories.ParticipationFactory(forum=settings.forum)
    letter_issue(participation=participation, kind="invitation", language="th")
    settings.first_number = 100
    settings.save()
    assert letter_issue(participation=participation, kind="invitation", language="th").number == 100
    settings.first_number = 1
    settings.save()
    assert letter_issue(participation=participation, kind="invitation", language="th").number == 101


# Serialized rollback puts back the migrations' rows (countries, roles) for the tests after.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_letters_issued_at_once_get_two_distinct_numbers_on_postgresql():
    assert connection.vendor == "postgresql"
    settings = factories.ForumLetterSettingsFactory()
    first, second = (factories.ParticipationFactory(forum=settings.forum) for _ in range(2))
    # Each lays its letter out slowly once it holds a number, so that without the lock
    # both would read the same highest number and take the same next one.
    lay_out = letters_module.letters_pdf

    def slow_layout(documents):
        time.sleep(0.5)
        return lay_out(documents)

    start = threading.Barrier(2)
    outcomes = []

    def issue(participation):
        try:
            start.wait()
            letter = letter_issue(participation=participation, kind="invitation", language="th")
            outcomes.append(letter.number)
        except Exception as error:  # the test reports whatever happened
            outcomes.append(repr(error))
        finally:
            connection.close()

    with mock.patch.object(letters_service, "letters_pdf", slow_layout):
        threads = [threading.Thread(target=issue, args=(p,)) for p in (first, second)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert sorted(outcomes) == [1, 2]
    assert sorted(IssuedLetter.objects.values_list("number", flat=True)) == [1, 2]
    # The second waited for the first: the lock, not luck.
    assert time.monotonic() - started >= 1.0
