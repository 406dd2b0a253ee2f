import pytest
from django.db import connection

from amf.collation import THAI_COLLATION
from delegates.models import Country, Organisation, Person
from delegates.names import search_terms
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

ON_POSTGRESQL = connection.vendor == "postgresql"

# Code-point order puts every word with a leading vowel (เ แ โ ใ ไ) after all the others;
# the dictionary files it under its consonant.
DICTIONARY_ORDER = ["กา", "เก", "ไก่", "ขา", "มา", "แม่", "ยา"]
CODE_POINT_ORDER = ["กา", "ขา", "มา", "ยา", "เก", "แม่", "ไก่"]
SHUFFLED = ["แม่", "ขา", "ยา", "ไก่", "กา", "มา", "เก"]


@pytest.fixture
def people(aswin, armida, woranan, bystander):
    return {"aswin": aswin, "armida": armida, "woranan": woranan, "bystander": bystander}


# Search


@pytest.mark.parametrize(
    ("query", "who"),
    [
        ("อัศวิน", "aswin"),
        ("ขวัญเมือง", "aswin"),
        ("Aswin", "aswin"),
        ("Kwanmuang", "aswin"),
        ("aswin", "aswin"),
        ("KWANMUANG", "aswin"),
        ("พลตำรวจเอก อัศวิน", "aswin"),
        ("Pol. Gen. Aswin", "aswin"),
        ("อัศวิน ขวัญเมือง", "aswin"),
        ("นางอาร์มิดา", "armida"),
        ("นาง อาร์มิดา", "armida"),
        ("อาลิสจะฮ์บานา", "armida"),
        ("armida alisjahbana", "armida"),
        ("นางสาววรณัน", "woranan"),
        ("นางสาววรณัน ธรรมโชติ", "woranan"),
        ("woranan", "woranan"),
    ],
)
def test_search_finds_a_person_by_any_of_their_names(people, query, who):
    assert list(Person.objects.search(query)) == [people[who]]


def test_search_requires_every_word_to_match(people):
    assert not Person.objects.search("Aswin Alisjahbana").exists()
    assert not Person.objects.search("อัศวิน วรณัน").exists()


def test_search_with_a_blank_query_returns_everyone(people):
    assert set(Person.objects.search("   ")) == set(people.values())
    assert set(Person.objects.search("")) == set(people.values())


def test_search_finds_nobody_for_a_name_nobody_has(people):
    assert not Person.objects.search("Tapiola").exists()


def test_search_strips_the_longest_joined_title_first():
    # Stripping "นาง" would leave "สาววรณัน", which matches nobody.
    assert search_terms("นางสาววรณัน") == [["นางสาววรณัน", "วรณัน"]]
    assert search_terms("นางอาร์มิดา") == [["นางอาร์มิดา", "อาร์มิดา"]]
    assert search_terms("นายเปียร์กา Tapiola") == [["นายเปียร์กา", "เปียร์กา"], ["Tapiola"]]


def test_search_leaves_a_bare_title_whole():
    assert search_terms("นาง") == [["นาง"]]


# Thai dictionary order


def test_the_database_has_the_thai_icu_collation():
    if ON_POSTGRESQL:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT collname FROM pg_collation WHERE collname = %s", [THAI_COLLATION]
            )
            assert cursor.fetchall() == [(THAI_COLLATION,)]
    else:
        # SQLite has no ICU; ordering falls back to code points (see amf/collation.py).
        assert connection.vendor == "sqlite"
        assert sorted(SHUFFLED) == CODE_POINT_ORDER


def expected_order() -> list[str]:
    return DICTIONARY_ORDER if ON_POSTGRESQL else CODE_POINT_ORDER


def test_people_sort_by_given_name_in_thai_dictionary_order():
    for name in SHUFFLED:
        PersonFactory(first_name_th=name, last_name_th="")

    names = [person.first_name_th for person in Person.objects.in_thai_order()]

    assert names == expected_order()


def test_people_with_the_same_given_name_sort_by_family_name():
    # "เกตุ" files under ก, so before "ขำ" in the dictionary; code points say the reverse.
    PersonFactory(first_name_th="สมชาย", last_name_th="ขำ")
    PersonFactory(first_name_th="สมชาย", last_name_th="เกตุ")

    last_names = [person.last_name_th for person in Person.objects.in_thai_order()]

    assert last_names == (["เกตุ", "ขำ"] if ON_POSTGRESQL else ["ขำ", "เกตุ"])


def test_people_without_a_thai_given_name_sort_by_their_english_one():
    PersonFactory(first_name_th="กา", first_name_en="Zachary")
    PersonFactory(first_name_th=None, first_name_en="Zoe")
    PersonFactory(first_name_th="", first_name_en="Adam")

    names = [person.first_name_en for person in Person.objects.in_thai_order()]

    # The Thai collation files Latin after Thai; code points put it first.
    assert names == (["Zachary", "Adam", "Zoe"] if ON_POSTGRESQL else ["Adam", "Zoe", "Zachary"])


def test_organisations_sort_in_thai_dictionary_order():
    for name in SHUFFLED:
        OrganisationFactory(name_th=name)

    names = [organisation.name_th for organisation in Organisation.objects.in_thai_order()]

    assert names == expected_order()


def test_countries_sort_in_thai_dictionary_order():
    asean = [
        ("TH", "THA", "ไทย"),
        ("VN", "VNM", "เวียดนาม"),
        ("LA", "LAO", "ลาว"),
        ("KH", "KHM", "กัมพูชา"),
        ("MY", "MYS", "มาเลเซีย"),
        ("MM", "MMR", "เมียนมา"),
        ("SG", "SGP", "สิงคโปร์"),
        ("ID", "IDN", "อินโดนีเซีย"),
    ]
    # The country list may already be loaded (by a data migration): set the names we test.
    for code, code3, name in asean:
        Country.objects.update_or_create(
            code=code, defaults={"code3": code3, "name_th": name, "name": name}
        )

    countries = Country.objects.filter(code__in=[code for code, _, _ in asean])
    names = [country.name_th for country in countries.in_thai_order()]

    if ON_POSTGRESQL:
        assert names == [
            "กัมพูชา",
            "ไทย",
            "มาเลเซีย",
            "เมียนมา",
            "ลาว",
            "เวียดนาม",
            "สิงคโปร์",
            "อินโดนีเซีย",
        ]
    else:
        assert names == [
            "กัมพูชา",
            "มาเลเซีย",
            "ลาว",
            "สิงคโปร์",
            "อินโดนีเซีย",
            "เมียนมา",
            "เวียดนาม",
            "ไทย",
        ]
