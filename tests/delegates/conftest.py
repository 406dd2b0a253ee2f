"""People the seed bulletin names, spelled as it spells them, for search and order tests."""

import pytest

from tests.factories import PersonFactory


@pytest.fixture
def aswin():
    return PersonFactory(
        honorific_th="พลตำรวจเอก",
        first_name_th="อัศวิน",
        last_name_th="ขวัญเมือง",
        honorific_en="Pol. Gen.",
        first_name_en="Aswin",
        last_name_en="Kwanmuang",
    )


@pytest.fixture
def armida():
    return PersonFactory(
        honorific_th="นาง",
        first_name_th="อาร์มิดา ซัลเซียะฮ์",
        last_name_th="อาลิสจะฮ์บานา",
        honorific_en="Ms.",
        first_name_en="Armida Salsiah",
        last_name_en="Alisjahbana",
    )


@pytest.fixture
def pirkka():
    return PersonFactory(
        honorific_th="นาย",
        first_name_th="เปียร์กา",
        last_name_th="ตาปิโอลา",
        honorific_en="Mr.",
        first_name_en="Pirkka",
        last_name_en="Tapiola",
    )


@pytest.fixture
def woranan():
    return PersonFactory(
        honorific_th="นางสาว",
        first_name_th="วรณัน",
        last_name_th="ธรรมโชติ",
        honorific_en="Ms.",
        first_name_en="Woranan",
        last_name_en="Thammachot",
    )


@pytest.fixture
def bystander():
    return PersonFactory(first_name_th="สมชาย", first_name_en="Somchai")
