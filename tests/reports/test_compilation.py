"""All bulletins acknowledged in a period: one PDF with a contents page, and a CSV list."""

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from amf.models import Job
from reports.exports import compilation_csv
from reports.models import Bulletin
from reports.pdfs import DOCUMENT_RELATED, compilation_pdf
from tests.factories import (
    BulletinFactory,
    FollowUpActionFactory,
    ForumFactory,
    SuperuserFactory,
)
from tests.reports.pdftools import pdf_info, pdf_reading

pytestmark = pytest.mark.django_db
BANGKOK = ZoneInfo("Asia/Bangkok")


def acknowledged_on(moment: dt.datetime, **kwargs) -> Bulletin:
    return BulletinFactory(
        status=Bulletin.Status.ACKNOWLEDGED,
        submitted_at=moment - dt.timedelta(days=1),
        acknowledged_at=moment,
        **kwargs,
    )


def compiled(start, end):
    return (
        Bulletin.objects.acknowledged_between(start, end)
        .select_related(*DOCUMENT_RELATED)
        .with_follow_up_counts()
    )


def test_the_period_runs_from_the_first_to_the_last_bangkok_day_inclusive():
    # 23:30 on 31 August in Bangkok is still 31 August, though 16:30 UTC.
    late_in_august = acknowledged_on(dt.datetime(2019, 8, 31, 23, 30, tzinfo=BANGKOK))
    # 00:30 on 1 September in Bangkok is 31 August in UTC, yet belongs to September.
    early_september = acknowledged_on(dt.datetime(2019, 9, 1, 0, 30, tzinfo=BANGKOK))
    acknowledged_on(dt.datetime(2019, 10, 1, 0, 0, tzinfo=BANGKOK))
    BulletinFactory()  # a draft is never compiled

    september = list(
        Bulletin.objects.acknowledged_between(dt.date(2019, 9, 1), dt.date(2019, 9, 30))
    )
    august = list(Bulletin.objects.acknowledged_between(dt.date(2019, 8, 1), dt.date(2019, 8, 31)))

    assert september == [early_september]
    assert august == [late_in_august]


def test_a_published_bulletin_still_counts_as_acknowledged_in_its_period():
    published = BulletinFactory(published=True)

    assert list(
        Bulletin.objects.acknowledged_between(dt.date(2019, 9, 3), dt.date(2019, 9, 3))
    ) == [published]


def test_the_compiled_pdf_has_a_contents_page_listing_every_bulletin_with_its_page():
    first = acknowledged_on(dt.datetime(2019, 9, 2, 10, tzinfo=BANGKOK), title_th="รายงานฉบับแรก")
    second = acknowledged_on(dt.datetime(2019, 9, 5, 10, tzinfo=BANGKOK), title_th="รายงานฉบับที่สอง")

    pdf = compilation_pdf(
        list(compiled(dt.date(2019, 9, 1), dt.date(2019, 9, 30))),
        start=dt.date(2019, 9, 1),
        end=dt.date(2019, 9, 30),
        language="th",
    )

    text = pdf_reading(pdf)
    contents = text.split("สารบัญ", 1)[1]
    assert "1. รายงานฉบับแรก" in contents
    assert "2. รายงานฉบับที่สอง" in contents
    assert "รายงานที่ได้รับทราบระหว่างวันที่ 1 – 30 กันยายน 2562" in text
    # Cover, contents, then each bulletin from a page of its own.
    assert int(pdf_info(pdf)["Pages"]) >= 4
    assert text.count("1. ชื่อการประชุม/หัวข้อการหารือ") == 2
    assert text.index(first.title_th, text.index("สารบัญ") + 200) < text.rindex(second.title_th)


def test_the_csv_has_one_row_per_bulletin_with_its_follow_up_counts():
    forum = ForumFactory(start_date=dt.date(2019, 8, 26), end_date=dt.date(2019, 8, 28))
    bulletin = acknowledged_on(dt.datetime(2019, 9, 2, 10, tzinfo=BANGKOK), forum=forum)
    FollowUpActionFactory(bulletin=bulletin, forum=forum, status="open")
    FollowUpActionFactory(bulletin=bulletin, forum=forum, status="open")
    FollowUpActionFactory(
        bulletin=bulletin, forum=forum, status="done", completed_on=dt.date(2019, 9, 9)
    )
    acknowledged_on(dt.datetime(2019, 9, 3, 10, tzinfo=BANGKOK))

    content = compilation_csv(
        compiled(dt.date(2019, 9, 1), dt.date(2019, 9, 30)), language="en"
    ).decode()

    assert content.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(content.lstrip("\ufeff"))))
    assert len(rows) == 2
    row = rows[0]
    assert row["Forum"] == forum.title_en
    assert row["Dates"] == "26 – 28 August 2019"
    assert row["Venue"] == f"{forum.venue.name_en}, Bangkok"
    assert row["Mission group"] == "Administration and management"
    with translation.override("en"):
        assert row["Reporter"] == bulletin.reporter.full_name
    assert row["Status"] == "Acknowledged"
    assert row["Acknowledged on"] == "2 September 2019"
    assert (row["Follow-up actions"], row["Open"], row["Done"], row["Dropped"]) == (
        "3",
        "2",
        "1",
        "0",
    )


def test_the_thai_csv_writes_buddhist_era_dates_and_thai_headers():
    acknowledged_on(dt.datetime(2019, 9, 2, 10, tzinfo=BANGKOK))

    content = compilation_csv(
        compiled(dt.date(2019, 9, 1), dt.date(2019, 9, 30)), language="th"
    ).decode()

    header, row = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert header[:3] == ["รายงานสรุปผลการประชุม", "การประชุม", "วันที่"]
    assert row[2] == "26 – 28 สิงหาคม 2562"


@pytest.mark.parametrize(("fmt", "content_type"), [("pdf", "application/pdf"), ("csv", "text/csv")])
def test_staff_compile_from_the_admin(admin_client, fmt, content_type):
    acknowledged_on(dt.datetime(2019, 9, 2, 10, tzinfo=BANGKOK))
    with translation.override("en"):
        url = reverse("admin:reports_bulletin_compile")

    response = admin_client.get(
        url, {"start": "2019-09-01", "end": "2019-09-30", "language": "th", "format": fmt}
    )

    assert response["Content-Type"].startswith(content_type)
    assert f"bulletins-20190901-20190930-th.{fmt}" in response["Content-Disposition"]


def test_the_admin_compile_form_names_a_reversed_range(admin_client):
    with translation.override("en"):
        url = reverse("admin:reports_bulletin_compile")

    response = admin_client.get(
        url, {"start": "2019-09-30", "end": "2019-09-01", "language": "th", "format": "pdf"}
    )

    assert response.status_code == 200
    assert "The end date is before the start date." in response.content.decode()


def test_the_compile_command_writes_pdf_or_csv(tmp_path):
    acknowledged_on(dt.datetime(2019, 9, 2, 10, tzinfo=BANGKOK))
    out = open("/dev/null", "w")  # noqa: SIM115

    call_command(
        "compile_bulletins", "2019-09-01", "2019-09-30", "-o", str(tmp_path / "b.csv"), stdout=out
    )
    call_command(
        "compile_bulletins", "2019-09-01", "2019-09-30", "-o", str(tmp_path / "b.pdf"), stdout=out
    )

    assert len((tmp_path / "b.csv").read_text(encoding="utf-8").splitlines()) == 2
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF")
    with pytest.raises(CommandError, match="not a date"):
        call_command("compile_bulletins", "2019-13-01", "2019-09-30", "-o", str(tmp_path / "c.pdf"))


def test_many_bulletins_are_compiled_in_the_background_after_a_confirmation(
    client, settings, run_jobs
):
    settings.JOBS_INLINE_MAX_BULLETINS = 1
    for day in (2, 3):
        acknowledged_on(dt.datetime(2019, 9, day, 10, tzinfo=BANGKOK))
    user = SuperuserFactory()
    client.force_login(user)
    with translation.override("en"):
        url = reverse("admin:reports_bulletin_compile")
    params = {"start": "2019-09-01", "end": "2019-09-30", "language": "en", "format": "csv"}

    offer = client.get(url, params)
    assert "2 bulletins were acknowledged in this period" in offer.content.decode()
    assert not Job.objects.exists()

    response = client.post(url, params)
    job = Job.objects.get()
    assert response["Location"].endswith(f"/amf/job/{job.pk}/change/")
    run_jobs()

    job.refresh_from_db()
    assert job.state == "succeeded"
    download = client.get(reverse("admin:amf_job_download", args=[job.pk]))
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 3
    assert "bulletins-20190901-20190930-en.csv" in download["Content-Disposition"]


def test_a_compilation_job_makes_a_pdf_in_thai(client, settings, run_jobs):
    settings.JOBS_INLINE_MAX_BULLETINS = 0
    acknowledged_on(dt.datetime(2019, 9, 2, 10, tzinfo=BANGKOK))
    user = SuperuserFactory()
    client.force_login(user)
    with translation.override("th"):
        url = reverse("admin:reports_bulletin_compile")

    client.post(
        url, {"start": "2019-09-01", "end": "2019-09-30", "language": "th", "format": "pdf"}
    )
    run_jobs()

    job = Job.objects.get()
    assert job.state == "succeeded"
    assert job.language == "th"
    assert bytes(job.file.data).startswith(b"%PDF")
    assert job.file.name == "bulletins-20190901-20190930-th.pdf"
