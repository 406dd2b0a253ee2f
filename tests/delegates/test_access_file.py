"""A person's own data as one file (PDPA right of access), produced by a Registrar, logged."""

import datetime as dt
import io
import json
import zipfile

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from delegates.models import ExportLog
from tests import factories
from tests.reports.pdftools import pdf_reading

pytestmark = pytest.mark.django_db


@pytest.fixture
def delegate():
    person = factories.PersonFactory(
        first_name_th="เบอร์นาเดีย",
        first_name_en="Bernadia",
        last_name_th="ตันดราดี",
        last_name_en="Tandradi",
        email="bernadia@uclg-aspac.example",
        phone="+62 21 389 01 801",
    )
    person.position_en = "Secretary General"
    person.save()
    participation = factories.ParticipationFactory(
        person=person,
        consents_to_public_listing=True,
        consent_recorded_on=dt.date(2019, 8, 1),
        consents_to_photographs=True,
        photograph_consent_recorded_on=dt.date(2019, 8, 2),
    )
    factories.AttendanceFactory(participation=participation)
    factories.SessionRoleFactory(
        session=factories.SessionFactory(forum=participation.forum), person=person
    )
    factories.ExportLogFactory(forum=participation.forum, row_count=300)
    factories.ExportLogFactory(row_count=7)  # another forum's list: not hers
    return participation


def login(client, role: str):
    user = factories.UserFactory(is_staff=True, username=f"{role.lower()}-1")
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return user


def access_url(person) -> str:
    return reverse("admin:delegates_person_access_file", args=[person.pk])


def produce(client, person, language="th"):
    response = client.post(access_url(person), {"language": language})
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return archive


def test_a_registrar_produces_the_complete_record_as_json_and_pdf(client, delegate):
    login(client, "Registrar")

    archive = produce(client, delegate.person)

    assert sorted(archive.namelist()) == ["record.json", "record.pdf"]
    record = json.loads(archive.read("record.json"))
    person = record["person"]
    assert (person["email"], person["phone"]) == (
        "bernadia@uclg-aspac.example",
        "+62 21 389 01 801",
    )
    assert (person["first_name_th"], person["position_en"]) == ("เบอร์นาเดีย", "Secretary General")
    [participation] = record["participations"]
    assert participation["consents_to_public_listing"] is True
    assert participation["consent_recorded_on"] == "2019-08-01"
    assert participation["photograph_consent_recorded_on"] == "2019-08-02"
    assert [day["day"] for day in participation["attendance"]] == ["2019-08-26"]
    assert participation["session_roles"][0]["role"] == "speaker"
    assert participation["history"], "the participation's audit trail is part of the record"
    assert [entry["change"] for entry in record["history"]] == ["+", "~"]
    logged = [(entry["kind"], entry["rows"]) for entry in record["export_log"]]
    assert ("delegates_csv", 300) in logged
    assert ("delegates_csv", 7) not in logged
    assert ("access_file", 1) in logged


def test_the_readable_copy_is_a_thai_pdf_with_the_consents_and_their_dates(client, delegate):
    login(client, "Registrar")

    text = pdf_reading(produce(client, delegate.person, "th").read("record.pdf"))

    assert "เบอร์นาเดีย ตันดราดี" in text
    assert "bernadia@uclg-aspac.example" in text
    assert "1 สิงหาคม 2562" in text
    assert "ยินยอมให้เปิดเผยรายชื่อต่อสาธารณะ" in text


def test_an_english_readable_copy_can_be_asked_for(client, delegate):
    login(client, "Registrar")

    text = pdf_reading(produce(client, delegate.person, "en").read("record.pdf"))

    assert "Personal data held by the International Affairs Office" in text
    assert "1 August 2019" in text


def test_producing_the_file_is_logged_and_opening_the_page_is_not(client, delegate):
    registrar = login(client, "Registrar")

    page = client.get(access_url(delegate.person))
    assert page.status_code == 200
    assert not ExportLog.objects.filter(kind="access_file").exists()
    produce(client, delegate.person)

    entry = ExportLog.objects.get(kind="access_file")
    assert (entry.person, entry.user, entry.row_count) == (delegate.person, registrar, 1)
    assert entry.includes_contact_details is True


def test_the_registrar_finds_the_file_on_the_persons_page(client, delegate):
    login(client, "Registrar")

    html = client.get(reverse("admin:delegates_person_change", args=[delegate.person.pk]))

    assert access_url(delegate.person) in html.content.decode()


@pytest.mark.parametrize("role", ["Editor", "Reporter", "Approver", "Viewer"])
def test_no_role_without_the_contact_permissions_produces_it(client, delegate, role):
    login(client, role)

    shown = client.get(access_url(delegate.person))
    posted = client.post(access_url(delegate.person), {"language": "th"})
    person_page = client.get(reverse("admin:delegates_person_change", args=[delegate.person.pk]))

    assert (shown.status_code, posted.status_code) == (403, 403)
    assert access_url(delegate.person) not in person_page.content.decode()
    assert not ExportLog.objects.filter(kind="access_file").exists()


def test_an_unknown_person_is_not_found(client, delegate):
    login(client, "Registrar")

    assert (
        client.get(reverse("admin:delegates_person_access_file", args=[999999])).status_code == 404
    )
    assert client.get("/th/admin/delegates/person/abc/access-file/").status_code == 404


def test_the_record_holds_every_email_the_office_sent_the_person(client, delegate):
    factories.OutgoingEmailFactory(
        participation=delegate, subject="ขอเชิญร่วมการประชุม", body="เรียน คุณเบอร์นาเดีย"
    )
    login(client, "Registrar")

    archive = produce(client, delegate.person)

    [email] = json.loads(archive.read("record.json"))["emails"]
    assert email["to"] == "bernadia@uclg-aspac.example"
    assert (email["subject"], email["text"]) == ("ขอเชิญร่วมการประชุม", "เรียน คุณเบอร์นาเดีย")
    assert email["kind"] == "invitation"
