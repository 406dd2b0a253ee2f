"""One rule for a participation's country, and every list, badge, export and figure agrees.

The rule a protocol officer reads: the country recorded for this forum, else the
delegation's, else the person's organisation's.
"""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from delegates.models import Country, Participation
from delegates.services import exports
from delegates.statistics import forum_statistics
from tests.factories import ForumFactory, OrganisationFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def country(code: str) -> Country:
    return Country.objects.get(code=code)


@pytest.fixture
def forum():
    """Three delegates, each listed under a different source of the rule."""
    forum = ForumFactory()
    thai_city = OrganisationFactory(name_en="Bangkok", country=country("TH"))
    singapore = OrganisationFactory(name_en="Singapore City", country=country("SG"))
    ParticipationFactory(  # Its own country wins over both organisations'.
        forum=forum,
        country=country("VN"),
        delegation=singapore,
        person__organisation=thai_city,
        person__first_name_en="Own",
    )
    ParticipationFactory(  # The delegation's country wins over the person's organisation's.
        forum=forum, country=None, delegation=singapore, person__organisation=thai_city,
        person__first_name_en="Delegation",
    )  # fmt: skip
    ParticipationFactory(  # Only the person's organisation says.
        forum=forum, country=None, delegation=None, person__organisation=thai_city,
        person__first_name_en="Organisation",
    )  # fmt: skip
    return forum


EXPECTED = {"Own": "VN", "Delegation": "SG", "Organisation": "TH"}


def participations(forum):
    return Participation.objects.filter(forum=forum)


def who(text: str) -> str:
    """Which of the three delegates a name or row names."""
    return next(first for first in EXPECTED if first in text)


def countries_in(rows) -> dict:
    return {row["first_name_en"]: row["country"] for row in rows}


def test_the_csv_and_xlsx_exports_list_each_delegate_under_the_rule(forum):
    csv_text = b"".join(
        exports.delegates_export_stream(
            participations=participations(forum), include_contacts=False
        )
    ).decode("utf-8-sig")
    out = io.BytesIO()
    exports.delegates_export(
        participations=participations(forum), fmt="xlsx", out=out, include_contacts=False
    )
    sheet = load_workbook(io.BytesIO(out.getvalue())).active
    header, *rows = [[cell.value for cell in row] for row in sheet.iter_rows()]

    assert countries_in(csv.DictReader(io.StringIO(csv_text))) == EXPECTED
    assert countries_in(dict(zip(header, row, strict=True)) for row in rows) == EXPECTED


def test_the_delegate_list_and_the_badges_name_the_same_countries(forum, monkeypatch):
    rendered = {}
    monkeypatch.setattr(
        exports, "render_pdf", lambda template, context: rendered.setdefault(template, context)
    )
    names = {code: str(country(code).name_en) for code in EXPECTED.values()}
    expected = {first: names[code] for first, code in EXPECTED.items()}

    with translation.override("en"):
        rows = list(exports.list_rows(participations(forum)))
        exports.badges_pdf(participations=participations(forum))
    pages = rendered["delegates/participation_badges.html"]["pages"]
    badges = [badge for page in pages for badge in page]

    assert {who(row[2]): row[5] for row in rows} == expected
    assert {who(badge["name_en"]): badge["country_en"] for badge in badges} == expected


def test_the_statistics_count_each_delegate_under_the_rule(forum):
    with translation.override("en"):
        table = next(t for t in forum_statistics(forum) if t.key == "country")

    assert {line.label: line.count for line in table.lines} == {
        str(country(code).name_en): 1 for code in EXPECTED.values()
    }


def test_the_admin_list_shows_and_filters_by_the_same_country(admin_client, forum):
    changelist = reverse("admin:delegates_participation_changelist")

    shown = admin_client.get(changelist, {"forum__id__exact": forum.pk})
    filtered = admin_client.get(changelist, {"country": country("SG").pk})

    rows = {
        p.person.first_name_en: p.find_listed_country().code
        for p in shown.context["cl"].result_list
    }
    assert rows == EXPECTED
    assert [p.person.first_name_en for p in filtered.context["cl"].result_list] == ["Delegation"]


def test_the_check_in_page_shows_the_same_country(admin_client, forum):
    page = admin_client.get(
        reverse("admin:delegates_participation_check_in"), {"forum": forum.pk, "q": "Delegation"}
    )

    assert page.context["results"][0].find_listed_country() == country("SG")
    assert str(country("SG").name) in page.content.decode()


def test_the_rule_in_python_and_in_sql_agree(forum):
    for participation in participations(forum).with_country():
        assert participation.listed_country_id == participation.find_listed_country_id()
