"""Factories for every model, shared by the whole test suite."""

import datetime as dt
from zoneinfo import ZoneInfo

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from amf.models import Job, JobFile
from delegates.models import (
    AccessLink,
    Anonymisation,
    Attendance,
    Country,
    ExportLog,
    ForumLetterSettings,
    ForumPartner,
    ForumRegistration,
    InvitationText,
    IssuedLetter,
    Organisation,
    OutgoingEmail,
    Participation,
    Person,
    Seat,
    SeatingPlan,
    SelfRegistration,
    SessionRole,
    StagedImport,
)
from events.models import (
    Forum,
    ForumSeries,
    Framework,
    OutcomeDocument,
    Priority,
    ProgrammeNotice,
    RelatedEvent,
    Room,
    Session,
    SessionMaterial,
    Venue,
)
from reports.document import snapshot
from reports.models import (
    Bulletin,
    BulletinRevision,
    Feedback,
    FollowUpAction,
    MissionGroup,
    ProgressNote,
)
from tests import sample_files

BANGKOK = ZoneInfo("Asia/Bangkok")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class SuperuserFactory(UserFactory):
    is_staff = True
    is_superuser = True


class ForumSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumSeries
        django_get_or_create = ("slug",)

    name_th = "การประชุมนายกเทศมนตรีอาเซียน"
    name_en = "ASEAN Mayors Forum"
    acronym = "AMF"
    slug = "asean-mayors-forum"


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name_th = factory.Sequence(lambda n: f"ศูนย์ประชุม {n}")
    name_en = factory.Sequence(lambda n: f"Conference Centre {n}")
    city_th = "กรุงเทพมหานคร"
    city_en = "Bangkok"


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    venue = factory.SubFactory(VenueFactory)
    name_th = factory.Sequence(lambda n: f"ห้องประชุม {n}")
    name_en = factory.Sequence(lambda n: f"Conference Room {n}")


class ForumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Forum

    series = factory.SubFactory(ForumSeriesFactory)
    edition = factory.Sequence(lambda n: n + 100)
    title_th = factory.LazyAttribute(lambda f: f"การประชุมนายกเทศมนตรีอาเซียน ครั้งที่ {f.edition}")
    title_en = factory.LazyAttribute(lambda f: f"ASEAN Mayors Forum No. {f.edition}")
    theme_th = "ขับเคลื่อนการดำเนินการระดับท้องถิ่น"
    theme_en = "Driving Local Actions"
    slug = factory.LazyAttribute(lambda f: f"amf-edition-{f.edition}")
    start_date = dt.date(2019, 8, 26)
    end_date = dt.date(2019, 8, 28)
    venue = factory.SubFactory(VenueFactory)
    is_published = True


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    forum = factory.SubFactory(ForumFactory)
    title_th = factory.Sequence(lambda n: f"ช่วงการประชุม {n}")
    title_en = factory.Sequence(lambda n: f"Session {n}")
    kind = Session.Kind.PLENARY
    starts_at = factory.LazyAttribute(
        lambda s: dt.datetime.combine(s.forum.start_date, dt.time(9, 0), tzinfo=BANGKOK)
    )
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + dt.timedelta(hours=1))
    room = factory.SubFactory(RoomFactory, venue=factory.SelfAttribute("..forum.venue"))


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    forum = factory.SubFactory(ForumFactory)
    order = factory.Sequence(lambda n: n + 1)
    title_th = factory.Sequence(lambda n: f"ลำดับความสำคัญ {n}")
    title_en = factory.Sequence(lambda n: f"Priority {n}")


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    name_th = factory.Sequence(lambda n: f"กรอบความร่วมมือ {n}")
    name_en = factory.Sequence(lambda n: f"Framework {n}")


class OutcomeDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeDocument

    forum = factory.SubFactory(ForumFactory)
    kind = OutcomeDocument.Kind.JOINT_STATEMENT
    title_th = "แถลงการณ์ร่วม"
    title_en = "Joint statement"
    is_public = True

    class Params:
        with_file = factory.Trait(
            file=factory.LazyFunction(lambda: ContentFile(sample_files.PDF, name="upload.pdf"))
        )


class SessionMaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionMaterial

    session = factory.SubFactory(SessionFactory)
    title_th = factory.Sequence(lambda n: f"สไลด์นำเสนอ {n}")
    title_en = factory.Sequence(lambda n: f"Slides {n}")
    file = factory.LazyFunction(lambda: ContentFile(sample_files.office("pptx"), name="x.pptx"))
    is_public = True


class RelatedEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedEvent

    forum = factory.SubFactory(ForumFactory)
    relation = RelatedEvent.Relation.FOLLOW_ON
    title_th = "การประชุมเมืองเอเชียแปซิฟิก"
    title_en = "Asia-Pacific Urban Forum"
    start_date = dt.date(2019, 10, 15)
    end_date = dt.date(2019, 10, 17)


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = "TH"
    code3 = "THA"
    name_th = "ไทย"
    name_en = "Thailand"
    is_asean_member = True


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name_th = factory.Sequence(lambda n: f"หน่วยงาน {n}")
    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.LOCAL_GOVERNMENT
    country = factory.SubFactory(CountryFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    honorific_th = "นาย"
    honorific_en = "Mr."
    first_name_th = factory.Sequence(lambda n: f"สมชาย{n}")
    first_name_en = factory.Sequence(lambda n: f"Somchai{n}")
    last_name_th = "ใจดี"
    last_name_en = "Jaidee"
    position_th = "ผู้แทน"
    position_en = "Representative"
    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    phone = "+66 2 000 0000"

    class Params:
        with_photo = factory.Trait(
            photo=factory.LazyFunction(lambda: ContentFile(sample_files.image(), name="x.jpg"))
        )


class ForumPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumPartner

    forum = factory.SubFactory(ForumFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = ForumPartner.Role.CO_HOST


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    forum = factory.SubFactory(ForumFactory)
    person = factory.SubFactory(PersonFactory)
    role = Participation.Role.DELEGATE
    registration_status = Participation.RegistrationStatus.CONFIRMED
    consents_to_public_listing = True


def _this_minute() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)


class ForumRegistrationFactory(factory.django.DjangoModelFactory):
    """A forum open for registration from a day ago for a month, with no capacity."""

    class Meta:
        model = ForumRegistration

    forum = factory.SubFactory(ForumFactory)
    is_open = True
    # To the minute, as the admin's form takes a time.
    opens_at = factory.LazyFunction(lambda: _this_minute() - dt.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: _this_minute() + dt.timedelta(days=30))
    capacity = None
    note_th = "เปิดรับลงทะเบียนสำหรับผู้แทนเมืองสมาชิก"
    note_en = "Open to delegates of member cities."


class SelfRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SelfRegistration

    participation = factory.SubFactory(
        ParticipationFactory, registration_status=Participation.RegistrationStatus.REGISTERED
    )
    organisation_name = "เทศบาลนครเชียงใหม่"


class AccessLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessLink

    participation = factory.SubFactory(ParticipationFactory)
    key = factory.Sequence(lambda n: f"test-link-key-{n:04d}")


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    participation = factory.SubFactory(ParticipationFactory)
    day = factory.LazyAttribute(lambda a: a.participation.forum.start_date)
    checked_in_at = factory.LazyAttribute(
        lambda a: dt.datetime.combine(a.day, dt.time(8, 30), tzinfo=BANGKOK)
    )


class ExportLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExportLog

    forum = factory.SubFactory(ForumFactory)
    user = factory.SubFactory(UserFactory)
    kind = ExportLog.Kind.DELEGATES_CSV
    row_count = 10
    includes_contact_details = False


class AnonymisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Anonymisation

    forum = factory.SubFactory(ForumFactory)
    forum_title = factory.LazyAttribute(lambda a: a.forum.title_th)
    user = factory.SubFactory(UserFactory)
    retention_days = 730
    people = 12
    kept = 1
    staged_imports_discarded = 0


class StagedImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StagedImport

    token = factory.Sequence(lambda n: f"staged-{n:04d}")
    user = factory.SubFactory(UserFactory)
    forum = factory.SubFactory(ForumFactory)
    name = "delegates.csv"
    data = b"first_name_en,country\nAnh,VN\n"
    size = factory.LazyAttribute(lambda s: len(s.data))


class SessionRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionRole

    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(PersonFactory)
    role = SessionRole.Role.SPEAKER


class SeatingPlanFactory(factory.django.DjangoModelFactory):
    """A plan of a session, its seats not yet made (SeatFactory, or seating_plan_propose)."""

    class Meta:
        model = SeatingPlan

    session = factory.SubFactory(SessionFactory)
    row_width = 6


class SeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seat

    plan = factory.SubFactory(SeatingPlanFactory)
    row = 0
    position = factory.Sequence(lambda n: n + 1)
    participation = factory.SubFactory(
        ParticipationFactory, forum=factory.SelfAttribute("..plan.session.forum")
    )


class MissionGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MissionGroup

    name_th = "การบริหารจัดการ"
    name_en = "Administration and management"


class BulletinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bulletin

    forum = factory.SubFactory(ForumFactory)
    title_th = factory.LazyAttribute(lambda b: f"สรุปเนื้อหา{b.forum.title_th}")
    title_en = factory.LazyAttribute(lambda b: f"Summary of the {b.forum.title_en}")
    mission_group = factory.SubFactory(MissionGroupFactory)
    meeting_name_th = factory.LazyAttribute(lambda b: b.forum.title_th)
    meeting_name_en = factory.LazyAttribute(lambda b: b.forum.title_en)
    summary_th = "<p>สรุปเนื้อหาการประชุม</p>"
    summary_en = "<p>Summary of the meeting.</p>"
    recipient_th = "ผู้ว่าราชการกรุงเทพมหานคร"
    recipient_en = "Governor of Bangkok"
    reporter = factory.SubFactory(PersonFactory)
    reporter_position_th = "นักวิเทศสัมพันธ์ปฏิบัติการ"
    reporter_position_en = "International Relations Officer"
    reporter_office_th = "สำนักงานการต่างประเทศ"
    reporter_office_en = "International Affairs Office"

    class Params:
        # A bulletin that went through the whole workflow, stamped on Bangkok dates.
        published = factory.Trait(
            status=Bulletin.Status.PUBLISHED,
            submitted_at=dt.datetime(2019, 9, 2, 9, 0, tzinfo=BANGKOK),
            acknowledged_at=dt.datetime(2019, 9, 3, 9, 0, tzinfo=BANGKOK),
            published_at=dt.datetime(2019, 9, 4, 9, 0, tzinfo=BANGKOK),
        )
        acknowledged = factory.Trait(
            status=Bulletin.Status.ACKNOWLEDGED,
            submitted_at=dt.datetime(2019, 9, 2, 9, 0, tzinfo=BANGKOK),
            acknowledged_at=dt.datetime(2019, 9, 3, 9, 0, tzinfo=BANGKOK),
        )
        submitted = factory.Trait(
            status=Bulletin.Status.SUBMITTED,
            submitted_at=dt.datetime(2019, 9, 2, 9, 0, tzinfo=BANGKOK),
        )


class FollowUpActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    forum = factory.SubFactory(ForumFactory)
    title_th = factory.Sequence(lambda n: f"ติดตามผล {n}")
    title_en = factory.Sequence(lambda n: f"Follow up {n}")
    owner = factory.SubFactory(OrganisationFactory)
    due_on = dt.date(2019, 10, 15)


class ProgressNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressNote

    action = factory.SubFactory(FollowUpActionFactory)
    noted_on = dt.date(2019, 10, 1)
    text = "ประสานงานกับหน่วยงานแล้ว"


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    bulletin = factory.SubFactory(BulletinFactory, published=True)
    message = "ขอบคุณสำหรับสรุปการประชุม"
    language = "th"


class BulletinRevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BulletinRevision

    bulletin = factory.SubFactory(BulletinFactory, published=True)
    number = factory.Sequence(lambda n: n + 1)
    event = BulletinRevision.Event.PUBLISHED
    content = factory.LazyAttribute(lambda r: snapshot(r.bulletin))


def programme_for(forum: Forum, *, sessions: int, speakers_per_session: int = 2) -> list[Session]:
    """Fill `forum` with sessions over its days in four rooms, each with public speakers.

    Rows are bulk-created, so that programmes of hundreds of sessions stay quick to build.
    """
    rooms = [RoomFactory(venue=forum.venue) for _ in range(4)]
    organisation = OrganisationFactory()
    days = (forum.end_date - forum.start_date).days + 1
    per_day = -(-sessions // days)
    kinds = [Session.Kind.PLENARY, Session.Kind.PANEL, Session.Kind.WORKSHOP, Session.Kind.BREAK]
    rows = []
    for n in range(sessions):
        day = forum.start_date + dt.timedelta(days=n // per_day)
        starts_at = dt.datetime.combine(day, dt.time(8, 0), tzinfo=forum.zone) + dt.timedelta(
            minutes=(n % per_day) * 5
        )
        rows.append(
            Session(
                forum=forum,
                title_th=f"ช่วงการประชุมที่ {n + 1}",
                title_en=f"Session {n + 1}",
                description_th="<p>รายละเอียด</p>",
                description_en="<p>Details</p>",
                kind=kinds[n % len(kinds)],
                starts_at=starts_at,
                ends_at=starts_at + dt.timedelta(minutes=45),
                room=rooms[n % len(rooms)],
                order=n,
            )
        )
    created = Session.objects.bulk_create(rows)
    people = Person.objects.bulk_create(
        Person(
            honorific_th="ดร.",
            honorific_en="Dr.",
            first_name_th=f"วิทยากร{n}",
            first_name_en=f"Speaker{n}",
            last_name_th="ทดสอบ",
            last_name_en="Test",
            position_th="ผู้อำนวยการ",
            position_en="Director",
            organisation=organisation,
            email=f"speaker{n}@example.org",
            phone="+66 2 111 1111",
        )
        for n in range(sessions * speakers_per_session)
    )
    Participation.objects.bulk_create(
        Participation(
            forum=forum,
            person=person,
            role=Participation.Role.SPEAKER,
            registration_status=Participation.RegistrationStatus.CONFIRMED,
            consents_to_public_listing=True,
        )
        for person in people
    )
    SessionRole.objects.bulk_create(
        SessionRole(
            session=session,
            person=people[i * speakers_per_session + k],
            role=SessionRole.Role.CHAIR if k == 0 else SessionRole.Role.SPEAKER,
            order=k,
        )
        for i, session in enumerate(created)
        for k in range(speakers_per_session)
    )
    return created


class JobFactory(factory.django.DjangoModelFactory):
    """A finished export job, its file kept (see amf/jobs)."""

    class Meta:
        model = Job

    kind = "delegates.export"
    # As the worker writes them, in the language of the user who started the job.
    title = factory.Sequence(lambda n: f"รายชื่อผู้เข้าร่วม (CSV): {n} คน")
    user = factory.SubFactory(UserFactory, is_staff=True)
    language = "th"
    params = factory.LazyFunction(lambda: {"output": "delegates_csv", "participations": []})
    state = Job.State.SUCCEEDED
    message = "ไฟล์พร้อมให้ดาวน์โหลดแล้ว"
    finished_at = factory.LazyFunction(lambda: dt.datetime.now(dt.UTC))
    expires_at = factory.LazyAttribute(lambda job: job.finished_at + dt.timedelta(hours=24))


class JobFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobFile

    job = factory.SubFactory(JobFactory)
    name = "delegates-2019-08-26.csv"
    content_type = "text/csv; charset=utf-8"
    data = b"\xef\xbb\xbffirst_name_en,country\r\nAnh,VN\r\n"
    size = factory.LazyAttribute(lambda f: len(f.data))


class InvitationTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InvitationText

    forum = factory.SubFactory(ForumFactory)
    subject_th = "ขอเชิญร่วมการประชุม {forum}"
    subject_en = "Invitation to {forum}"
    # As the admin's form stores a text: without a line break at the end.
    body_th = "เรียน {honorific}{name}\n\nขอเรียนเชิญเข้าร่วม {forum}\nตอบรับได้ที่ {link}"
    body_en = "Dear {honorific} {name},\n\nYou are invited to {forum}.\nPlease reply at {link}"


class OutgoingEmailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutgoingEmail

    participation = factory.SubFactory(ParticipationFactory)
    forum = factory.LazyAttribute(lambda email: email.participation.forum)
    person = factory.LazyAttribute(lambda email: email.participation.person)
    kind = OutgoingEmail.Kind.INVITATION
    language = "th"
    to_address = factory.LazyAttribute(lambda email: email.person.email)
    subject = "ขอเชิญร่วมการประชุม"
    body = "เรียน ท่านผู้แทน"
    message_id = factory.Sequence(lambda n: f"<{n}.test@amf.example>")


class ProgrammeNoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeNotice

    forum = factory.SubFactory(ForumFactory)
    date = dt.date(2019, 8, 20)
    text_th = "พิธีปิดเลื่อนเป็นเวลา 15.00 น."
    text_en = "The closing ceremony moves to 15:00."


class ForumLetterSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumLetterSettings

    forum = factory.SubFactory(ForumFactory)
    reference_prefix_th = "กท 1402/"
    reference_prefix_en = ""
    signatory_name_th = "นางสาวสมศรี ใจดี"
    signatory_name_en = "Ms. Somsri Jaidee"
    signatory_position_th = "ผู้อำนวยการสำนักงานการต่างประเทศ"
    signatory_position_en = "Director, International Affairs Office"
    letterhead_th = "กรุงเทพมหานคร"
    letterhead_en = "Bangkok Metropolitan Administration"
    office_address_th = "ศาลาว่าการกรุงเทพมหานคร\n173 ถนนดินสอ เขตพระนคร\nกรุงเทพฯ 10200"
    office_address_en = "City Hall, 173 Dinso Road, Phra Nakhon, Bangkok 10200, Thailand"
    office_name_th = "สำนักงานการต่างประเทศ สำนักปลัดกรุงเทพมหานคร"
    office_name_en = "International Affairs Office"
    division_th = "ส่วนแผนงานและส่งเสริมศักยภาพของเมือง"
    division_en = "Planning and City Capacity Promotion Division"
    phone = "0 2224 8177"


class IssuedLetterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IssuedLetter

    participation = factory.SubFactory(ParticipationFactory)
    forum = factory.LazyAttribute(lambda letter: letter.participation.forum)
    kind = IssuedLetter.Kind.INVITATION
    language = "th"
    number = factory.Sequence(lambda n: n + 1)
    reference = factory.LazyAttribute(lambda letter: f"กท 1402/{letter.number}")
    dated = dt.date(2019, 7, 15)
    addressee = factory.LazyAttribute(lambda letter: str(letter.participation.person))
    pdf = factory.LazyFunction(lambda: ContentFile(sample_files.PDF, name="letter.pdf"))
