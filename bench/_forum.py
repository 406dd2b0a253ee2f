"""A published forum of any size for the page benchmarks: sessions over four days, speakers.

Run inside a process where Django is set up. Every session has two public speakers of its
own (so 200 sessions make 400 speakers), a room, a type and a description, as a real
programme does, in Thai and English.
"""

import datetime as dt

DAYS = 4


def build_forum(*, slug: str, sessions: int, edition: int = 1, with_bulletin: bool = False):
    """Create the forum `slug` with `sessions` sessions and two public speakers each."""
    from delegates.models import Organisation, Participation, Person, SessionRole
    from events.models import Forum, ForumSeries, Room, Session, Venue

    series, _ = ForumSeries.objects.get_or_create(
        slug="bench", defaults={"name_th": "การประชุมทดสอบ", "name_en": "Bench"}
    )
    venue = Venue.objects.create(name_th="ศูนย์ประชุม", name_en="Centre", city_en="Bangkok")
    rooms = [
        Room.objects.create(venue=venue, name_th=f"ห้อง {n}", name_en=f"Room {n}")
        for n in range(1, 6)
    ]
    forum = Forum.objects.create(
        series=series,
        edition=edition,
        title_th="การประชุมทดสอบสมรรถนะ",
        title_en="Benchmark Forum",
        theme_th="เมืองยั่งยืน",
        theme_en="Sustainable cities",
        slug=slug,
        start_date=dt.date(2019, 8, 26),
        end_date=dt.date(2019, 8, 26) + dt.timedelta(days=DAYS - 1),
        venue=venue,
        is_published=True,
    )
    kinds = list(Session.Kind.values)
    per_day = -(-sessions // DAYS)

    def at(n: int, hour: int, minute: int) -> dt.datetime:
        day = forum.start_date + dt.timedelta(days=n // per_day)
        start = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=forum.zone)
        return start + dt.timedelta(minutes=(n % per_day) * (600 // per_day or 1))

    made = Session.objects.bulk_create(
        Session(
            forum=forum,
            title_th=f"ช่วงการประชุมที่ {n + 1} ว่าด้วยเมืองยั่งยืน",
            title_en=f"Session {n + 1} on sustainable cities",
            description_th="<p>รายละเอียดของช่วงการประชุม</p>",
            description_en="<p>What the session is about.</p>",
            kind=kinds[n % len(kinds)],
            starts_at=at(n, 8, 0),
            ends_at=at(n, 8, 45),
            room=rooms[n % len(rooms)],
            order=n,
        )
        for n in range(sessions)
    )
    organisation = Organisation.objects.create(
        name_th="เทศบาลทดสอบ", name_en="Test City", kind=Organisation.Kind.LOCAL_GOVERNMENT
    )
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
        )
        for n in range(2 * sessions)
    )
    Participation.objects.bulk_create(
        Participation(
            forum=forum,
            person=person,
            role=Participation.Role.SPEAKER,
            registration_status=Participation.RegistrationStatus.CONFIRMED,
            consents_to_public_listing=True,
            precedence=n,
        )
        for n, person in enumerate(people)
    )
    SessionRole.objects.bulk_create(
        SessionRole(session=session, person=people[2 * n + k], role="speaker", order=k)
        for n, session in enumerate(made)
        for k in range(2)
    )
    if with_bulletin:
        _publish_bulletin(forum, reporter=people[0])
    return forum


def _publish_bulletin(forum, *, reporter) -> None:
    from django.utils import timezone

    from reports.models import Bulletin, MissionGroup

    group = MissionGroup.objects.create(name_th="กลุ่มภารกิจทดสอบ", name_en="Bench group")
    now = timezone.now()
    Bulletin.objects.create(
        forum=forum,
        mission_group=group,
        title_th="สรุปผลการประชุมทดสอบ",
        title_en="Summary of the benchmark forum",
        meeting_name_th="การประชุมทดสอบสมรรถนะ",
        meeting_name_en="Benchmark Forum",
        summary_th="<p>" + "ที่ประชุมได้หารือเรื่องเมืองยั่งยืน " * 40 + "</p>",
        summary_en="<p>" + "The meeting discussed sustainable cities. " * 40 + "</p>",
        continued_operations_th="<p>ติดตามผลการดำเนินงาน</p>",
        continued_operations_en="<p>Follow the work up.</p>",
        recipient_th="ผู้ว่าราชการกรุงเทพมหานคร",
        recipient_en="Governor of Bangkok",
        reporter=reporter,
        reporter_position_th="นักวิเทศสัมพันธ์ปฏิบัติการ",
        reporter_position_en="International Relations Officer",
        reporter_office_th="สำนักงานการต่างประเทศ",
        reporter_office_en="International Affairs Office",
        status=Bulletin.Status.PUBLISHED,
        submitted_at=now,
        acknowledged_at=now,
        published_at=now,
    )
