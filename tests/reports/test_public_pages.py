"""Public bulletin pages: published only, newest first, filters, search, 404s, PDF, forum tag."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from reports.models import Bulletin
from tests.factories import (
    BulletinFactory,
    ForumFactory,
    MissionGroupFactory,
    PersonFactory,
)
from tests.reports.pdftools import pdf_reading

pytestmark = pytest.mark.django_db
BANGKOK = ZoneInfo("Asia/Bangkok")


def url(name, *args, language="th"):
    with translation.override(language):
        return reverse(f"reports:{name}", args=args)


def published(day: dt.date, **kwargs) -> Bulletin:
    moment = dt.datetime.combine(day, dt.time(9), tzinfo=BANGKOK)
    return BulletinFactory(
        status=Bulletin.Status.PUBLISHED,
        submitted_at=moment,
        acknowledged_at=moment,
        published_at=moment,
        **kwargs,
    )


def listed(response) -> list[int]:
    return [int(pk) for pk in re.findall(r'href="/\w\w/reports/(\d+)/"', response.content.decode())]


def test_the_list_shows_published_bulletins_only_newest_first(client):
    older = published(dt.date(2019, 9, 2))
    newer = published(dt.date(2020, 3, 1))
    BulletinFactory()
    BulletinFactory(acknowledged=True)

    response = client.get(url("bulletin_list"))

    assert response.status_code == 200
    assert listed(response) == [newer.pk, older.pk]


def test_the_list_filters_by_forum_year_shown_in_the_buddhist_era_in_thai(client):
    in_2019 = published(dt.date(2019, 9, 2))
    published(
        dt.date(2020, 9, 2),
        forum=ForumFactory(start_date=dt.date(2020, 8, 1), end_date=dt.date(2020, 8, 2)),
    )

    response = client.get(url("bulletin_list"), {"year": 2019})

    assert listed(response) == [in_2019.pk]
    assert '<option value="2019" selected>2562</option>' in response.content.decode()
    english = client.get(url("bulletin_list", language="en"), {"year": 2019})
    assert '<option value="2019" selected>2019</option>' in english.content.decode()


def test_the_list_filters_by_mission_group(client):
    economy = MissionGroupFactory(name_th="เศรษฐกิจ", name_en="Economy")
    wanted = published(dt.date(2019, 9, 2), mission_group=economy)
    published(dt.date(2019, 9, 3))

    response = client.get(url("bulletin_list"), {"group": economy.pk})

    assert listed(response) == [wanted.pk]


@pytest.mark.parametrize(
    ("language", "query"),
    [("th", "แม่น้ำเจ้าพระยา"), ("en", "Chao Phraya"), ("en", "แม่น้ำ"), ("th", "chao phraya")],
)
def test_search_finds_bulletins_by_thai_or_english_text(client, language, query):
    wanted = published(
        dt.date(2019, 9, 2),
        summary_th="<p>การฟื้นฟูแม่น้ำเจ้าพระยา</p>",
        summary_en="<p>Restoring the Chao Phraya river.</p>",
    )
    published(dt.date(2019, 9, 3))

    response = client.get(url("bulletin_list", language=language), {"q": query})

    assert listed(response) == [wanted.pk]


def test_bad_filter_values_are_left_out_with_a_message_not_an_error(client):
    shown = published(dt.date(2019, 9, 2))

    response = client.get(url("bulletin_list", language="en"), {"year": "abc", "group": "x"})

    assert response.status_code == 200
    assert listed(response) == [shown.pk]
    assert "Some filters were not understood" in response.content.decode()


def test_the_list_reads_the_same_number_of_queries_for_two_or_twelve_bulletins(
    client, django_assert_num_queries
):
    # The site's version and the published bulletins' index, then the list itself.
    for day in range(2):
        published(dt.date(2019, 9, 1 + day))
    with django_assert_num_queries(6):
        client.get(url("bulletin_list"), {"q": "สรุป"})

    for day in range(10):
        published(dt.date(2019, 10, 1 + day))
    with django_assert_num_queries(6):
        response = client.get(url("bulletin_list"), {"q": "สรุป"})
    assert len(listed(response)) == 12


@pytest.mark.parametrize(
    ("language", "message"),
    [("th", "ไม่พบรายงาน"), ("en", "Bulletin not found")],
)
def test_an_unpublished_bulletin_is_not_found_in_the_visitors_language(client, language, message):
    for draft in (BulletinFactory(), BulletinFactory(acknowledged=True)):
        for name in ("bulletin_detail", "bulletin_pdf"):
            response = client.get(url(name, draft.pk, language=language))

            assert response.status_code == 404
            assert message in response.content.decode()
            assert draft.title_th not in response.content.decode()


def test_the_bulletin_page_shows_the_six_sections_in_the_visitors_language(client):
    bulletin = published(dt.date(2019, 9, 2))

    thai = client.get(url("bulletin_detail", bulletin.pk)).content.decode()
    english = client.get(url("bulletin_detail", bulletin.pk, language="en")).content.decode()

    assert re.findall(r'class="bulletin__heading">(\d)\.', thai) == list("123456")
    assert "26 – 28 สิงหาคม 2562" in thai
    assert "26 – 28 August 2019" in english
    assert "6. Reporter" in english
    assert url("bulletin_pdf", bulletin.pk) in thai


def test_the_page_never_shows_the_reporters_personal_email_or_phone(client):
    reporter = PersonFactory(email="woranan@example.org", phone="+66 81 234 5678")
    bulletin = published(dt.date(2019, 9, 2), reporter=reporter, reporter_phone="0 2224 8177")

    html = client.get(url("bulletin_detail", bulletin.pk)).content.decode()
    pdf = pdf_reading(client.get(url("bulletin_pdf", bulletin.pk)).getvalue())

    for text in (html, pdf):
        assert "woranan@example.org" not in text
        assert "81 234 5678" not in text
        assert "0 2224 8177" in text  # the office's number, as the bulletin prints it


def test_script_and_event_handlers_never_reach_the_public_page(client):
    bulletin = published(dt.date(2019, 9, 2))
    Bulletin.objects.filter(pk=bulletin.pk).update(
        summary_th=(
            '<p onmouseover="steal()">สรุป</p><script>alert(1)</script><img src=x onerror=alert(2)>'
        ),
        continued_operations_th='<a href="javascript:alert(3)" onclick="x()">ลิงก์</a>',
    )

    html = client.get(url("bulletin_detail", bulletin.pk)).content.decode()

    assert "<script>alert" not in html
    assert not re.search(r"\son\w+=", html)
    assert "javascript:" not in html
    assert "สรุป" in html


def test_the_pdf_download_is_in_the_visitors_language(client):
    bulletin = published(dt.date(2019, 9, 2))

    thai = client.get(url("bulletin_pdf", bulletin.pk))
    english = client.get(url("bulletin_pdf", bulletin.pk, language="en"))

    assert thai["Content-Type"] == "application/pdf"
    assert f'filename="bulletin-{bulletin.pk}-th.pdf"' in thai["Content-Disposition"]
    assert "26 – 28 สิงหาคม 2562" in pdf_reading(thai.getvalue())
    assert "26 – 28 August 2019" in pdf_reading(english.getvalue())


def test_the_forum_tag_links_the_forums_published_bulletins_in_one_query(
    django_assert_num_queries,
):
    forum = ForumFactory()
    shown = published(dt.date(2019, 9, 2), forum=forum)
    BulletinFactory(forum=forum)
    published(dt.date(2019, 9, 2))  # another forum's
    template = Template("{% load reports_public %}{% forum_bulletins forum %}")

    with django_assert_num_queries(1):
        html = template.render(Context({"forum": forum}))

    assert re.findall(r'href="([^"]+)"', html) == [url("bulletin_detail", shown.pk)]
    assert shown.title_th in html


def test_a_page_number_past_the_end_is_not_found_in_the_visitors_language(client):
    published(dt.date(2019, 9, 2))

    response = client.get(url("bulletin_list"), {"page": "9"})

    assert response.status_code == 404
    assert "ไม่พบรายงาน" in response.content.decode()
