"""The protocol desk's lists: arrivals and departures, rooming, needs and interpretation, as
admin pages and as CSV, XLSX and PDF, in Thai and English, for the Registrar only."""

import csv
import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import translation
from openpyxl import load_workbook

from amf.models import Job
from delegates.logistics import ARRIVALS, INTERPRETATION, NEEDS, ROOMING, logistics_list
from delegates.models import Country, ExportLog, Participation
from tests.delegates.test_admin_delegates import pdf_fonts, pdf_text
from tests.factories import (
    BANGKOK,
    ForumFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

AUG = lambda day: dt.date(2019, 8, day)  # noqa: E731  (the forum runs 26–28 August 2019)


def staff(client, role: str):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return user


def page_url(forum, language="th", **params):
    with translation.override(language):
        url = reverse("admin:delegates_participation_logistics", args=[forum.pk])
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{url}?{query}" if query else url


def download_url(forum, language="th"):
    with translation.override(language):
        return reverse("admin:delegates_participation_logistics_download", args=[forum.pk])


def download(client, forum, fmt, language="th", **params):
    return client.post(download_url(forum, language), {"format": fmt, **params})


def content_of(response) -> bytes:
    return b"".join(response.streaming_content)


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content_of(response).decode("utf-8-sig"))))


def xlsx_rows(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(content_of(response))).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def forum():
    return ForumFactory(slug="amf-2019")


@pytest.fixture
def japan():
    return Country.objects.get(code="JP")


@pytest.fixture
def laos():
    return Country.objects.get(code="LA")


def delegate(forum, first_th, first_en, *, delegation=None, precedence=1000, **replies):
    person = PersonFactory(
        first_name_th=first_th,
        first_name_en=first_en,
        organisation=delegation,
        honorific_th="นาย",
        honorific_en="Mr.",
    )
    return ParticipationFactory(
        forum=forum, person=person, delegation=delegation, precedence=precedence, **replies
    )


@pytest.fixture
def travellers(forum, japan, laos):
    """Two delegations landing on the 25th, one leaving on the 29th."""
    yokohama = OrganisationFactory(
        name_th="เมืองโยโกฮามา", name_en="City of Yokohama", country=japan
    )
    vientiane = OrganisationFactory(
        name_th="นครหลวงเวียงจันทน์", name_en="Vientiane Capital", country=laos
    )
    flight = {"arrival_date": AUG(25), "arrival_airport": "BKK", "hotel": "Grand Hyatt Erawan"}
    return {
        # ขจร sorts after เกษม in Thai dictionary order (ก < ข), not by code point (เ > ข).
        "kajon": delegate(
            forum, "ขจร", "Kajon", delegation=yokohama, arrival_time=dt.time(14, 5),
            arrival_flight="JL 33", **flight,
        ),
        "kasem": delegate(
            forum, "เกษม", "Kasem", delegation=yokohama, arrival_time=dt.time(14, 5),
            arrival_flight="JL 33", **flight,
        ),
        "bounmy": delegate(
            forum, "บุญมี", "Bounmy", delegation=vientiane, arrival_time=dt.time(9, 30),
            arrival_flight="QV 633", departure_date=AUG(29), departure_time=dt.time(11, 0),
            departure_flight="QV 634", departure_airport="BKK", **flight,
        ),
    }  # fmt: skip


def names_in(logistics) -> list[list[str]]:
    return [
        [row[3] for row in group.rows] for section in logistics.sections for group in section.groups
    ]


def test_arrivals_are_grouped_by_delegation_earliest_first_with_thai_names_in_order(
    forum, travellers
):
    logistics = logistics_list(forum, ARRIVALS, None)

    assert [section.title for section in logistics.sections] == [
        "ขาเข้า · 25 สิงหาคม 2562",
        "ขาออก · 29 สิงหาคม 2562",
    ]
    arrivals = logistics.sections[0]
    assert [group.title for group in arrivals.groups] == [
        "ลาว · นครหลวงเวียงจันทน์",
        "ญี่ปุ่น · เมืองโยโกฮามา",
    ]
    assert names_in(logistics) == [["นายบุญมี ใจดี"], ["นายเกษม ใจดี", "นายขจร ใจดี"], ["นายบุญมี ใจดี"]]
    assert arrivals.groups[0].rows[0][:3] == ["09:30", "QV 633", "BKK"]


def test_the_delegation_is_the_listed_country_of_the_one_rule(forum, travellers, japan):
    # A country recorded for the forum overrides the delegation's (COUNTRY_SOURCES).
    bounmy = travellers["bounmy"]
    bounmy.country = japan
    bounmy.save()

    groups = logistics_list(forum, ARRIVALS, AUG(25)).sections[0].groups

    assert groups[0].title == "ญี่ปุ่น · นครหลวงเวียงจันทน์"


def test_a_day_narrows_the_arrivals_to_those_moving_that_day(forum, travellers):
    on_29 = logistics_list(forum, ARRIVALS, AUG(29))

    assert [section.title for section in on_29.sections] == ["ขาออก · 29 สิงหาคม 2562"]
    assert on_29.row_count == 1


def test_cancelled_delegates_are_on_no_list(forum, travellers):
    travellers["bounmy"].registration_status = Participation.RegistrationStatus.CANCELLED
    travellers["bounmy"].save()

    assert logistics_list(forum, ARRIVALS, None).row_count == 2


def test_the_rooming_list_is_by_hotel_in_thai_order_with_spellings_of_one_hotel_together(
    forum, travellers
):
    travellers["kasem"].hotel = "  grand hyatt   ERAWAN "
    travellers["kasem"].save()
    delegate(forum, "อรุณ", "Arun", hotel="โรงแรมดุสิตธานี", arrival_date=AUG(27))
    delegate(forum, "กมล", "Kamol", hotel="โรงแรมเซ็นทารา")

    everyone = logistics_list(forum, ROOMING, None)
    night_of_26 = logistics_list(forum, ROOMING, AUG(26))

    # Thai dictionary order puts Thai before Latin letters, and เซ็นทารา before ดุสิต
    # (ซ < ด) whatever the leading vowel เ, which code-point order puts after ด.
    assert [section.title for section in everyone.sections] == [
        "โรงแรมเซ็นทารา",
        "โรงแรมดุสิตธานี",
        "Grand Hyatt Erawan",
    ]
    hyatt = everyone.sections[2].groups[0].rows
    assert [row[0] for row in hyatt] == ["นายเกษม ใจดี", "นายขจร ใจดี", "นายบุญมี ใจดี"]
    bounmy = hyatt[2]
    assert bounmy[3:6] == ["25 สิงหาคม 2562", "29 สิงหาคม 2562", "4"]
    # Arun arrives on the 27th: not in his hotel on the night of the 26th.
    assert [section.title for section in night_of_26.sections] == [
        "โรงแรมเซ็นทารา",
        "Grand Hyatt Erawan",
    ]


def sorted_thai(names: list[str]) -> list[str]:
    """Thai dictionary order of these names (given names: เกษม, ขจร, บุญมี)."""
    order = {"เกษม": 0, "ขจร": 1, "บุญมี": 2}
    return sorted(names, key=lambda name: order[name.removeprefix("นาย").split()[0]])


def test_needs_are_counted_one_by_one_with_the_people_who_have_them(forum, travellers):
    travellers["kasem"].dietary_needs = "Halal; no alcohol"
    travellers["kasem"].save()
    travellers["kajon"].dietary_needs = "halal"
    travellers["kajon"].accessibility_needs = "Wheelchair access"
    travellers["kajon"].save()
    # Leaves on the 29th, before the kitchen's day? No: present until the 29th.
    travellers["bounmy"].dietary_needs = "Vegetarian"
    travellers["bounmy"].save()
    delegate(forum, "ดารา", "Dara", dietary_needs="Vegetarian", departure_date=AUG(26))

    everyone = logistics_list(forum, NEEDS, None)
    on_27 = logistics_list(forum, NEEDS, AUG(27))

    dietary = everyone.sections[0]
    assert dietary.title == "ข้อจำกัดด้านอาหาร"
    assert [(group.title, len(group.rows)) for group in dietary.groups] == [
        ("Halal", 2),
        ("Vegetarian", 2),
        ("no alcohol", 1),
    ]
    assert dietary.note == "4 คน จากที่คาดว่าจะมา 4 คน"
    assert [row[0] for row in dietary.groups[0].rows] == ["นายเกษม ใจดี", "นายขจร ใจดี"]
    assert [(group.title, len(group.rows)) for group in everyone.sections[1].groups] == [
        ("Wheelchair access", 1)
    ]
    # Dara leaves on the 26th: not at lunch on the 27th.
    assert [(group.title, len(group.rows)) for group in on_27.sections[0].groups] == [
        ("Halal", 2),
        ("no alcohol", 1),
        ("Vegetarian", 1),
    ]


@pytest.fixture
def sessions(forum):
    opening = SessionFactory(
        forum=forum,
        title_th="พิธีเปิด",
        title_en="Opening ceremony",
        interpretation_languages=["en", "ja"],
    )
    panel = SessionFactory(
        forum=forum,
        title_th="การอภิปราย",
        title_en="Panel",
        starts_at=dt.datetime(2019, 8, 28, 14, 0, tzinfo=BANGKOK),
        ends_at=dt.datetime(2019, 8, 28, 15, 30, tzinfo=BANGKOK),
    )
    SessionFactory(forum=forum, title_en="Coffee", kind="break")
    return opening, panel


def test_interpretation_per_session_names_languages_provided_and_needed_and_the_listeners(
    forum, travellers, sessions
):
    for name in ("kasem", "kajon"):
        travellers[name].interpretation_language = "ja"
        travellers[name].save()
    travellers["bounmy"].interpretation_language = "lo"
    travellers["bounmy"].departure_date = AUG(27)
    travellers["bounmy"].save()

    with translation.override("en"):
        everyone = logistics_list(forum, INTERPRETATION, None)
        on_28 = logistics_list(forum, INTERPRETATION, AUG(28))
        room = str(sessions[0].room.name)

    opening, panel = everyone.sections
    assert [opening.title, panel.title] == ["Opening ceremony", "Panel"]
    assert opening.note == f"26 August 2019 09:00–10:00 · {room}"
    assert [(g.title, g.note) for g in opening.groups] == [
        ("English", "provided · 0 listeners"),
        ("Japanese", "provided · 2 listeners"),
        ("Lao", "not provided · 1 listener"),
    ]
    # A language asked for that no interpreter provides is flagged for the desk.
    assert [g.alert for g in opening.groups] == [False, False, True]
    assert [row[0] for row in opening.groups[1].rows] == ["Mr. Kasem Jaidee", "Mr. Kajon Jaidee"]
    # Bounmy has left by the 28th; nobody asked for English.
    assert [(g.title, g.note) for g in on_28.sections[0].groups] == [
        ("Japanese", "not provided · 2 listeners")
    ]


@pytest.fixture
def registrar(client):
    return staff(client, "Registrar")


@pytest.mark.parametrize("kind", [ARRIVALS, ROOMING, NEEDS, INTERPRETATION])
def test_each_list_is_a_page_with_a_day_select_in_thai(client, registrar, forum, travellers, kind):
    response = client.get(page_url(forum, list=kind))

    page = response.content.decode()
    assert response.status_code == 200
    assert '<option value="" selected>ทุกวัน</option>' in page
    assert '<option value="2019-08-26">26 สิงหาคม 2562</option>' in page
    assert f'value="{kind}"' in page


def test_the_arrivals_page_in_english_names_days_in_the_common_era(
    client, registrar, forum, travellers
):
    response = client.get(page_url(forum, "en", list=ARRIVALS, day="2019-08-25"))

    page = response.content.decode()
    assert "Arrivals · 25 August 2019" in page
    assert "Vientiane Capital" in page and "QV 633" in page
    assert "Departures" not in page


def test_the_travel_days_are_offered_with_the_forums(client, registrar, forum, travellers):
    page = client.get(page_url(forum, list=ARRIVALS)).content.decode()

    assert '<option value="2019-08-25">' in page and '<option value="2019-08-29">' in page


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"day": "yesterday"}, "“yesterday”"),
        ({"day": "2019-02-30"}, "“2019-02-30”"),
        ({"day": "2030-01-01"}, "1 January 2030"),
        ({"list": "<script>"}, "“&lt;script&gt;”"),
    ],
)
def test_a_bad_day_or_list_shows_all_days_with_a_message_naming_it(
    client, registrar, forum, travellers, params, message
):
    response = client.get(page_url(forum, "en", **params))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["list"].day is None


@pytest.mark.parametrize(
    "params",
    [{"day": "yesterday"}, {"day": "2030-01-01"}, {"list": "passports"}, {"format": "exe"}],
)
def test_a_bad_download_is_refused_with_a_message(client, registrar, forum, params):
    response = client.post(download_url(forum, "en"), {"format": "csv", **params})

    assert response.status_code == 400
    assert response.content


def test_the_download_address_takes_only_posts(client, registrar, forum):
    assert client.get(download_url(forum)).status_code == 405


def test_an_empty_list_says_so(client, registrar, forum):
    for kind, text in [
        (ARRIVALS, "No delegate has given an arrival or departure yet."),
        (ROOMING, "No delegate has given a hotel yet."),
        (NEEDS, "None of the 0 delegates expected has a dietary or accessibility need."),
        (INTERPRETATION, "The forum has no session yet."),
    ]:
        page = client.get(page_url(forum, "en", list=kind)).content.decode()
        assert text in page


def test_an_empty_list_downloads_as_a_pdf_saying_so(client, registrar, forum, tmp_path):
    response = download(client, forum, "pdf", "en", list=ROOMING)

    assert "No delegate has given a hotel yet." in pdf_text(content_of(response), tmp_path)


def test_the_arrivals_download_as_csv_with_one_row_per_person_and_are_logged(
    client, registrar, forum, travellers
):
    response = download(client, forum, "csv", "en", list=ARRIVALS, day="2019-08-25")

    rows = csv_rows(response)
    assert response["Content-Disposition"].endswith('filename="arrivals-amf-2019-2019-08-25.csv"')
    assert rows[0] == [
        "Date", "Movement", "Country", "Delegation", "Time", "Flight", "Airport", "Name", "Role",
        "Hotel",
    ]  # fmt: skip
    assert rows[1] == [
        "25 August 2019", "Arrivals", "Laos", "Vientiane Capital", "09:30", "QV 633", "BKK",
        "Mr. Bounmy Jaidee", "Delegate", "Grand Hyatt Erawan",
    ]  # fmt: skip
    assert len(rows) == 4
    log = ExportLog.objects.get()
    assert (log.kind, log.row_count, log.user, log.forum, log.includes_contact_details) == (
        ExportLog.Kind.LOGISTICS_CSV,
        3,
        registrar,
        forum,
        True,
    )


def test_the_rooming_list_downloads_as_xlsx_in_thai(client, registrar, forum, travellers):
    response = download(client, forum, "xlsx", list=ROOMING)

    rows = xlsx_rows(response)
    assert rows[0][:3] == ["โรงแรม", "ชื่อ", "ประเทศ"]
    assert rows[1][0] == "Grand Hyatt Erawan"
    assert [row[1] for row in rows[1:]] == sorted_thai([row[1] for row in rows[1:]])
    assert rows[3][4:7] == ["25 สิงหาคม 2562", "29 สิงหาคม 2562", 4]
    assert ExportLog.objects.get().kind == ExportLog.Kind.LOGISTICS_XLSX


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("th", ["ขาเข้า · 25 สิงหาคม 2562", "นครหลวงเวียงจันทน์", "นายเกษม ใจดี"]),
        ("en", ["Arrivals · 25 August 2019", "Vientiane Capital", "Mr. Kasem Jaidee"]),
    ],
)
def test_the_lists_print_as_an_a4_pdf_set_in_sarabun(
    client, registrar, forum, travellers, tmp_path, language, expected
):
    response = download(client, forum, "pdf", language, list=ARRIVALS)

    data = content_of(response)
    text = pdf_text(data, tmp_path)
    assert response["Content-Type"] == "application/pdf"
    assert all(part in text for part in expected), text
    fonts = [line.split() for line in pdf_fonts(data, tmp_path).splitlines() if "Sarabun" in line]
    assert fonts and all(line[-5] == "yes" for line in fonts)
    assert ExportLog.objects.get().kind == ExportLog.Kind.LOGISTICS_PDF


@pytest.mark.parametrize("kind", [NEEDS, INTERPRETATION])
def test_the_needs_and_interpretation_print_too(
    client, registrar, forum, travellers, sessions, tmp_path, kind
):
    travellers["kasem"].dietary_needs = "Halal"
    travellers["kasem"].interpretation_language = "ja"
    travellers["kasem"].save()

    text = pdf_text(content_of(download(client, forum, "pdf", "en", list=kind)), tmp_path)

    assert "Mr. Kasem Jaidee" in text
    assert ("Halal" if kind == NEEDS else "Japanese") in text


def test_hostile_values_are_neutralised_in_csv_and_xlsx_and_line_breaks_kept_apart(
    client, registrar, forum
):
    delegate(
        forum,
        "แฮกเกอร์",
        "Hacker",
        hotel='=HYPERLINK("http://evil.example","Hotel")\r\nInjected',
        arrival_date=AUG(25),
        arrival_flight="@SUM(A1)",
        arrival_airport="+66 BKK",
        dietary_needs="-cmd|' /C calc'!A0\nHalal",
    )

    rooming = csv_rows(download(client, forum, "csv", "en", list=ROOMING))
    arrivals = xlsx_rows(download(client, forum, "xlsx", "en", list=ARRIVALS))
    needs = csv_rows(download(client, forum, "csv", "en", list=NEEDS))

    # The hotel's name is one line: no CR or LF reaches a cell or a header.
    assert rooming[1][0] == '\'=HYPERLINK("http://evil.example","Hotel") Injected'
    flight, airport = arrivals[1][5], arrivals[1][6]
    assert (flight, airport) == ("'@SUM(A1)", "'+66 BKK")
    assert sorted(row[1] for row in needs[1:]) == ["'-cmd|' /C calc'!A0", "Halal"]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in needs for cell in row)


@pytest.mark.parametrize("role", ["Viewer", "Editor", "Reporter", "Approver"])
def test_only_the_registrar_sees_the_lists(client, forum, travellers, role):
    staff(client, role)

    forums = client.get(reverse("admin:delegates_participation_logistics_forums"))
    page = client.get(page_url(forum))
    posted = download(client, forum, "csv")
    changelist = client.get(reverse("admin:delegates_participation_changelist"))

    assert (forums.status_code, page.status_code, posted.status_code) == (403, 403, 403)
    assert "logistics" not in changelist.content.decode()
    assert not ExportLog.objects.exists()


def test_the_registrar_finds_the_lists_from_the_delegate_list(client, registrar, forum):
    changelist = client.get(
        reverse("admin:delegates_participation_changelist") + f"?forum__id__exact={forum.pk}"
    )
    chooser = client.get(reverse("admin:delegates_participation_logistics_forums"))

    assert page_url(forum) in changelist.content.decode()
    assert page_url(forum) in chooser.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, forum):
    response = client.get(page_url(forum))

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_another_forums_id_that_does_not_exist_is_not_found(client, registrar):
    assert client.get(page_url(ForumFactory.build(pk=987654))).status_code == 404


@pytest.fixture
def many(settings, forum, japan):
    settings.JOBS_INLINE_MAX_ROWS = 2
    yokohama = OrganisationFactory(country=japan)
    travel = {"hotel": "Hotel", "arrival_date": AUG(25)}
    return [
        delegate(forum, f"คน{n}", f"Person{n}", delegation=yokohama, **travel) for n in range(3)
    ]


def test_a_long_list_is_made_in_the_background_and_logged_when_made(
    client, registrar, forum, many, run_jobs, tmp_path
):
    response = download(client, forum, "pdf", "en", list=ROOMING)

    assert response.status_code == 302
    job = Job.objects.get(pk=resolve(response["Location"]).kwargs["object_id"])
    assert not ExportLog.objects.exists()
    run_jobs()
    job.refresh_from_db()
    assert job.state == "succeeded", job.message
    assert ExportLog.objects.get().row_count == 3
    with translation.override("en"):
        job_page = client.get(reverse("admin:amf_job_change", args=[job.pk]))
    assert job_page.status_code == 200
    assert "Rooming list (All days): PDF" in job_page.content.decode()
    file = client.get(reverse("admin:amf_job_download", args=[job.pk]))
    assert file["Content-Type"] == "application/pdf"
    text = pdf_text(content_of(file), tmp_path)
    assert "Rooming list" in text and "Person2" in text


def test_a_job_whose_user_lost_the_permission_makes_no_file(
    client, registrar, forum, many, run_jobs
):
    response = download(client, forum, "csv", list=ROOMING)
    registrar.groups.clear()
    run_jobs()

    job = Job.objects.get(pk=resolve(response["Location"]).kwargs["object_id"])
    assert job.state == "failed"
    assert not ExportLog.objects.exists()


def grow(forum, size: int, japan):
    organisation = OrganisationFactory(country=japan)
    for n in range(size):
        delegate(
            forum,
            f"ผู้แทน{n}",
            f"Delegate{n}",
            delegation=organisation if n % 2 else None,
            arrival_date=AUG(25),
            arrival_time=dt.time(10, n % 60),
            departure_date=AUG(29),
            hotel=f"Hotel {n % 3}",
            dietary_needs="Halal" if n % 2 else "Vegetarian, no nuts",
            accessibility_needs="Wheelchair" if n % 4 == 0 else "",
            interpretation_language="ja" if n % 2 else "",
        )


@pytest.mark.parametrize("kind", [ARRIVALS, ROOMING, NEEDS, INTERPRETATION])
def test_a_list_page_takes_the_same_queries_for_few_and_many_delegates(
    client, registrar, forum, japan, django_assert_num_queries, kind
):
    SessionFactory.create_batch(2, forum=forum)
    client.get(page_url(forum, list=kind))  # the session, the user, the admin's first look
    grow(forum, 3, japan)
    with CaptureQueriesContext(connection) as few:
        assert client.get(page_url(forum, list=kind)).status_code == 200
    grow(forum, 30, japan)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(page_url(forum, list=kind)).status_code == 200


def test_staff_tick_the_languages_a_session_is_interpreted_into(
    admin_client, forum, admin_form_data
):
    session = SessionFactory(forum=forum)
    page = reverse("admin:events_session_change", args=[session.pk])
    form = admin_client.get(page)
    data = admin_form_data(form)
    data["interpretation_languages"] = ["en", "zh"]

    response = admin_client.post(page, data)

    assert 'type="checkbox" name="interpretation_languages" value="ja"' in form.content.decode()
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.interpretation_languages == ["en", "zh"]


def test_a_language_not_offered_is_refused_for_a_session(admin_client, forum, admin_form_data):
    session = SessionFactory(forum=forum)
    page = reverse("admin:events_session_change", args=[session.pk])
    data = admin_form_data(admin_client.get(page))
    data["interpretation_languages"] = ["xx"]

    response = admin_client.post(page, data)

    assert response.status_code == 200
    session.refresh_from_db()
    assert session.interpretation_languages == []


def test_those_who_only_read_sessions_see_the_languages_named(client, forum):
    session = SessionFactory(forum=forum, interpretation_languages=["en", "ja"])
    staff(client, "Viewer")

    with translation.override("en"):
        page = client.get(reverse("admin:events_session_change", args=[session.pk]))

    assert page.status_code == 200
    assert "English, Japanese" in page.content.decode()
