"""What an import writes: consent dates kept, an export imported back changing nothing, the
history of every row it writes, and its progress reported while it reads each row once."""

import datetime as dt
import io

import pytest
from django.utils import timezone

from delegates.models import Participation, Person
from delegates.services.exports import delegates_export, delegates_export_stream
from delegates.services.imports import delegates_import
from delegates.spreadsheets import Table, read_table
from events.models import Forum
from tests import factories
from tests.factories import (
    CountryFactory,
    ForumFactory,
    OrganisationFactory,
    ParticipationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum():
    return ForumFactory()


def table(text: str) -> Table:
    return read_table("delegates.csv", text.encode())


def imported(forum, text: str, **kwargs):
    plan = delegates_import(forum=forum, table=table(text), **kwargs)
    assert plan.applied, [str(issue) for issue in plan.issues]
    return plan


CONSENTING = (
    "first_name_en,country,email,consents_to_public_listing,consent_recorded_on\n"
    "Anh,VN,anh@example.org,yes,{date}\n"
)


def test_re_importing_a_file_without_consent_dates_keeps_the_dates_recorded(forum):
    imported(forum, CONSENTING.format(date=""))
    first = Participation.objects.get(forum=forum).consent_recorded_on

    plan = imported(forum, CONSENTING.format(date=""))

    participation = Participation.objects.get(forum=forum)
    assert first == timezone.localdate()
    assert participation.consents_to_public_listing is True
    assert participation.consent_recorded_on == first
    assert plan.summary["unchanged"] == 1


def test_a_blank_consent_date_keeps_a_date_given_earlier(forum):
    imported(forum, CONSENTING.format(date="2019-08-01"))

    imported(forum, CONSENTING.format(date=""))

    assert Participation.objects.get(forum=forum).consent_recorded_on == dt.date(2019, 8, 1)


def test_a_consent_withdrawn_without_a_date_is_dated_today(forum):
    imported(forum, CONSENTING.format(date="2019-08-01"))

    imported(
        forum, "first_name_en,country,email,consents_to_public_listing\nAnh,VN,anh@example.org,no\n"
    )

    participation = Participation.objects.get(forum=forum)
    assert participation.consents_to_public_listing is False
    assert participation.consent_recorded_on == timezone.localdate()


@pytest.fixture
def varied(forum):
    """Delegates in every state an export writes: dates, badges, countries from each source."""
    singapore = CountryFactory(code="XS", code3="XSG", name_en="Xsingapore", name_th="เอ็กซ์")
    delegation = OrganisationFactory(name_en="Delegation of X", country=singapore)
    ParticipationFactory(
        forum=forum,
        consent_recorded_on=dt.date(2019, 8, 1),
        consents_to_photographs=True,
        photograph_consent_recorded_on=dt.date(2019, 8, 2),
        badge_issued=True,
        badge_issued_at=timezone.now(),
        person__position_en="=Mayor, +1 (formula-like)",
        person__email="Mayor@Example.org",
        person__phone="+66 2 224 8177",
    )
    ParticipationFactory(forum=forum, country=None, delegation=delegation)
    ParticipationFactory(
        forum=forum, country=None, delegation=None, consents_to_public_listing=False
    )
    return forum


def snapshot(forum):
    rows = Participation.objects.filter(forum=forum).order_by("pk")
    return (
        list(rows.values()),
        list(Person.objects.filter(participations__forum=forum).order_by("pk").values()),
        Participation.history.count(),
        Person.history.count(),
        Forum.objects.get(pk=forum.pk).updated_at,
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_exported_file_imported_again_changes_nothing(varied, fmt):
    participations = Participation.objects.filter(forum=varied)
    if fmt == "csv":
        data = b"".join(
            delegates_export_stream(participations=participations, include_contacts=True)
        )
    else:
        out = io.BytesIO()
        delegates_export(participations=participations, fmt=fmt, out=out, include_contacts=True)
        data = out.getvalue()
    before = snapshot(varied)

    plan = delegates_import(forum=varied, table=read_table(f"delegates.{fmt}", data))

    assert plan.applied
    assert plan.summary == {"create": 0, "update": 0, "unchanged": 3, "organisations": 0}
    assert snapshot(varied) == before


def test_every_row_an_import_writes_has_a_version_naming_who_and_why(forum):
    existing = ParticipationFactory(forum=forum, person__email="old@example.org")
    registrar = UserFactory(username="registrar")

    imported(
        forum,
        "first_name_en,country,email,position_en,registration_status\n"
        "Old,TH,old@example.org,Governor,cancelled\n"
        "New,VN,new@example.org,Mayor,\n",
        user=registrar,
    )

    new = Participation.objects.get(forum=forum, person__email="new@example.org")
    for row, kind in [
        (existing, "~"),
        (existing.person, "~"),
        (new, "+"),
        (new.person, "+"),
    ]:
        latest = row.history.latest()
        assert (latest.history_type, latest.history_user) == (kind, registrar)
        assert latest.history_change_reason
    assert existing.person.history.latest().position_en == "Governor"


def test_an_import_reads_the_rows_once_and_reports_its_progress(forum):
    read = []

    def rows():
        for n in range(1200):
            read.append(n)
            yield [f"Delegate {n}", "TH", f"d{n}@example.org"]

    one_pass = Table(headers=["first_name_en", "country", "email"], rows=rows())
    heard = []

    plan = delegates_import(
        forum=forum, table=one_pass, progress=lambda done, total: heard.append((done, total))
    )

    assert plan.applied and plan.summary["create"] == 1200
    assert read == list(range(1200))
    # Reading: every 500 rows, the total unknown until the end; then writing, in batches.
    assert heard == [(500, 0), (1000, 0), (1200, 1200), (1200, 1200)]


def test_an_import_confirmed_in_the_admin_names_its_user_in_each_rows_history(
    client, forum, run_jobs
):
    from django.urls import resolve, reverse

    from amf.models import Job

    registrar = factories.SuperuserFactory(username="registrar")
    client.force_login(registrar)
    page = reverse("admin:delegates_participation_import")
    upload = io.BytesIO(b"first_name_en,country,email\nAnh,VN,anh@example.org\n")
    upload.name = "delegates.csv"
    uploaded = client.post(page, {"forum": forum.pk, "file": upload})
    preview = Job.objects.get(pk=resolve(uploaded["Location"]).kwargs["object_id"])
    run_jobs()

    client.post(page, {"job": preview.pk})
    run_jobs()

    participation = Participation.objects.get(forum=forum)
    assert participation.history.latest().history_user == registrar
    assert participation.person.history.latest().history_user == registrar


@pytest.mark.parametrize("count", [1, 150], ids=["one", "many"])
def test_renaming_people_by_import_moves_the_other_forums_they_appear_in(forum, count):
    elsewhere, untouched = ForumFactory(), ForumFactory()
    rows = []
    for n in range(count):
        participation = ParticipationFactory(forum=forum, person__email=f"p{n}@example.org")
        ParticipationFactory(forum=elsewhere, person=participation.person)
        rows.append(f"{participation.pk},Renamed {n},TH")
    ParticipationFactory(forum=untouched)
    before = dict(Forum.objects.values_list("pk", "updated_at"))

    imported(forum, "id,first_name_en,country\n" + "\n".join(rows) + "\n")

    after = dict(Forum.objects.values_list("pk", "updated_at"))
    assert {pk for pk in after if after[pk] != before[pk]} == {forum.pk, elsewhere.pk}


def test_changing_only_contact_details_by_import_moves_no_other_forum(forum):
    elsewhere = ForumFactory()
    participation = ParticipationFactory(forum=forum, person__email="p@example.org")
    ParticipationFactory(forum=elsewhere, person=participation.person)
    before = Forum.objects.get(pk=elsewhere.pk).updated_at

    imported(
        forum,
        f"id,first_name_th,country,phone\n{participation.pk},"
        f"{participation.person.first_name_th},TH,+66 2 000 0000\n",
    )

    assert Forum.objects.get(pk=elsewhere.pk).updated_at == before
    assert Person.objects.get(pk=participation.person_id).phone == "+66 2 000 0000"
