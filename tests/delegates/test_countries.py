import io

import pycountry
import pytest
from django.core.management import call_command

from delegates.models import Country
from delegates.services import country_sync

pytestmark = pytest.mark.django_db

ASEAN = {"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN"}


def test_country_sync_fills_every_iso_3166_country():
    country_sync()

    assert Country.objects.count() == len(pycountry.countries) >= 249
    assert not Country.objects.filter(name_th="").exists()
    assert not Country.objects.filter(name_en="").exists()


def test_country_sync_flags_exactly_the_ten_asean_members():
    country_sync()

    assert set(Country.objects.asean().values_list("code", flat=True)) == ASEAN


def test_country_sync_names_thailand_in_thai_and_english():
    country_sync()

    thailand = Country.objects.get(code="TH")
    assert (thailand.code3, thailand.name_th, thailand.name_en) == ("THA", "ไทย", "Thailand")


def test_country_sync_uses_common_short_names_for_vietnam_and_laos():
    country_sync()

    names = {c.code: (c.name_th, c.name_en) for c in Country.objects.filter(code__in=["VN", "LA"])}
    assert names == {"VN": ("เวียดนาม", "Vietnam"), "LA": ("ลาว", "Laos")}


def test_the_migrations_already_load_every_country_with_its_thai_base_column():
    assert Country.objects.count() == len(pycountry.countries)
    assert Country.objects.filter(code="TH", name="ไทย", name_en="Thailand").exists()


def test_country_sync_fills_an_empty_table():
    Country.objects.all().delete()

    assert country_sync() == len(pycountry.countries)
    assert Country.objects.filter(code="TH", name="ไทย").exists()


def test_country_sync_a_second_time_writes_nothing():
    country_sync()
    before = list(Country.objects.order_by("code").values_list())

    assert country_sync() == 0
    assert list(Country.objects.order_by("code").values_list()) == before


def test_country_sync_restores_an_edited_name_and_flag_and_keeps_the_row():
    country_sync()
    thailand_pk = Country.objects.get(code="TH").pk
    Country.objects.filter(code="TH").update(name_th="สยาม")
    Country.objects.filter(code="FR").update(is_asean_member=True)

    assert country_sync() == 2

    assert Country.objects.get(code="TH").name_th == "ไทย"
    assert Country.objects.get(code="TH").pk == thailand_pk
    assert not Country.objects.get(code="FR").is_asean_member


def test_load_countries_command_reports_the_count():
    out = io.StringIO()

    call_command("load_countries", stdout=out)

    assert f"{len(pycountry.countries)} countries" in out.getvalue()
    assert Country.objects.filter(code="SG", is_asean_member=True).exists()
