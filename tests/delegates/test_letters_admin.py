"""Letters in the admin: one delegate's letter issued and downloaded, a selection's letters
issued by a background job, the register, and who may do any of it (the Registrar)."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.urls import resolve, reverse

from amf.models import Job, JobFile
from delegates.models import IssuedLetter
from tests import factories
from tests.reports.pdftools import pdf_reading, pdf_text

pytestmark = pytest.mark.django_db

OTHER_ROLES = ["Editor", "Reporter", "Approver", "Viewer"]


def login(client, role: str):
    user = factories.UserFactory(is_staff=True, username=f"{role.lower()}-letters")
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return user


@pytest.fixture
def forum():
    forum = factories.ForumFactory(start_date=dt.date(2019, 8, 26), end_date=dt.date(2019, 8, 28))
    factories.ForumLetterSettingsFactory(forum=forum)
    return forum


def delegate(forum, **fields):
    return factories.ParticipationFactory(forum=forum, **fields)


def letters_page(participation) -> str:
    return reverse("admin:delegates_participation_letters", args=[participation.pk])


def changelist_action(client, participations, *, follow=False, **extra):
    return client.post(
        reverse("admin:delegates_participation_changelist"),
        {"action": "issue_letters", "_selected_action": [p.pk for p in participations], **extra},
        follow=follow,
    )


def test_a_registrar_issues_one_letter_and_downloads_it_at_once(client, forum, pirkka):
    participation = delegate(forum, person=pirkka, passport_number="EU1234567")
    user = login(client, "Registrar")

    page = client.get(letters_page(participation))
    response = client.post(letters_page(participation), {"kind": "visa", "language": "th"})

    assert page.status_code == 200
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert "EU1234567" in pdf_reading(content)
    letter = IssuedLetter.objects.get()
    assert (letter.participation, letter.kind, letter.language) == (participation, "visa", "th")
    assert letter.issued_by == user and letter.reference == "กท 1402/1"
    # The participation's page links to the letters and lists the one issued.
    change = client.get(reverse("admin:delegates_participation_change", args=[participation.pk]))
    assert letters_page(participation) in change.content.decode()
    assert "กท 1402/1" in change.content.decode()


def test_missing_data_is_named_on_the_page_and_issuing_is_refused_without_an_error(client, forum):
    participation = delegate(forum)
    login(client, "Registrar")

    page = client.get(letters_page(participation)).content.decode()
    response = client.post(
        letters_page(participation), {"kind": "visa", "language": "en"}, follow=True
    )

    assert "errorlist" in page
    assert response.status_code == 200
    shown = [str(message) for message in response.context["messages"]]
    assert shown and all(participation.person.first_name in message for message in shown)
    assert not IssuedLetter.objects.exists()


def test_a_forum_without_letter_settings_is_named_rather_than_failing(client):
    participation = delegate(factories.ForumFactory(title_en="Forum Without Letters"))
    login(client, "Registrar")

    response = client.post(
        letters_page(participation), {"kind": "invitation", "language": "th"}, follow=True
    )

    assert response.status_code == 200
    assert any(participation.forum.title in str(m) for m in response.context["messages"])


def test_a_bad_choice_of_letter_is_refused_by_the_form(client, forum):
    participation = delegate(forum)
    login(client, "Registrar")

    response = client.post(letters_page(participation), {"kind": "bribe", "language": "fr"})

    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"kind", "language"}
    assert not IssuedLetter.objects.exists()


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_only_registrars_open_issue_or_download_letters(client, forum, role):
    participation = delegate(forum, passport_number="EU1234567")
    letter = factories.IssuedLetterFactory(participation=participation)
    login(client, role)

    assert client.get(letters_page(participation)).status_code == 403
    posted = client.post(letters_page(participation), {"kind": "visa", "language": "th"})
    assert posted.status_code == 403
    download = reverse("admin:delegates_issuedletter_pdf", args=[letter.pk])
    assert client.get(download).status_code == 403
    changelist_action(client, [participation], issue="1", kind="visa", language="th")
    assert not Job.objects.exists()
    assert IssuedLetter.objects.count() == 1


def test_an_issued_letters_pdf_downloads_privately_for_the_registrar(client, forum):
    letter = factories.IssuedLetterFactory(participation=delegate(forum))
    login(client, "Registrar")

    response = client.get(reverse("admin:delegates_issuedletter_pdf", args=[letter.pk]))
    register = client.get(reverse("admin:delegates_issuedletter_changelist"))
    opened = client.get(reverse("admin:delegates_issuedletter_change", args=[letter.pk]))
    changed = client.post(reverse("admin:delegates_issuedletter_change", args=[letter.pk]), {})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }
    assert letter.reference in register.content.decode()
    assert opened.status_code == 200 and not opened.context["has_change_permission"]
    assert changed.status_code == 403
    assert client.get(reverse("admin:delegates_issuedletter_add")).status_code == 403


def test_letters_for_a_selection_are_issued_by_a_job_one_pdf_and_one_record_each(
    client, forum, run_jobs
):
    ready = [delegate(forum, precedence=n, passport_number=f"PX{n:06d}") for n in range(3)]
    lacking = delegate(forum, precedence=9)
    user = login(client, "Registrar")

    form = changelist_action(client, [*ready, lacking])
    started = changelist_action(client, [*ready, lacking], issue="1", kind="visa", language="en")

    assert form.status_code == 200 and "issue_letters" in form.content.decode()
    assert started.status_code == 302
    job = Job.objects.get(pk=resolve(started["Location"]).kwargs["object_id"])
    assert (job.forum, job.user) == (forum, user)
    run_jobs()
    job.refresh_from_db()
    assert job.state == "succeeded", job.message
    assert job.outcome == {"issued": 3, "passed_over": 1}
    assert any(lacking.person.first_name in error for error in job.errors)
    letters = IssuedLetter.objects.filter(job=job).order_by("number")
    assert [letter.participation for letter in letters] == ready
    assert all(letter.issued_by == user for letter in letters)
    file = JobFile.objects.get(job=job)
    content = bytes(file.data)
    assert pdf_text(content).count("\f") == 3
    assert all(f"PX{n:06d}" in pdf_reading(content) for n in range(3))
    download = client.get(reverse("admin:amf_job_download", args=[job.pk]))
    assert download.status_code == 200


def test_a_job_whose_delegates_all_lack_data_fails_saying_why(client, forum, run_jobs):
    lacking = delegate(forum)
    login(client, "Registrar")

    changelist_action(client, [lacking], issue="1", kind="visa", language="th")
    run_jobs()

    job = Job.objects.get()
    assert job.state == "failed"
    assert job.errors and lacking.person.first_name in job.errors[0]
    assert not IssuedLetter.objects.exists()


def test_a_selection_across_two_forums_is_refused_before_any_letter(client, forum):
    here = delegate(forum, passport_number="P1")
    there = delegate(factories.ForumFactory(), passport_number="P2")
    login(client, "Registrar")

    response = changelist_action(
        client, [here, there], issue="1", kind="visa", language="th", follow=True
    )

    assert response.status_code == 200
    assert any("forum" in str(m).lower() or "ฟอรัม" in str(m) or "การประชุม" in str(m)
               for m in response.context["messages"])  # fmt: skip
    assert not Job.objects.exists()


def test_another_forums_participation_in_a_job_is_passed_over(forum, run_jobs):
    from delegates.letter_jobs import letters_issue_start
    from delegates.models import Participation

    here = delegate(forum, passport_number="P1")
    there = delegate(factories.ForumFactory(), passport_number="P2")
    job = letters_issue_start(
        user=factories.SuperuserFactory(),
        participations=Participation.objects.filter(pk=here.pk),
        kind="visa",
        language="th",
    )
    # A job's parameters changed after it was queued name another forum's delegate too.
    job.params["participations"].append(there.pk)
    job.save()

    run_jobs()

    assert list(IssuedLetter.objects.values_list("participation", flat=True)) == [here.pk]
    job.refresh_from_db()
    assert job.outcome["passed_over"] == 1


def test_the_registrar_keeps_the_forums_letter_settings(client, forum):
    settings = forum.letter_settings
    login(client, "Registrar")
    page = reverse("admin:delegates_forumlettersettings_change", args=[settings.pk])

    response = client.get(page)

    assert response.status_code == 200
    assert "กท 1402/1" in response.content.decode()  # the next reference number


def test_a_selection_of_a_forum_without_letter_settings_is_told_where_to_add_them(client):
    participation = delegate(factories.ForumFactory(), passport_number="P1")
    login(client, "Registrar")

    response = changelist_action(
        client, [participation], issue="1", kind="visa", language="th", follow=True
    )

    assert response.status_code == 200
    assert any(participation.forum.title in str(m) for m in response.context["messages"])
    assert not Job.objects.exists()
