"""The demo forum's people and organisations, as the seed bulletin names them."""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.db import transaction

from amf.upsert import upsert
from delegates.models import (
    Attendance,
    Country,
    ForumLetterSettings,
    ForumPartner,
    ForumRegistration,
    Organisation,
    Participation,
    Person,
    SeatingPlan,
    SessionRole,
)
from delegates.services import country_sync
from delegates.services.seating import seating_plan_propose
from events.demo import DemoForum
from events.models import Session

Kind = Organisation.Kind

# key: (name_th, name_en, acronym, kind, country code, parent key)
ORGANISATIONS = {
    "bma": ("กรุงเทพมหานคร", "Bangkok Metropolitan Administration", "BMA",
            Kind.LOCAL_GOVERNMENT, "TH", None),
    "iao": ("สำนักงานการต่างประเทศ สำนักปลัดกรุงเทพมหานคร",
            "International Affairs Office, Office of the Permanent Secretary for the BMA", "",
            Kind.LOCAL_GOVERNMENT, "TH", "bma"),
    "uclg": ("องค์การเมืองและรัฐบาลท้องถิ่นแห่งเอเชียแปซิฟิค",
             "United Cities and Local Governments Asia-Pacific", "UCLG ASPAC",
             Kind.INTERNATIONAL, "ID", None),
    "escap": ("คณะกรรมาธิการเศรษฐกิจและสังคมแห่งสหประชาชาติสำหรับเอเชียและแปซิฟิก",
              "United Nations Economic and Social Commission for Asia and the Pacific", "ESCAP",
              Kind.UN_BODY, "TH", None),
    "eu": ("คณะผู้แทนสหภาพยุโรปประจำประเทศไทย", "Delegation of the European Union to Thailand",
           "", Kind.EMBASSY, "TH", None),
    "moi": ("กระทรวงมหาดไทย", "Ministry of Interior", "", Kind.NATIONAL_GOVERNMENT, "TH", None),
}  # fmt: skip


@dataclass(frozen=True)
class PersonRow:
    organisation: str
    honorific: tuple[str, str]
    first_name: tuple[str, str]
    last_name: tuple[str, str]
    position: tuple[str, str]


# Thai first, English second in each pair; no contact details, which the seed does not give.
PEOPLE = {
    "governor": PersonRow(
        "bma", ("พลตำรวจเอก", "Pol. Gen."), ("อัศวิน", "Aswin"), ("ขวัญเมือง", "Kwanmuang"),
        ("ผู้ว่าราชการกรุงเทพมหานคร", "Governor of Bangkok"),
    ),
    "uclg_sg": PersonRow(
        "uclg", ("ดร.", "Dr."), ("เบอร์นาเดีย อิราวาตี", "Bernadia Irawati"),
        ("จันดราเดวี", "Tjandradewi"),
        ("เลขาธิการองค์การ UCLG ASPAC", "Secretary General, UCLG ASPAC"),
    ),
    "escap_es": PersonRow(
        "escap", ("นาง", "Ms."), ("อาร์มิดา ซัลเซียะฮ์", "Armida Salsiah"),
        ("อาลิสจะฮ์บานา", "Alisjahbana"),
        ("เลขาธิการบริหาร ESCAP", "Executive Secretary, UN ESCAP"),
    ),
    "eu_ambassador": PersonRow(
        "eu", ("นาย", "Mr."), ("เปียร์กา", "Pirkka"), ("ตาปิโอลา", "Tapiola"),
        ("เอกอัครราชทูตสหภาพยุโรปประจำประเทศไทย",
         "Ambassador of the European Union to Thailand"),
    ),
    "minister": PersonRow(
        "moi", ("พลเอก", "Gen."), ("อนุพงษ์", "Anupong"), ("เผ่าจินดา", "Paochinda"),
        ("รัฐมนตรีว่าการกระทรวงมหาดไทย", "Minister of Interior"),
    ),
    "reporter": PersonRow(
        "iao", ("นางสาว", "Ms."), ("วรณัน", "Woranan"), ("ธรรมโชติ", "Thammachot"),
        ("นักวิเทศสัมพันธ์ปฏิบัติการ", "Foreign Relations Officer, Practitioner Level"),
    ),
}  # fmt: skip

# The seed names the ambassador among the hosts of the welcome ("ในฐานะเจ้าภาพการประชุมฯ")
# though the EU did not co-host; the note keeps that on record.
PARTNERS = [
    ("bma", ForumPartner.Role.HOST, "", ""),
    ("uclg", ForumPartner.Role.CO_HOST, "", ""),
    ("escap", ForumPartner.Role.CO_HOST, "", ""),
    ("eu", ForumPartner.Role.PARTNER,
     "เอกอัครราชทูตสหภาพยุโรปประจำประเทศไทยร่วมกล่าวต้อนรับในฐานะเจ้าภาพการประชุมฯ",
     "The EU Ambassador to Thailand joined the hosts in the welcome remarks."),
]  # fmt: skip

Role = Participation.Role

# (person, role, precedence, consents to public listing). The seed lists the four who
# welcomed the participants as the forum's hosts; the Minister opened it as guest of honour.
# Dignitaries appear in their public roles; the reporter is staff and stays off public pages.
PARTICIPATIONS = [
    ("minister", Role.SPEAKER, 1, True),
    ("governor", Role.HOST, 2, True),
    ("uclg_sg", Role.HOST, 3, True),
    ("escap_es", Role.HOST, 4, True),
    ("eu_ambassador", Role.HOST, 5, True),
    ("reporter", Role.STAFF, 1000, False),
]

# Speakers in the order the seed names them.
WELCOME_SPEAKERS = ["governor", "uclg_sg", "escap_es", "eu_ambassador"]
OPENING_SPEAKERS = ["minister"]


# The forum's letters go out on the city's letterhead from the International Affairs Office,
# whose division and telephone the seed bulletin's reporter gives; the Governor, host of
# the forum, signs them. "กท" is the city's code in Thai reference numbers; 1402 the office's.
LETTER_SETTINGS = {
    "reference_prefix_th": "กท 1402/",
    "reference_prefix_en": "BMA 1402/",
    "signatory_name_th": "พลตำรวจเอก อัศวิน ขวัญเมือง",
    "signatory_name_en": "Pol. Gen. Aswin Kwanmuang",
    "signatory_position_th": "ผู้ว่าราชการกรุงเทพมหานคร",
    "signatory_position_en": "Governor of Bangkok",
    "letterhead_th": "กรุงเทพมหานคร",
    "letterhead_en": "Bangkok Metropolitan Administration",
    "office_address_th": "ศาลาว่าการกรุงเทพมหานคร\n173 ถนนดินสอ เขตพระนคร\nกรุงเทพฯ 10200",
    "office_address_en": "City Hall, 173 Dinso Road, Phra Nakhon, Bangkok 10200, Thailand",
    "office_name_th": "สำนักงานการต่างประเทศ สำนักปลัดกรุงเทพมหานคร",
    "office_name_en": "International Affairs Office, Office of the Permanent Secretary for the BMA",
    "division_th": "ส่วนแผนงานและส่งเสริมศักยภาพของเมือง",
    "division_en": "Planning and City Capacity Promotion Division",
    "phone": "0 2224 8177",
}


@dataclass(frozen=True)
class DemoDelegates:
    """The demo rows the reports layer needs."""

    reporter: Person
    office: Organisation


def load_organisations() -> dict[str, Organisation]:
    """Create or restore the demo organisations, parents before their units."""
    organisations = {}
    for key, (name_th, name_en, acronym, kind, code, parent) in ORGANISATIONS.items():
        organisations[key], _ = upsert(
            Organisation,
            lookup={"name_en": name_en},
            values={
                "name_th": name_th,
                "acronym": acronym,
                "kind": kind,
                "country": Country.objects.get(code=code),
                "parent": organisations[parent] if parent else None,
            },
        )
    return organisations


def load_people(organisations: dict[str, Organisation]) -> dict[str, Person]:
    """Create or restore the people the seed names."""
    people = {}
    for key, row in PEOPLE.items():
        people[key], _ = upsert(
            Person,
            lookup={"first_name_en": row.first_name[1], "last_name_en": row.last_name[1]},
            values={
                "honorific_th": row.honorific[0],
                "honorific_en": row.honorific[1],
                "first_name_th": row.first_name[0],
                "last_name_th": row.last_name[0],
                "position_th": row.position[0],
                "position_en": row.position[1],
                "organisation": organisations[row.organisation],
            },
        )
    return people


def load_speakers(
    *,
    session: Session,
    speakers: list[str],
    people: dict[str, Person],
    contribution: tuple[str, str],
) -> None:
    """Give each of `speakers` a speaker role in `session`, in that order."""
    contribution_th, contribution_en = contribution
    for order, key in enumerate(speakers, start=1):
        upsert(
            SessionRole,
            lookup={"session": session, "person": people[key], "role": SessionRole.Role.SPEAKER},
            values={
                "order": order,
                "contribution_th": contribution_th,
                "contribution_en": contribution_en,
            },
        )


def opening_check_in(forum) -> dt.datetime:
    """Half past eight on the forum's first day, in the forum's time zone."""
    return dt.datetime.combine(
        forum.start_date, dt.time(8, 30), tzinfo=zoneinfo.ZoneInfo(forum.time_zone)
    )


@transaction.atomic
def load(*, demo: DemoForum) -> DemoDelegates:
    """Create or restore countries, organisations, people and their parts in the demo forum."""
    country_sync()
    organisations = load_organisations()
    people = load_people(organisations)
    for order, (key, role, note_th, note_en) in enumerate(PARTNERS, start=1):
        upsert(
            ForumPartner,
            lookup={"forum": demo.forum, "organisation": organisations[key]},
            values={"role": role, "note_th": note_th, "note_en": note_en, "order": order},
        )
    for key, role, precedence, consents in PARTICIPATIONS:
        person = people[key]
        participation, _written = upsert(
            Participation,
            lookup={"forum": demo.forum, "person": person},
            values={
                "role": role,
                "delegation": person.organisation,
                "registration_status": Participation.RegistrationStatus.CONFIRMED,
                "precedence": precedence,
                "consents_to_public_listing": consents,
            },
        )
        # Everyone the bulletin names was at the opening, on the forum's first day.
        upsert(
            Attendance,
            lookup={"participation": participation, "day": demo.forum.start_date},
            values={"checked_in_at": opening_check_in(demo.forum)},
        )
    # Registration ran on the public form for two months before the forum, and is closed.
    zone = zoneinfo.ZoneInfo(demo.forum.time_zone)
    closes = dt.datetime.combine(demo.forum.start_date - dt.timedelta(days=7), dt.time(17))
    upsert(
        ForumRegistration,
        lookup={"forum": demo.forum},
        values={
            "is_open": True,
            "opens_at": (closes - dt.timedelta(days=60)).replace(hour=9, tzinfo=zone),
            "closes_at": closes.replace(tzinfo=zone),
            "capacity": 300,
            "note_th": "เปิดรับลงทะเบียนสำหรับผู้แทนเมืองสมาชิกอาเซียนและหน่วยงานภาคี",
            "note_en": "Open to delegates of ASEAN member cities and partner organisations.",
        },
    )
    upsert(ForumLetterSettings, lookup={"forum": demo.forum}, values=LETTER_SETTINGS)
    load_speakers(
        session=demo.welcome,
        speakers=WELCOME_SPEAKERS,
        people=people,
        contribution=("กล่าวต้อนรับ", "Welcome remarks"),
    )
    load_speakers(
        session=demo.opening,
        speakers=OPENING_SPEAKERS,
        people=people,
        contribution=("กล่าวเปิดการประชุม", "Opening address"),
    )
    load_seating(session=demo.opening)
    return DemoDelegates(reporter=people["reporter"], office=organisations["iao"])


def load_seating(*, session: Session) -> None:
    """Propose the opening's seating plan from precedence, once: the Minister, who opened
    the forum, in the centre of the head table, the Governor, the host, at his right, and
    the co-hosts and partner in the front row. A plan already there (perhaps rearranged by
    staff) is left as it is."""
    if not SeatingPlan.objects.filter(session=session).exists():
        seating_plan_propose(plan=SeatingPlan(session=session, row_width=8))
