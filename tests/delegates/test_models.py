import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from delegates.models import Country, Participation
from delegates.names import full_name
from tests.factories import (
    CountryFactory,
    ForumFactory,
    ForumPartnerFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
    SessionFactory,
    SessionRoleFactory,
)
from tests.helpers import validation_messages

pytestmark = pytest.mark.django_db


# Participation, partners and session roles


def test_a_person_takes_part_in_a_forum_only_once():
    participation = ParticipationFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipationFactory(forum=participation.forum, person=participation.person)


def test_a_second_participation_fails_validation_with_a_clear_message():
    participation = ParticipationFactory()
    second = ParticipationFactory.build(
        forum=participation.forum, person=participation.person, role=Participation.Role.SPEAKER
    )

    assert "This person already takes part in the forum." in validation_messages(second)


def test_a_person_may_take_part_in_several_forums():
    participation = ParticipationFactory()

    other = ParticipationFactory(person=participation.person)

    assert other.forum != participation.forum
    assert participation.person.participations.count() == 2


def test_an_organisation_has_one_role_per_forum():
    partner = ForumPartnerFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        ForumPartnerFactory(forum=partner.forum, organisation=partner.organisation, role="host")


def test_a_second_forum_role_fails_validation_with_a_clear_message():
    partner = ForumPartnerFactory()
    second = ForumPartnerFactory.build(
        forum=partner.forum, organisation=partner.organisation, role="host"
    )

    assert "This organisation already has a role in the forum." in validation_messages(second)


def test_a_person_cannot_hold_the_same_role_twice_in_a_session():
    role = SessionRoleFactory(role="speaker")

    with pytest.raises(IntegrityError), transaction.atomic():
        SessionRoleFactory(session=role.session, person=role.person, role="speaker")


def test_a_repeated_session_role_fails_validation_with_a_clear_message():
    role = SessionRoleFactory(role="speaker")
    second = SessionRoleFactory.build(session=role.session, person=role.person, role="speaker")

    assert "This person already has that role in the session." in validation_messages(second)


def test_a_person_may_chair_and_speak_in_the_same_session():
    speaker = SessionRoleFactory(role="speaker")

    chair = SessionRoleFactory(session=speaker.session, person=speaker.person, role="chair")

    chair.full_clean()
    assert speaker.person.session_roles.count() == 2


# Countries


@pytest.mark.parametrize(
    ("code", "code3"),
    # XA and XAA are reserved for private use, so no real country holds them.
    [("xa", "XAA"), ("X1", "XAA"), ("XA", "xa1"), ("XA", "X-A"), ("X", "XAA"), ("XA", "XA")],
)
def test_country_codes_must_be_capital_letters_of_the_right_length(code, code3):
    with pytest.raises(IntegrityError), transaction.atomic():
        CountryFactory(code=code, code3=code3)


@pytest.mark.parametrize(("code", "code3"), [("xa", "XAA"), ("XA", "Xaa")])
def test_a_badly_written_country_code_fails_validation(code, code3):
    country = CountryFactory.build(code=code, code3=code3)

    messages = validation_messages(country)

    assert any("capital letters" in message for message in messages)


def test_a_well_formed_country_is_accepted():
    country = CountryFactory(code="XA", code3="XAA", name_th="ประเทศทดสอบ", name_en="Testland")

    country.full_clean()
    assert country.pk is not None


def test_two_countries_cannot_share_a_code():
    CountryFactory(code="TH", code3="THA")

    with pytest.raises(IntegrityError), transaction.atomic():
        Country.objects.create(code="TH", code3="TTT", name_th="ไทย")


# Querysets


def test_participations_in_protocol_order_put_dignitaries_first_then_go_by_name():
    forum = ForumFactory()
    delegate_b = ParticipationFactory(
        forum=forum, precedence=1000, person=PersonFactory(first_name_th="สมหญิง")
    )
    governor = ParticipationFactory(
        forum=forum, precedence=1, person=PersonFactory(first_name_th="อัศวิน")
    )
    delegate_a = ParticipationFactory(
        forum=forum, precedence=1000, person=PersonFactory(first_name_th="กมล")
    )
    deputy = ParticipationFactory(
        forum=forum, precedence=2, person=PersonFactory(first_name_th="ขจิต")
    )

    assert list(Participation.objects.in_protocol_order()) == [
        governor,
        deputy,
        delegate_a,
        delegate_b,
    ]


def test_public_participations_need_consent_and_leave_out_cancellations():
    shown = ParticipationFactory(consents_to_public_listing=True, registration_status="confirmed")
    invited = ParticipationFactory(consents_to_public_listing=True, registration_status="invited")
    ParticipationFactory(consents_to_public_listing=False, registration_status="confirmed")
    ParticipationFactory(consents_to_public_listing=True, registration_status="cancelled")

    assert set(Participation.objects.public()) == {shown, invited}


# Names


@pytest.mark.parametrize(
    ("honorific", "first", "last", "expected"),
    [
        ("พลตำรวจเอก", "อัศวิน", "ขวัญเมือง", "พลตำรวจเอก อัศวิน ขวัญเมือง"),
        ("นาย", "เปียร์กา", "ตาปิโอลา", "นายเปียร์กา ตาปิโอลา"),
        ("นาง", "อาร์มิดา", "ซัลเซียห์", "นางอาร์มิดา ซัลเซียห์"),
        ("นางสาว", "วรณัน", "ชัชวาลทิพากร", "นางสาววรณัน ชัชวาลทิพากร"),
        ("ดร.", "เบอร์นาเดีย", "อิราวาตี จันดราเดวี", "ดร. เบอร์นาเดีย อิราวาตี จันดราเดวี"),
        ("", "อัศวิน", "ขวัญเมือง", "อัศวิน ขวัญเมือง"),
        ("นาย", "เปียร์กา", "", "นายเปียร์กา"),
    ],
)
def test_thai_full_name_joins_civilian_titles_and_spaces_ranks(honorific, first, last, expected):
    assert full_name(honorific, first, last, thai=True) == expected


@pytest.mark.parametrize(
    ("honorific", "first", "last", "expected"),
    [
        ("Pol. Gen.", "Aswin", "Kwanmuang", "Pol. Gen. Aswin Kwanmuang"),
        ("Mr.", "Pierre", "Tapiola", "Mr. Pierre Tapiola"),
        ("Dr.", "Bernadia", "Irawati Tjandradewi", "Dr. Bernadia Irawati Tjandradewi"),
        ("", "Aswin", "Kwanmuang", "Aswin Kwanmuang"),
    ],
)
def test_english_full_name_always_spaces_the_honorific(honorific, first, last, expected):
    assert full_name(honorific, first, last, thai=False) == expected


def test_person_full_name_follows_the_active_language():
    person = PersonFactory(
        honorific_th="นาย",
        first_name_th="เปียร์กา",
        last_name_th="ตาปิโอลา",
        honorific_en="Mr.",
        first_name_en="Pierre",
        last_name_en="Tapiola",
    )

    with translation.override("th"):
        assert person.full_name == "นายเปียร์กา ตาปิโอลา"
        assert str(person) == "นายเปียร์กา ตาปิโอลา"
    with translation.override("en"):
        assert person.full_name == "Mr. Pierre Tapiola"
        assert str(person) == "Mr. Pierre Tapiola"


def test_person_without_an_english_name_keeps_the_thai_title_joined_on_english_pages():
    # The English fields fall back to the Thai ones, which are still written the Thai way.
    person = PersonFactory(
        honorific_th="นาย",
        first_name_th="สมชาย",
        last_name_th="ใจดี",
        honorific_en="",
        first_name_en="",
        last_name_en="",
    )

    with translation.override("en"):
        assert person.full_name == "นายสมชาย ใจดี"


# Readable names


def test_delegates_models_read_as_something_readable():
    country = CountryFactory(code="XA", code3="XAA", name_th="ประเทศทดสอบ", name_en="Testland")
    plain = OrganisationFactory(
        name_th="กรุงเทพมหานคร", name_en="Bangkok", acronym="", country=country
    )
    acronymed = OrganisationFactory(
        name_th="เครือข่ายเมืองอัจฉริยะอาเซียน", name_en="ASEAN Smart Cities Network", acronym="ASCN"
    )
    person = PersonFactory(
        honorific_en="Pol. Gen.", first_name_en="Aswin", last_name_en="Kwanmuang"
    )
    forum = ForumFactory()
    participation = ParticipationFactory(forum=forum, person=person, role="host")
    partner = ForumPartnerFactory(forum=forum, organisation=acronymed, role="co_host")
    role = SessionRoleFactory(session=SessionFactory(forum=forum), person=person, role="chair")

    with translation.override("en"):
        assert str(country) == "Testland"
        assert str(plain) == "Bangkok"
        assert str(acronymed) == "ASEAN Smart Cities Network (ASCN)"
        assert str(person) == "Pol. Gen. Aswin Kwanmuang"
        assert str(participation) == "Pol. Gen. Aswin Kwanmuang – Host"
        assert str(partner) == "ASEAN Smart Cities Network (ASCN) – Co-host"
        assert str(role) == "Pol. Gen. Aswin Kwanmuang – Chair"
