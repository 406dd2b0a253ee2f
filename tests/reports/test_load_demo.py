import datetime as dt
import html
import io
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from simple_history.models import HistoricalChanges

from delegates.models import ForumPartner, Organisation, Participation, Person
from events.models import Forum, Framework, OutcomeDocument, RelatedEvent, Room, Session
from reports.models import Bulletin, FollowUpAction

BANGKOK = ZoneInfo("Asia/Bangkok")
SEED = Path(settings.BASE_DIR).parent / "shared" / "seed" / "000_d20b455c41bd05f7.txt"
DEMO_APPS = ("events", "delegates", "reports")

pytestmark = pytest.mark.django_db


def normalise(value: str) -> str:
    """Plain text of `value`: tags dropped, whitespace collapsed, sara am composed.

    The seed once writes sara am decomposed (nikhahit + sara aa), which NFC leaves alone.
    """
    text = html.unescape(re.sub(r"<[^>]+>", " ", value))
    return re.sub(r"\s+", " ", text.replace("\u0e4d\u0e32", "\u0e33")).strip()


@pytest.fixture(scope="module")
def seed_sections() -> dict[str, str]:
    """The seed bulletin's sections by heading (its list numbering was lost: all read "1.")."""
    if not SEED.exists():
        pytest.fail(
            f"The seed bulletin is missing: expected {SEED}. "
            "Put a copy of shared/ beside the repository clone."
        )
    text = SEED.read_text(encoding="utf-8")
    # The page's feedback and follow-us links close the file; they are not bulletin text.
    text = text.split("\nข้อเสนอแนะ")[0]
    parts = re.split(r"^\s*1\. (.+)$", text, flags=re.MULTILINE)
    return {heading.strip(): body for heading, body in zip(parts[1::2], parts[2::2], strict=True)}


def load_demo() -> str:
    """Run the command as an operator would and return what it printed."""
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo():
    assert "5th ASEAN Mayors Forum" in load_demo()
    return Forum.objects.get(slug="amf-2019")


@pytest.fixture
def bulletin(demo):
    return Bulletin.objects.get(forum=demo)


def snapshot(*, skip_auto_now: bool = False) -> dict[str, list[tuple]]:
    """Every row of every demo model (M2M tables included), field by field, in pk order."""
    rows = {}
    for label in DEMO_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if issubclass(model, HistoricalChanges):
                # The audit trail rightly records a restore; it is not demo data.
                continue
            names = [
                field.attname
                for field in model._meta.concrete_fields
                if not (skip_auto_now and getattr(field, "auto_now", False))
            ]
            rows[model._meta.label] = list(model._base_manager.order_by("pk").values_list(*names))
    return rows


def test_load_demo_creates_the_forum_with_its_series_theme_dates_and_attendance(demo):
    assert demo.series.slug == "asean-mayors-forum"
    assert (demo.series.name_th, demo.series.name_en) == (
        "การประชุมนายกเทศมนตรีอาเซียน",
        "ASEAN Mayors Forum",
    )
    assert demo.series.acronym == "AMF"
    assert demo.edition == 5
    assert demo.title_th == "การประชุมนายกเทศมนตรีอาเซียน ครั้งที่ 5"
    assert demo.title_en == "5th ASEAN Mayors Forum"
    assert demo.theme_en == "Driving Local Actions for Sustainable and Inclusive Growth"
    assert demo.theme_th == "ขับเคลื่อนปฏิบัติการของท้องถิ่นเพื่อการเติบโตที่ยั่งยืนและทั่วถึง"
    assert (demo.start_date, demo.end_date) == (dt.date(2019, 8, 26), dt.date(2019, 8, 28))
    assert demo.time_zone == "Asia/Bangkok"
    assert demo.status == Forum.Status.CONCLUDED
    assert demo.is_published
    assert demo.reported_participant_count == 300
    assert "UCLG ASPAC" in demo.description_th
    assert "UCLG ASPAC" in demo.description_en


def test_load_demo_holds_the_forum_at_the_un_conference_centre_in_conference_room_1(demo):
    venue = demo.venue
    assert (venue.name_th, venue.name_en) == (
        "ศูนย์ประชุมสหประชาชาติ",
        "United Nations Conference Centre",
    )
    assert (venue.city_th, venue.city_en) == ("กรุงเทพมหานคร", "Bangkok")
    assert "Rajadamnern Nok" in venue.address_en
    assert "ราชดำเนินนอก" in venue.address_th
    room = Room.objects.get(venue=venue)
    assert (room.name_th, room.name_en) == ("ห้องประชุม 1", "Conference Room 1")


@pytest.mark.parametrize(
    ("first_name_en", "honorific", "first_name_th", "last_name", "position", "organisation_en"),
    [
        ("Aswin", ("พลตำรวจเอก", "Pol. Gen."), "อัศวิน", ("ขวัญเมือง", "Kwanmuang"),
         ("ผู้ว่าราชการกรุงเทพมหานคร", "Governor of Bangkok"),
         "Bangkok Metropolitan Administration"),
        ("Bernadia Irawati", ("ดร.", "Dr."), "เบอร์นาเดีย อิราวาตี", ("จันดราเดวี", "Tjandradewi"),
         ("เลขาธิการองค์การ UCLG ASPAC", "Secretary General, UCLG ASPAC"),
         "United Cities and Local Governments Asia-Pacific"),
        ("Armida Salsiah", ("นาง", "Ms."), "อาร์มิดา ซัลเซียะฮ์", ("อาลิสจะฮ์บานา", "Alisjahbana"),
         ("เลขาธิการบริหาร ESCAP", "Executive Secretary, UN ESCAP"),
         "United Nations Economic and Social Commission for Asia and the Pacific"),
        ("Pirkka", ("นาย", "Mr."), "เปียร์กา", ("ตาปิโอลา", "Tapiola"),
         ("เอกอัครราชทูตสหภาพยุโรปประจำประเทศไทย",
          "Ambassador of the European Union to Thailand"),
         "Delegation of the European Union to Thailand"),
        ("Anupong", ("พลเอก", "Gen."), "อนุพงษ์", ("เผ่าจินดา", "Paochinda"),
         ("รัฐมนตรีว่าการกระทรวงมหาดไทย", "Minister of Interior"), "Ministry of Interior"),
        ("Woranan", ("นางสาว", "Ms."), "วรณัน", ("ธรรมโชติ", "Thammachot"),
         ("นักวิเทศสัมพันธ์ปฏิบัติการ", "Foreign Relations Officer, Practitioner Level"),
         "International Affairs Office, Office of the Permanent Secretary for the BMA"),
    ],
)  # fmt: skip
def test_load_demo_records_each_person_the_seed_names_in_thai_and_english(
    demo, first_name_en, honorific, first_name_th, last_name, position, organisation_en
):
    person = Person.objects.get(first_name_en=first_name_en)

    assert (person.honorific_th, person.honorific_en) == honorific
    assert person.first_name_th == first_name_th
    assert (person.last_name_th, person.last_name_en) == last_name
    assert (person.position_th, person.position_en) == position
    assert person.organisation.name_en == organisation_en
    assert (person.email, person.phone) == ("", "")
    assert demo.participations.filter(person=person).exists()


def test_load_demo_writes_sara_am_composed_where_the_seed_decomposes_it(demo):
    ambassador = Person.objects.get(first_name_en="Pirkka")

    assert "\u0e4d" not in ambassador.position_th
    assert "\u0e4d" not in Bulletin.objects.get(forum=demo).summary_th


def test_load_demo_places_the_international_affairs_office_under_the_bma(demo):
    office = Organisation.objects.get(name_th="สำนักงานการต่างประเทศ สำนักปลัดกรุงเทพมหานคร")

    assert office.parent.acronym == "BMA"
    assert Organisation.objects.get(acronym="UCLG ASPAC").country.code == "ID"
    assert Organisation.objects.get(acronym="ESCAP").kind == Organisation.Kind.UN_BODY


def test_load_demo_puts_welcome_and_opening_on_26_august_in_room_1_with_speakers_in_seed_order(
    demo,
):
    welcome, opening = demo.sessions.in_programme_order()

    assert (welcome.title_en, opening.title_en) == ("Welcome remarks", "Opening address")
    assert opening.title_th == "กล่าวเปิดการประชุม"
    assert welcome.title_th.startswith("พิธีกล่าวต้อนรับ")
    for session in (welcome, opening):
        assert session.kind == Session.Kind.CEREMONY
        assert session.starts_at.astimezone(BANGKOK).date() == dt.date(2019, 8, 26)
        assert session.room.name_en == "Conference Room 1"
        assert session.room.venue == demo.venue
    assert welcome.starts_at == dt.datetime(2019, 8, 26, 9, 0, tzinfo=BANGKOK)
    assert opening.starts_at == welcome.ends_at
    assert [role.person.first_name_en for role in welcome.roles.all()] == [
        "Aswin",
        "Bernadia Irawati",
        "Armida Salsiah",
        "Pirkka",
    ]
    assert [role.person.first_name_en for role in opening.roles.all()] == ["Anupong"]
    assert "ความร่วมมือในระดับภูมิภาค" in welcome.description_th
    assert "regional cooperation" in welcome.description_en
    assert "no one behind" in opening.description_en


def test_load_demo_lists_the_three_chairmanship_priorities_in_order(demo):
    priorities = list(demo.priorities.order_by("order"))

    assert [(p.order, p.title_th, p.title_en) for p in priorities] == [
        (1, "สร้างความยั่งยืนเพื่ออาเซียนที่ยั่งยืน", "Sustainability of Things"),
        (2, "ก้าวไกลไปสู่ดิจิทัลอาเซียน", "Digital ASEAN"),
        (3, "ร่วมมือร่วมใจไปสู่อาเซียนที่ไร้รอยต่อ", "Seamless ASEAN"),
    ]
    assert [normalise(p.description_th) for p in priorities] == [
        "สร้างความยั่งยืนในทุกมิติ",
        "การเตรียมความพร้อมสำหรับอนาคต",
        "เสริมสร้างความเชื่อมโยง",
    ]


def test_load_demo_links_the_asean_smart_cities_network_and_the_sdgs(demo):
    ascn = Framework.objects.get(acronym="ASCN")

    assert (ascn.name_th, ascn.name_en) == (
        "เครือข่ายเมืองอัจฉริยะอาเซียน",
        "ASEAN Smart Cities Network",
    )
    assert set(demo.frameworks.values_list("acronym", flat=True)) == {"ASCN", "SDGs"}


def test_load_demo_records_the_joint_statement_and_the_follow_on_apuf_7(demo):
    statement = demo.outcome_documents.get()
    apuf = demo.related_events.get()

    assert statement.kind == OutcomeDocument.Kind.JOINT_STATEMENT
    assert statement.title_th == "แถลงการณ์การประชุมนายกเทศมนตรีอาเซียนครั้งที่ 5"
    assert statement.adopted_on is None
    assert apuf.relation == RelatedEvent.Relation.FOLLOW_ON
    assert apuf.title_en == "7th Asia-Pacific Urban Forum (APUF-7)"
    assert apuf.title_th == "การประชุม Asia-Pacific Urban Forum ครั้งที่ 7"
    assert apuf.organiser_en == "UNESCAP"
    assert (apuf.location_th, apuf.location_en) == ("ปีนัง ประเทศมาเลเซีย", "Penang, Malaysia")
    assert (apuf.start_date, apuf.end_date) == (dt.date(2019, 10, 15), dt.date(2019, 10, 17))


def test_load_demo_names_the_hosts_and_the_eu_as_partner(demo):
    partners = [(p.organisation.name_en, p.role) for p in demo.partners.all()]

    assert partners == [
        ("Bangkok Metropolitan Administration", ForumPartner.Role.HOST),
        ("United Cities and Local Governments Asia-Pacific", ForumPartner.Role.CO_HOST),
        (
            "United Nations Economic and Social Commission for Asia and the Pacific",
            ForumPartner.Role.CO_HOST,
        ),
        ("Delegation of the European Union to Thailand", ForumPartner.Role.PARTNER),
    ]
    assert "ในฐานะเจ้าภาพการประชุมฯ" in demo.partners.get(role="partner").note_th


def test_load_demo_seats_the_minister_first_and_keeps_the_reporter_off_public_pages(demo):
    in_order = list(demo.participations.in_protocol_order())

    assert [p.person.first_name_en for p in in_order][:2] == ["Anupong", "Aswin"]
    assert all(p.registration_status == "confirmed" for p in in_order)
    assert in_order[-1].person.first_name_en == "Woranan"
    assert in_order[-1].role == Participation.Role.STAFF
    assert list(demo.participations.public().values_list("person__first_name_en", flat=True)) == [
        "Anupong",
        "Aswin",
        "Bernadia Irawati",
        "Armida Salsiah",
        "Pirkka",
    ]


def test_load_demo_files_the_bulletin_with_its_reporter_block_and_workflow_dates(bulletin):
    assert bulletin.title_th == (
        "สรุปเนื้อหาการประชุมนายกเทศมนตรีอาเซียน ครั้งที่ 5 ประจำปี พ.ศ. 2562 "
        "(the 5th ASEAN Mayors Forum 2019)"
    )
    assert bulletin.title_en
    assert (bulletin.mission_group.name_th, bulletin.mission_group.name_en) == (
        "การบริหารจัดการ",
        "Administration and Management",
    )
    assert (bulletin.recipient_th, bulletin.recipient_en) == (
        "ผู้ว่าราชการกรุงเทพมหานคร",
        "Governor of Bangkok",
    )
    assert bulletin.reporter.first_name_en == "Woranan"
    assert bulletin.reporter_position_th == "นักวิเทศสัมพันธ์ปฏิบัติการ"
    assert bulletin.reporter_division_th == "ส่วนแผนงานและส่งเสริมศักยภาพของเมือง"
    assert bulletin.reporter_division_en == "Planning and City Capacity Promotion Division"
    assert bulletin.reporter_office_th == "สำนักงานการต่างประเทศ สำนักปลัดกรุงเทพมหานคร"
    assert bulletin.reporter_phone == "0 2224 8177"
    assert bulletin.status == Bulletin.Status.PUBLISHED
    assert bulletin.submitted_at == dt.datetime(2019, 8, 29, 9, 0, tzinfo=BANGKOK)
    assert bulletin.acknowledged_at == dt.datetime(2019, 8, 30, 9, 0, tzinfo=BANGKOK)
    assert bulletin.published_at == dt.datetime(2019, 9, 2, 9, 0, tzinfo=BANGKOK)
    assert (bulletin.submitted_by, bulletin.acknowledged_by, bulletin.published_by) == (
        None,
        None,
        None,
    )


def test_load_demo_translates_every_paragraph_of_the_bulletin_into_english(bulletin):
    for thai, english in [
        (bulletin.summary_th, bulletin.summary_en),
        (bulletin.continued_operations_th, bulletin.continued_operations_en),
    ]:
        assert english.count("<p>") == thai.count("<p>") > 0
        assert not re.search(r"[\u0e00-\u0e7f]", english)
    assert "300 people" in bulletin.summary_en
    assert "Metropolis of Asia" in bulletin.continued_operations_en


def test_load_demo_records_the_follow_up_to_apuf_7_as_done(bulletin):
    action = FollowUpAction.objects.get(forum=bulletin.forum)

    assert action.bulletin == bulletin
    assert action.owner.name_th == "สำนักงานการต่างประเทศ สำนักปลัดกรุงเทพมหานคร"
    assert "Asia-Pacific Urban Forum" in action.title_en
    assert action.due_on == dt.date(2019, 10, 15)
    assert action.status == FollowUpAction.Status.DONE
    assert action.completed_on == dt.date(2019, 10, 17)


def test_bulletin_summary_and_continued_operations_are_the_seeds_word_for_word(
    bulletin, seed_sections
):
    assert normalise(bulletin.summary_th) == normalise(seed_sections["สรุปเนื้อหา"])
    assert normalise(bulletin.continued_operations_th) == normalise(
        seed_sections["การดำเนินงานต่อเนื่อง"]
    )


def test_bulletin_header_sections_render_as_the_seed_writes_them(bulletin, seed_sections):
    venue = bulletin.forum.venue

    assert bulletin.meeting_name_th == normalise(seed_sections["ชื่อการประชุม/หัวข้อการหารือ"])
    assert f"{venue.name_th} {venue.city_th}" == normalise(seed_sections["สถานที่"])
    whole_seed = SEED.read_text(encoding="utf-8")
    assert f"กลุ่มภารกิจ : {bulletin.mission_group.name_th}" in whole_seed
    assert normalise(bulletin.title_th) in normalise(whole_seed)


def test_bulletin_reporter_block_matches_the_seeds_signature(bulletin, seed_sections):
    with translation.override("th"):
        reporter_name = bulletin.reporter.full_name
    block = [
        reporter_name,
        bulletin.reporter_position_th,
        bulletin.reporter_division_th,
        bulletin.reporter_office_th,
        f"โทรศัพท์ {bulletin.reporter_phone}",
    ]

    seed_lines = [normalise(line) for line in seed_sections["ผู้รายงาน"].splitlines()]
    assert block == [line for line in seed_lines if line]


def test_load_demo_twice_changes_no_row_and_no_value(demo):
    first = snapshot()

    load_demo()

    assert snapshot() == first
    assert sum(len(rows) for rows in first.values()) > 249


def test_load_demo_restores_fields_edited_after_the_first_run(demo, bulletin):
    first = snapshot(skip_auto_now=True)
    Forum.objects.filter(pk=demo.pk).update(theme_en="Something else", reported_participant_count=3)
    Person.objects.filter(first_name_en="Aswin").update(position_th="อดีตผู้ว่าราชการ")
    Bulletin.objects.filter(pk=bulletin.pk).update(summary_en="<p>Edited.</p>")
    Session.objects.filter(forum=demo, title_en="Opening address").update(
        starts_at=dt.datetime(2019, 8, 27, 14, 0, tzinfo=BANGKOK),
        ends_at=dt.datetime(2019, 8, 27, 15, 0, tzinfo=BANGKOK),
    )

    load_demo()

    assert snapshot(skip_auto_now=True) == first
    demo.refresh_from_db()
    assert demo.theme_en == "Driving Local Actions for Sustainable and Inclusive Growth"
