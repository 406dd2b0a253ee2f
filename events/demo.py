"""The demo forum: the 5th ASEAN Mayors Forum 2019, as the seed bulletin describes it."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.html import format_html_join

from amf.upsert import note_written, upsert
from events import demo_text as text
from events.models import (
    Forum,
    ForumSeries,
    Framework,
    OutcomeDocument,
    Priority,
    RelatedEvent,
    Room,
    Session,
    SessionMaterial,
    Venue,
)

BANGKOK = ZoneInfo("Asia/Bangkok")
FORUM_SLUG = "amf-2019"

# The three elements of Thailand's 2019 ASEAN chairmanship: Thai as the seed writes them,
# English as the chairmanship named them; the parenthetical is the description.
PRIORITIES = [
    ("สร้างความยั่งยืนเพื่ออาเซียนที่ยั่งยืน", "Sustainability of Things",
     "สร้างความยั่งยืนในทุกมิติ", "Sustainability in all dimensions"),
    ("ก้าวไกลไปสู่ดิจิทัลอาเซียน", "Digital ASEAN",
     "การเตรียมความพร้อมสำหรับอนาคต", "Future orientation"),
    ("ร่วมมือร่วมใจไปสู่อาเซียนที่ไร้รอยต่อ", "Seamless ASEAN",
     "เสริมสร้างความเชื่อมโยง", "Enhanced connectivity"),
]  # fmt: skip


@dataclass(frozen=True)
class DemoForum:
    """The demo rows later layers attach people and reports to."""

    forum: Forum
    welcome: Session
    opening: Session


def paragraphs(items: Iterable[str]) -> str:
    """Join plain-text paragraphs into rich text."""
    return str(format_html_join("", "<p>{}</p>", ((item,) for item in items)))


def at_bangkok(day: dt.date, hour: int, minute: int) -> dt.datetime:
    """An aware datetime at a Bangkok wall-clock time."""
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BANGKOK)


@transaction.atomic
def load() -> DemoForum:
    """Create or restore the demo forum with its venue, sessions, priorities and context."""
    series, _ = upsert(
        ForumSeries,
        lookup={"slug": "asean-mayors-forum"},
        values={
            "name_th": "การประชุมนายกเทศมนตรีอาเซียน",
            "name_en": "ASEAN Mayors Forum",
            "acronym": "AMF",
        },
    )
    venue, _ = upsert(
        Venue,
        lookup={"name_en": "United Nations Conference Centre"},
        values={
            "name_th": "ศูนย์ประชุมสหประชาชาติ",
            "city_th": "กรุงเทพมหานคร",
            "city_en": "Bangkok",
            "address_th": "ถนนราชดำเนินนอก เขตพระนคร กรุงเทพมหานคร 10200",
            "address_en": "Rajadamnern Nok Avenue, Phra Nakhon, Bangkok 10200",
        },
    )
    room, _ = upsert(
        Room,
        lookup={"venue": venue, "name_en": "Conference Room 1"},
        values={"name_th": "ห้องประชุม 1"},
    )
    forum, _ = upsert(
        Forum,
        lookup={"slug": FORUM_SLUG},
        values={
            "series": series,
            "edition": 5,
            "title_th": "การประชุมนายกเทศมนตรีอาเซียน ครั้งที่ 5",
            "title_en": "5th ASEAN Mayors Forum",
            # The seed's own Thai wording of the theme, from its continued-operations section.
            "theme_th": "ขับเคลื่อนปฏิบัติการของท้องถิ่นเพื่อการเติบโตที่ยั่งยืนและทั่วถึง",
            "theme_en": "Driving Local Actions for Sustainable and Inclusive Growth",
            "description_th": paragraphs(text.FORUM_DESCRIPTION_TH),
            "description_en": paragraphs(text.FORUM_DESCRIPTION_EN),
            "start_date": dt.date(2019, 8, 26),
            "end_date": dt.date(2019, 8, 28),
            "venue": venue,
            "time_zone": "Asia/Bangkok",
            "status": Forum.Status.CONCLUDED,
            "is_published": True,
            "reported_participant_count": 300,
        },
    )
    # The seed gives the day and room of the ceremonies but not their times; these are assumed.
    day_one = forum.start_date
    welcome, _ = upsert(
        Session,
        lookup={"forum": forum, "title_en": "Welcome remarks"},
        values={
            "title_th": "พิธีกล่าวต้อนรับผู้เข้าร่วมการประชุม",
            "description_th": paragraphs(text.WELCOME_DESCRIPTION_TH),
            "description_en": paragraphs(text.WELCOME_DESCRIPTION_EN),
            "kind": Session.Kind.CEREMONY,
            "starts_at": at_bangkok(day_one, 9, 0),
            "ends_at": at_bangkok(day_one, 9, 40),
            "room": room,
            "order": 1,
        },
    )
    opening, _ = upsert(
        Session,
        lookup={"forum": forum, "title_en": "Opening address"},
        values={
            "title_th": "กล่าวเปิดการประชุม",
            "description_th": paragraphs(text.OPENING_DESCRIPTION_TH),
            "description_en": paragraphs(text.OPENING_DESCRIPTION_EN),
            "kind": Session.Kind.CEREMONY,
            "starts_at": at_bangkok(day_one, 9, 40),
            "ends_at": at_bangkok(day_one, 10, 0),
            "room": room,
            "order": 2,
        },
    )
    for order, (title_th, title_en, description_th, description_en) in enumerate(
        PRIORITIES, start=1
    ):
        upsert(
            Priority,
            lookup={"forum": forum, "order": order},
            values={
                "title_th": title_th,
                "title_en": title_en,
                "description_th": paragraphs([description_th]),
                "description_en": paragraphs([description_en]),
            },
        )
    ascn, _ = upsert(
        Framework,
        lookup={"name_en": "ASEAN Smart Cities Network"},
        values={
            "name_th": "เครือข่ายเมืองอัจฉริยะอาเซียน",
            "acronym": "ASCN",
            "description_th": paragraphs(text.ASCN_DESCRIPTION_TH),
            "description_en": paragraphs(text.ASCN_DESCRIPTION_EN),
        },
    )
    sdgs, _ = upsert(
        Framework,
        lookup={"name_en": "United Nations Sustainable Development Goals"},
        values={
            "name_th": "เป้าหมายการพัฒนาอย่างยั่งยืนขององค์การสหประชาชาติ",
            "acronym": "SDGs",
            "description_th": paragraphs(text.SDG_DESCRIPTION_TH),
            "description_en": paragraphs(text.SDG_DESCRIPTION_EN),
        },
    )
    # add() rather than set(): frameworks someone linked by hand stay linked.
    if {ascn.pk, sdgs.pk} - set(forum.frameworks.values_list("pk", flat=True)):
        forum.frameworks.add(ascn, sdgs)
        note_written(forum)
    upsert(
        OutcomeDocument,
        lookup={"forum": forum, "title_en": "Joint Statement of the 5th ASEAN Mayors Forum"},
        values={
            "kind": OutcomeDocument.Kind.JOINT_STATEMENT,
            "title_th": "แถลงการณ์การประชุมนายกเทศมนตรีอาเซียนครั้งที่ 5",
            "summary_th": paragraphs(text.JOINT_STATEMENT_SUMMARY_TH),
            "summary_en": paragraphs(text.JOINT_STATEMENT_SUMMARY_EN),
            # The seed does not say when the statement was adopted.
            "adopted_on": None,
            # The statement is on the forum's public page.
            "is_public": True,
        },
    )
    upsert(
        RelatedEvent,
        lookup={"forum": forum, "title_en": "7th Asia-Pacific Urban Forum (APUF-7)"},
        values={
            "relation": RelatedEvent.Relation.FOLLOW_ON,
            "title_th": "การประชุม Asia-Pacific Urban Forum ครั้งที่ 7",
            "organiser_th": "UNESCAP",
            "organiser_en": "UNESCAP",
            "location_th": "ปีนัง ประเทศมาเลเซีย",
            "location_en": "Penang, Malaysia",
            "start_date": dt.date(2019, 10, 15),
            "end_date": dt.date(2019, 10, 17),
            "description_th": paragraphs(text.APUF_DESCRIPTION_TH),
            "description_en": paragraphs(text.APUF_DESCRIPTION_EN),
        },
    )
    slides_title = "Welcome remarks: slides"
    # Stored once: loading the demo again keeps the file it stored the first time.
    stored = SessionMaterial.objects.filter(session=welcome, title_en=slides_title).exists()
    upsert(
        SessionMaterial,
        lookup={"session": welcome, "title_en": slides_title},
        values={
            "title_th": "สไลด์ประกอบการกล่าวต้อนรับ",
            "is_public": True,
            **({} if stored else {"file": ContentFile(slides_pdf(), name="slides.pdf")}),
        },
    )
    return DemoForum(forum=forum, welcome=welcome, opening=opening)


def slides_pdf() -> bytes:
    """A one-slide PDF (landscape A4, Helvetica) for the welcome remarks, made here."""
    lines = [
        (28, "5th ASEAN Mayors Forum"),
        (20, "Welcome remarks"),
        (14, "26 August 2019, United Nations Conference Centre, Bangkok"),
    ]
    text_ops = "BT 60 480 Td " + " ".join(
        f"/F1 {size} Tf ({words}) Tj 0 -{size * 2} Td" for size, words in lines
    )
    content = f"{text_ops} ET".encode()
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 842 595]"
        b"/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
        b"<</Length %d>>stream\n%s\nendstream" % (len(content), content),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
