"""The programme for calendars, apps and printers: iCalendar, JSON and the A4 PDF."""

import json
import subprocess

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from events.models import Session

SLUG = "amf-2019"


def url(name: str, language: str | None = None, **kwargs) -> str:
    if language is None:
        return reverse(f"feeds:{name}", kwargs={"slug": SLUG, **kwargs})
    with translation.override(language):
        return reverse(f"delegates:{name}", kwargs={"slug": SLUG, **kwargs})


def calendar(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.getvalue())


def events(cal: Calendar) -> dict:
    return {str(event["UID"]): event for event in cal.walk("VEVENT")}


@pytest.fixture
def welcome(demo_db):
    return Session.objects.get(title_en="Welcome remarks")


def test_the_programme_feed_is_rfc_5545_with_the_forums_time_zone(client, welcome):
    cal = calendar(client.get(url("programme_ics", "th")))
    [zone] = cal.walk("VTIMEZONE")
    event = events(cal)[f"amf-session-{welcome.pk}@amf.programme"]

    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    assert zone["TZID"] == "Asia/Bangkok"
    assert event["DTSTART"].params["TZID"] == "Asia/Bangkok"
    assert event.decoded("DTSTART").isoformat() == "2019-08-26T09:00:00+07:00"
    assert event.decoded("DTEND").isoformat() == "2019-08-26T09:40:00+07:00"
    assert "DTSTAMP" in event
    assert str(event["SUMMARY"]) == "พิธีกล่าวต้อนรับผู้เข้าร่วมการประชุม"
    assert "ห้องประชุม 1" in str(event["LOCATION"])
    assert str(event["URL"]).endswith(f"/th/forums/amf-2019/sessions/{welcome.pk}/")


def test_the_feeds_uids_stay_the_same_across_requests_and_languages(client, welcome):
    thai = client.get(url("programme_ics", "th")).getvalue()
    english = client.get(url("programme_ics", "en")).getvalue()
    again = client.get(url("programme_ics", "en")).getvalue()

    assert (
        set(events(Calendar.from_ical(thai))) == set(events(Calendar.from_ical(english))) != set()
    )
    assert again == english


def test_the_unprefixed_feed_takes_its_language_from_lang_and_defaults_to_thai(client, welcome):
    uid = f"amf-session-{welcome.pk}@amf.programme"

    english = events(calendar(client.get(url("programme_ics"), {"lang": "en"})))[uid]
    thai = events(calendar(client.get(url("programme_ics"))))[uid]

    assert str(english["SUMMARY"]) == "Welcome remarks"
    assert "Speaker: Pol. Gen. Aswin Kwanmuang" in str(english["DESCRIPTION"])
    assert str(thai["SUMMARY"]) == "พิธีกล่าวต้อนรับผู้เข้าร่วมการประชุม"


def test_an_unknown_language_is_refused_with_a_message_naming_it(client, welcome):
    response = client.get(url("programme_ics"), {"lang": "fr"})

    assert response.status_code == 400
    assert "“fr”" in response.content.decode()


def test_the_feed_of_saved_sessions_holds_only_those(client, welcome):
    cal = calendar(client.get(url("programme_ics", "en"), {"sessions": str(welcome.pk)}))

    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Welcome remarks"]


def test_a_malformed_list_of_sessions_is_refused_with_a_clear_message(client, welcome):
    response = client.get(url("programme_ics", "en"), {"sessions": "1,two"})

    assert response.status_code == 400
    assert "“sessions” must list session numbers" in response.content.decode()


def test_one_session_has_its_own_calendar_file_with_the_same_uid(client, welcome):
    cal = calendar(client.get(url("session_ics", "en", pk=welcome.pk)))

    assert list(events(cal)) == [f"amf-session-{welcome.pk}@amf.programme"]
    assert cal.walk("VTIMEZONE")


def test_the_calendar_file_of_an_unknown_session_is_not_found(client, welcome):
    assert client.get(url("session_ics", "en", pk=welcome.pk + 1000)).status_code == 404


def test_the_json_programme_gives_forum_sessions_times_with_offsets_and_people(client, welcome):
    response = client.get(url("programme_json"), {"lang": "en"})
    data = json.loads(response.getvalue())
    session = next(s for s in data["sessions"] if s["id"] == welcome.pk)

    assert response["Content-Type"] == "application/json"
    assert data["language"] == "en"
    assert data["forum"]["slug"] == SLUG
    assert data["forum"]["time_zone"] == "Asia/Bangkok"
    assert data["forum"]["dates"] == "26–28 August 2019"
    assert set(session) == {
        "id", "uid", "title", "type", "type_label", "starts_at", "ends_at", "day", "room",
        "description", "people", "url",
    }  # fmt: skip
    assert session["starts_at"] == "2019-08-26T09:00:00+07:00"
    assert session["type"] == "ceremony" and session["type_label"] == "Ceremony"
    assert session["people"][0]["name"] == "Pol. Gen. Aswin Kwanmuang"
    assert set(session["people"][0]) == {
        "role", "role_label", "name", "position", "organisation", "contribution",
    }  # fmt: skip


def test_the_thai_json_programme_gives_buddhist_era_days(client, welcome):
    data = client.get(url("programme_json", "th")).json()

    assert data["forum"]["dates"] == "26–28 สิงหาคม 2562"
    assert data["sessions"][0]["day"] == "26 สิงหาคม 2562"


def pdf_text(content: bytes, tmp_path) -> tuple[str, str]:
    path = tmp_path / "programme.pdf"
    path.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, check=True, text=True
    ).stdout
    return text, fonts


def test_the_thai_printable_programme_is_an_a4_pdf_set_in_sarabun(client, welcome, tmp_path):
    response = client.get(url("programme_pdf", "th"))
    pdf = response.getvalue()
    text, fonts = pdf_text(pdf, tmp_path)
    info = subprocess.run(
        ["pdfinfo", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()

    assert response["Content-Type"] == "application/pdf"
    assert "การประชุมนายกเทศมนตรีอาเซียน ครั้งที่ 5" in text
    assert "26–28 สิงหาคม 2562" in text
    assert "วันจันทร์ 26 สิงหาคม 2562" in text
    assert "09:00–09:40" in text
    assert "595.276 x 841.89 pts (A4)" in info
    sarabun = [line for line in fonts.splitlines() if "Sarabun" in line]
    assert sarabun and all(" yes yes yes " in line for line in sarabun)


def test_the_english_printable_programme_is_in_english(client, welcome, tmp_path):
    text, _fonts = pdf_text(client.get(url("programme_pdf", "en")).getvalue(), tmp_path)

    assert "5th ASEAN Mayors Forum" in text
    assert "Monday 26 August 2019" in text
    assert "Pol. Gen. Aswin Kwanmuang" in text
