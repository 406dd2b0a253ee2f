"""PDPA: after anonymising, no personal data is left anywhere in the database.

The delegates here go through every channel the office uses (an import through the admin,
edits of a person and of a forum's inline list, a file left waiting for confirmation), so
that their names, email addresses and phone numbers reach every table they can reach;
then every text, JSON and binary column of every table is searched for each of them.
"""

import datetime as dt
import io

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.urls import resolve, reverse
from django.utils import translation

from amf.models import Job
from delegates.models import (
    Anonymisation,
    IssuedLetter,
    OutgoingEmail,
    Participation,
    Person,
    SeatingPlan,
    StagedImport,
)
from delegates.services import replies
from delegates.services.letters import letter_issue
from delegates.services.privacy import ANONYMOUS_EN, ANONYMOUS_TH, forum_delegates_anonymise
from tests import factories
from tests.helpers import database_occurrences

pytestmark = pytest.mark.django_db

# Strings found nowhere else, so that a match can only be one of these people's data.
PEOPLE = [
    {
        "first_name_th": "ซานทิปเป",
        "last_name_th": "ควอตซ์โคอาทล์",
        "first_name_en": "Xanthippe",
        "last_name_en": "Quetzalcoatl",
        "email": "xanthippe.q@example.org",
        "phone": "+66 81 234 5678",
    },
    {
        "first_name_th": "ซีโนเบีย",
        "last_name_th": "วาเลนทิเนียนัส",
        "first_name_en": "Zenobia",
        "last_name_en": "Valentinianus",
        "email": "zenobia.v@example.org",
        "phone": "+66 89 876 5432",
    },
]
# What Xanthippe tells the office on her own page, and the person she brings.
REPLIES = {
    "dietary_needs": "Xerophagy fasting diet",
    "accessibility_needs": "Quintessential ramp",
    "arrival_flight": "QX 9081",
    "arrival_airport": "Xiguan Quayside",
    "departure_flight": "QX 9082",
    "departure_airport": "Zanzibar Quay",
    "hotel": "Hotel Quixotica",
    "passport_number": "QZ9876543",
}
COMPANION = {"first_name": "Ximena", "last_name": "Quillfeather"}
HEADER = "first_name_th,last_name_th,first_name_en,last_name_en,email,phone,country"


def erased_strings() -> list[str]:
    strings = []
    for person in PEOPLE:
        strings += list(person.values())
        strings += [
            f"{person['first_name_en']} {person['last_name_en']}",
            f"{person['first_name_th']} {person['last_name_th']}",
        ]
    return [*strings, *REPLIES.values(), *COMPANION.values()]


def reply_on_the_page(participation) -> None:
    """What the delegate's own page writes, through the same services."""
    head = participation
    replies.participation_needs_set(
        head=head,
        participation=head,
        dietary_needs=REPLIES["dietary_needs"],
        accessibility_needs=REPLIES["accessibility_needs"],
        interpretation_language="km",
    )
    replies.participation_travel_set(
        participation=head,
        travel={
            name: REPLIES.get(name, "")
            for name in ("arrival_flight", "arrival_airport", "departure_flight")
        }
        | {"departure_airport": REPLIES["departure_airport"], "hotel": REPLIES["hotel"]}
        | {
            "arrival_date": dt.date(2019, 8, 25),
            "arrival_time": dt.time(14, 0),
            "departure_date": dt.date(2019, 8, 29),
            "departure_time": dt.time(9, 0),
        },
    )
    replies.participation_visa_letter_request(
        participation=head,
        passport_number=REPLIES["passport_number"],
        passport_nationality=factories.CountryFactory(),
        passport_expires_on=dt.date(2030, 1, 1),
    )
    replies.accompanying_person_add(
        head=head,
        language="en",
        honorific="Ms.",
        consents_to_public_listing=True,
        needs={"dietary_needs": "Halal", "interpretation_language": "lo"},
        **COMPANION,
    )
    # Changed again, so that the audit trail holds more than one version of each.
    replies.participation_needs_set(
        head=head,
        participation=head,
        dietary_needs=REPLIES["dietary_needs"] + " (strict)",
        accessibility_needs=REPLIES["accessibility_needs"],
        interpretation_language="km",
    )


def delegate_file(people) -> bytes:
    lines = [HEADER] + [",".join([*(p[k] for k in HEADER.split(",")[:-1]), "TH"]) for p in people]
    return "\n".join(lines).encode()


def upload(client, forum, content: bytes):
    file = io.BytesIO(content)
    file.name = "delegates.csv"
    return client.post(
        reverse("admin:delegates_participation_import"), {"forum": forum.pk, "file": file}
    )


@pytest.fixture
def old_forum():
    return factories.ForumFactory(start_date=dt.date(2019, 8, 26), end_date=dt.date(2019, 8, 28))


def job_of(response) -> Job:
    assert response.status_code == 302
    return Job.objects.get(pk=resolve(response["Location"]).kwargs["object_id"])


@pytest.fixture
def spread_everywhere(client, old_forum, admin_form_data, run_jobs, settings):
    """The people's data, put wherever the office's work puts it."""
    client.force_login(factories.SuperuserFactory())
    # Imported through the admin (previewed, then imported, in the background): rows, the
    # first version of each in the audit trail, and the jobs' previews.
    preview = job_of(upload(client, old_forum, delegate_file(PEOPLE[:1])))
    run_jobs()
    client.post(reverse("admin:delegates_participation_import"), {"job": preview.pk})
    run_jobs()
    # Edited in the admin: more versions, and the admin's log names the person.
    xanthippe = Person.objects.get(email=PEOPLE[0]["email"])
    page = reverse("admin:delegates_person_change", args=[xanthippe.pk])
    data = admin_form_data(client.get(page))
    data["position_en"] = "Deputy Governor"
    assert client.post(page, data).status_code == 302
    # Her replies on her own page: needs, travel, passport, a person she brings.
    reply_on_the_page(Participation.objects.get(person=xanthippe))
    # A letter issued her: the register names her, the PDF holds her passport number.
    factories.ForumLetterSettingsFactory(forum=old_forum)
    letter_issue(
        participation=Participation.objects.get(person=xanthippe), kind="invitation", language="en"
    )
    xanthippe_in = Participation.objects.get(person=xanthippe).pk
    # Added to the forum on its own page: the forum's log entry names the new participation.
    zenobia = factories.PersonFactory(**PEOPLE[1], organisation=None)
    page = reverse("admin:events_forum_change", args=[old_forum.pk])
    data = admin_form_data(client.get(page))
    prefix = "participations"
    row = int(data[f"{prefix}-TOTAL_FORMS"])
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": row + 1,
            f"{prefix}-{row}-person": zenobia.pk,
            f"{prefix}-{row}-role": "delegate",
            f"{prefix}-{row}-registration_status": "confirmed",
            f"{prefix}-{row}-precedence": 1000,
        }
    )
    response = client.post(page, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    # Written to, through the outbox: emails holding their names and addresses.
    response = client.post(
        reverse("admin:delegates_participation_changelist"),
        {
            "action": "send_message",
            "_selected_action": list(
                Participation.objects.filter(forum=old_forum).values_list("pk", flat=True)
            ),
            "compose": "1",
            "send": "1",
            "subject_en": "For {name}",
            "body_en": "Dear {honorific} {name}",
        },
    )
    assert response.status_code == 302
    run_jobs()
    assert OutgoingEmail.objects.filter(state="sent").count() == 2
    # Seated in a session's plan made in the admin, moved there, and printed on place cards
    # by a background job (its file holds their names).
    session = factories.SessionFactory(forum=old_forum)
    response = client.post(
        reverse("admin:delegates_seatingplan_add"),
        {"session": session.pk, "row_width": 4, "rows": 1, "audience": "confirmed"},
    )
    assert response.status_code == 302
    plan = SeatingPlan.objects.get(session=session)
    seats = reverse("admin:delegates_seatingplan_seats", args=[plan.pk])
    empty = plan.seats.filter(participation=None)
    client.post(seats, {"action": "assign", "seat": empty[0].pk, "participation": xanthippe_in})
    client.post(seats, {"action": "swap", "first": empty[0].pk, "second": empty[1].pk})
    # The page the moves lead back to (it shows their messages, which name her).
    client.get(reverse("admin:delegates_seatingplan_change", args=[plan.pk]))
    assert plan.seats.occupied().count() == 2
    settings.JOBS_INLINE_MAX_ROWS = 0
    response = client.post(reverse("admin:delegates_seatingplan_place_cards", args=[plan.pk]))
    assert response.status_code == 302
    run_jobs()
    assert Job.objects.filter(kind="delegates.export", state="succeeded").exists()
    # A second file previewed but never confirmed waits in the database, with its preview.
    upload(client, old_forum, delegate_file(PEOPLE))
    run_jobs()
    assert StagedImport.objects.exists()
    assert database_occurrences(erased_strings()), "the data did not reach the database"
    reached = {string for _table, _column, string in database_occurrences(erased_strings())}
    assert reached >= {*REPLIES.values(), *COMPANION.values()}, "the replies did not"
    return client


def test_anonymising_leaves_no_name_email_or_phone_in_any_table(spread_everywhere, old_forum):
    call_command("anonymise_delegates", "--forum", old_forum.slug, stdout=io.StringIO())

    assert database_occurrences(erased_strings()) == {}


def test_anonymising_erases_the_interpretation_languages_in_the_rows_and_their_history(
    spread_everywhere, old_forum
):
    participations = Participation.objects.filter(forum=old_forum)
    history = Participation.history.filter(forum_id=old_forum.pk)
    assert set(history.values_list("interpretation_language", flat=True)) >= {"km", "lo"}

    call_command("anonymise_delegates", "--forum", old_forum.slug, stdout=io.StringIO())

    assert set(participations.values_list("interpretation_language", flat=True)) == {""}
    assert set(history.values_list("interpretation_language", flat=True)) == {""}


def test_anonymising_blanks_the_letters_addressee_and_deletes_their_pdfs(
    spread_everywhere, old_forum, django_capture_on_commit_callbacks
):
    letter = IssuedLetter.objects.get()
    stored = letter.pdf.name
    storage = letter.pdf.storage
    assert letter.addressee and storage.exists(stored)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("anonymise_delegates", "--forum", old_forum.slug, stdout=io.StringIO())

    letter.refresh_from_db()
    assert (letter.addressee, letter.pdf.name) == ("", "")
    assert not storage.exists(stored)
    # The register keeps its line: which letter, when, by whom.
    assert letter.reference and letter.kind == "invitation" and letter.dated


def test_after_anonymising_the_history_shows_nothing_and_a_revert_brings_nothing_back(
    spread_everywhere, old_forum, admin_form_data
):
    client = spread_everywhere
    xanthippe = Person.objects.get(email=PEOPLE[0]["email"])
    first = xanthippe.history.earliest()
    call_command("anonymise_delegates", "--forum", old_forum.slug, stdout=io.StringIO())

    history = client.get(reverse("admin:delegates_person_history", args=[xanthippe.pk]))
    version_page = reverse("admin:delegates_person_simple_history", args=[xanthippe.pk, first.pk])
    reverted = client.post(version_page, admin_form_data(client.get(version_page)))

    assert history.status_code == 200
    assert "Xanthippe" not in history.content.decode()
    assert "xanthippe.q@example.org" not in history.content.decode()
    assert reverted.status_code == 302
    xanthippe.refresh_from_db()
    assert (xanthippe.first_name_en, xanthippe.email) == (ANONYMOUS_EN, "")
    assert xanthippe.anonymised_at is not None


def test_after_anonymising_the_seating_plan_keeps_its_seats_but_shows_no_name(
    spread_everywhere, old_forum
):
    client = spread_everywhere
    plan = SeatingPlan.objects.get(session__forum=old_forum)

    call_command("anonymise_delegates", "--forum", old_forum.slug, stdout=io.StringIO())

    page = client.get(reverse("admin:delegates_seatingplan_change", args=[plan.pk]))
    content = page.content.decode()
    assert page.status_code == 200
    assert plan.seats.occupied().count() == 2
    assert [name for name in erased_strings() if name in content] == []
    assert ANONYMOUS_TH in content or ANONYMOUS_EN in content
    assert not Job.objects.filter(forum=old_forum).exclude(file=None).exists()


def test_the_anonymisation_is_recorded_with_who_when_and_how_many_but_no_names(
    spread_everywhere, old_forum
):
    user = factories.UserFactory(username="dpo")

    forum_delegates_anonymise(forum=old_forum, user=user)

    record = Anonymisation.objects.get()
    # Xanthippe, Zenobia and the person Xanthippe brought.
    assert (record.forum, record.user, record.people, record.kept) == (old_forum, user, 3, 0)
    assert record.forum_title == old_forum.title
    assert record.staged_imports_discarded == 1
    assert not StagedImport.objects.exists()
    assert all(name not in str(vars(record)) for name in erased_strings())


def test_the_anonymisation_record_is_readable_but_not_editable_in_the_admin(admin_client):
    record = factories.AnonymisationFactory()
    page = reverse("admin:delegates_anonymisation_change", args=[record.pk])

    opened = admin_client.get(page)
    changed = admin_client.post(page, {"people": 0})
    deleted = admin_client.post(
        reverse("admin:delegates_anonymisation_delete", args=[record.pk]), {"post": "yes"}
    )

    assert opened.status_code == 200
    assert not opened.context["has_change_permission"]
    assert changed.status_code == 403 and deleted.status_code == 403
    record.refresh_from_db()
    assert record.people == 12
    assert admin_client.get(reverse("admin:delegates_anonymisation_add")).status_code == 403


def test_each_erased_person_and_participation_has_the_anonymisation_in_its_history(
    old_forum,
):
    participation = factories.ParticipationFactory(forum=old_forum, consents_to_public_listing=True)
    user = factories.UserFactory()

    forum_delegates_anonymise(forum=old_forum, user=user)

    for row in (participation.person, participation):
        latest = row.history.latest()
        assert latest.history_user == user
        assert "retention" in (latest.history_change_reason or "") or latest.history_change_reason
    assert participation.person.history.latest().first_name_th == ANONYMOUS_TH


def test_a_bulletins_reporter_is_kept_as_the_bulletin_names_them(old_forum):
    reporter = factories.ParticipationFactory(forum=old_forum, role="staff").person
    factories.BulletinFactory(forum=old_forum, reporter=reporter)
    delegate = factories.ParticipationFactory(forum=old_forum).person
    out = io.StringIO()

    call_command("anonymise_delegates", "--forum", old_forum.slug, stdout=out)

    assert "Anonymised 1 people" in out.getvalue()
    assert "1 named in a bulletin" in out.getvalue()
    assert Person.objects.get(pk=reporter.pk).anonymised_at is None
    assert Person.objects.get(pk=delegate.pk).anonymised_at is not None


def test_anonymising_takes_the_people_off_the_forums_public_pages_at_once(client, old_forum):
    speaker = factories.ParticipationFactory(
        forum=old_forum, consents_to_public_listing=True, person__first_name_en="Xanthippe"
    )
    factories.SessionRoleFactory(
        session=factories.SessionFactory(forum=old_forum), person=speaker.person
    )
    with translation.override("en"):
        page = reverse("delegates:speakers", kwargs={"slug": old_forum.slug})
        programme = reverse("delegates:programme", kwargs={"slug": old_forum.slug})
    assert "Xanthippe" in client.get(page).content.decode()
    assert "Xanthippe" in client.get(programme).content.decode()

    forum_delegates_anonymise(forum=old_forum)

    assert "Xanthippe" not in client.get(page).content.decode()
    assert "Xanthippe" not in client.get(programme).content.decode()
    assert not Participation.objects.public().exists()
    assert not LogEntry.objects.filter(object_repr__contains="Xanthippe").exists()
