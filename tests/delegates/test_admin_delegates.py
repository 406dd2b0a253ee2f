"""The participation admin: bulk actions, exports, printouts, contact details and import."""

import csv
import io
import subprocess
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from amf.models import Job
from delegates.models import ExportLog, Participation, Person
from tests.factories import (
    ForumFactory,
    ParticipationFactory,
    PersonFactory,
    SuperuserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:delegates_participation_changelist"
IMPORT = "admin:delegates_participation_import"
PARTICIPATION_PERMISSIONS = [
    "view_participation",
    "change_participation",
    "add_participation",
]


def url(name, *args, language="th"):
    with translation.override(language):
        return reverse(name, args=args)


def staff(client, *codenames):
    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client.force_login(user)
    return user


def run_action(client, action, participations, **extra):
    return client.post(
        url(CHANGELIST),
        {
            "action": action,
            "_selected_action": [p.pk for p in participations],
            "index": 0,
            **extra,
        },
    )


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_fonts(data: bytes, tmp_path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout


def assert_sarabun_embedded(fonts: str):
    sarabun = [line.split() for line in fonts.splitlines() if "Sarabun" in line]
    assert sarabun
    # Columns: name, type (two words), encoding, emb, sub, uni, object id, generation.
    assert all(line[-5] == "yes" and line[-3] == "yes" for line in sarabun)


@pytest.fixture
def forum():
    return ForumFactory()


@pytest.fixture
def delegates(forum):
    return [
        ParticipationFactory(
            forum=forum,
            precedence=n,
            registration_status=Participation.RegistrationStatus.INVITED,
        )
        for n in range(3)
    ]


def test_registration_status_is_changed_in_bulk_from_the_list(admin_client, delegates):
    response = run_action(admin_client, "mark_confirmed", delegates[:2])

    assert response.status_code == 302
    statuses = [Participation.objects.get(pk=p.pk).registration_status for p in delegates]
    assert statuses == ["confirmed", "confirmed", "invited"]


def test_badges_are_recorded_as_issued_in_bulk_with_the_time(admin_client, delegates):
    run_action(admin_client, "issue_badges", delegates[1:])

    issued = {
        p.pk: (p.badge_issued, p.badge_issued_at is not None) for p in Participation.objects.all()
    }
    assert issued == {
        delegates[0].pk: (False, False),
        delegates[1].pk: (True, True),
        delegates[2].pk: (True, True),
    }
    run_action(admin_client, "withdraw_badges", delegates[1:2])
    assert not Participation.objects.get(pk=delegates[1].pk).badge_issued


def test_staff_who_may_only_view_cannot_change_statuses_in_bulk(client, delegates):
    staff(client, "view_participation")

    response = run_action(client, "mark_cancelled", delegates)

    # The action is not offered, and posting it anyway is refused.
    assert response.status_code == 403
    assert not Participation.objects.filter(registration_status="cancelled").exists()


def test_changelist_runs_the_same_queries_for_few_or_many_rows(
    admin_client, forum, django_assert_num_queries
):
    ParticipationFactory.create_batch(2, forum=forum)
    changelist = url(CHANGELIST)

    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(changelist).status_code == 200
    ParticipationFactory.create_batch(20, forum=forum)

    with django_assert_num_queries(len(few.captured_queries)):
        assert admin_client.get(changelist).status_code == 200


def test_staff_without_the_contact_permission_see_no_contact_columns(client, delegates):
    staff(client, "view_participation")

    response = client.get(url(CHANGELIST))

    assert delegates[0].person.email not in response.content.decode()


def test_staff_with_the_contact_permission_see_contact_columns(client, delegates):
    staff(client, "view_participation", "view_contact_details")

    response = client.get(url(CHANGELIST))

    assert delegates[0].person.email in response.content.decode()


def exported_rows(response) -> list[dict]:
    data = b"".join(response.streaming_content)
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_an_export_without_the_export_permission_has_no_contact_details(client, delegates):
    user = staff(client, "view_participation", "view_contact_details")

    rows = exported_rows(run_action(client, "export_csv", delegates))

    assert len(rows) == 3
    assert "email" not in rows[0] and "phone" not in rows[0]
    log = ExportLog.objects.get()
    assert (log.user, log.includes_contact_details, log.row_count) == (user, False, 3)


def test_an_export_with_the_export_permission_has_contact_details_and_is_logged(
    client, forum, delegates
):
    user = staff(client, "view_participation", "view_contact_details", "export_contact_details")

    rows = exported_rows(run_action(client, "export_csv", delegates))

    assert [row["email"] for row in rows] == [p.person.email for p in delegates]
    log = ExportLog.objects.get()
    assert (log.user, log.forum, log.includes_contact_details) == (user, forum, True)


def test_an_xlsx_export_from_the_list_is_a_workbook(admin_client, delegates):
    response = run_action(admin_client, "export_xlsx", delegates)

    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert sheet.max_row == 4
    assert ExportLog.objects.get().kind == ExportLog.Kind.DELEGATES_XLSX


def test_the_export_log_is_visible_to_staff_but_cannot_be_edited(admin_client, delegates):
    run_action(admin_client, "export_csv", delegates)
    log = ExportLog.objects.get()

    listing = admin_client.get(url("admin:delegates_exportlog_changelist"))
    change = admin_client.post(url("admin:delegates_exportlog_change", log.pk), {"row_count": 0})
    delete = admin_client.post(url("admin:delegates_exportlog_delete", log.pk), {"post": "yes"})

    assert listing.status_code == 200
    assert delete.status_code == 403
    assert change.status_code in (302, 403)
    assert ExportLog.objects.get().row_count == 3


@pytest.mark.parametrize(("action", "pages"), [("badges_a6", 2), ("badges_a4", 1)])
def test_name_badges_carry_both_names_position_organisation_country_and_role_in_sarabun(
    admin_client, forum, tmp_path, action, pages
):
    aswin = ParticipationFactory(
        forum=forum,
        role=Participation.Role.HOST,
        person__honorific_th="พลตำรวจเอก",
        person__first_name_th="อัศวิน",
        person__last_name_th="ขวัญเมือง",
        person__honorific_en="Pol. Gen.",
        person__first_name_en="Aswin",
        person__last_name_en="Kwanmuang",
        person__position_th="ผู้ว่าราชการกรุงเทพมหานคร",
        person__position_en="Governor of Bangkok",
        person__organisation__name_th="กรุงเทพมหานคร",
        person__organisation__name_en="Bangkok Metropolitan Administration",
    )
    other = ParticipationFactory(forum=forum, role=Participation.Role.SPEAKER)

    response = run_action(admin_client, action, [aswin, other])

    assert response["Content-Type"] == "application/pdf"
    pdf = response.getvalue()
    text = pdf_text(pdf, tmp_path)
    for expected in [
        "อัศวิน",
        "ขวัญเมือง",
        "Pol. Gen. Aswin Kwanmuang",
        "Governor of Bangkok",
        "กรุงเทพมหานคร",
        "Bangkok Metropolitan Administration",
        "ไทย",
        "Thailand",
        "เจ้าภาพ",
        "Host",
        "Speaker",
    ]:
        assert expected in text, expected
    assert text.count("\f") == pages
    assert_sarabun_embedded(pdf_fonts(pdf, tmp_path))
    assert ExportLog.objects.get().kind == ExportLog.Kind.BADGES_PDF


def test_the_delegate_list_pdf_is_in_protocol_order(admin_client, forum, tmp_path):
    late = ParticipationFactory(forum=forum, precedence=9, person__first_name_en="Zed")
    first = ParticipationFactory(forum=forum, precedence=1, person__first_name_en="Yan")

    pdf = run_action(admin_client, "list_pdf", [late, first]).getvalue()

    text = pdf_text(pdf, tmp_path)
    assert text.index("Yan") < text.index("Zed")
    assert_sarabun_embedded(pdf_fonts(pdf, tmp_path))


def test_the_delegate_list_csv_is_in_protocol_order_without_contact_details(admin_client, forum):
    late = ParticipationFactory(forum=forum, precedence=9, person__first_name_en="Zed")
    first = ParticipationFactory(forum=forum, precedence=1, person__first_name_en="Yan")

    response = run_action(admin_client, "list_csv", [late, first])

    data = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = data.splitlines()
    assert "Yan" in lines[1] and "Zed" in lines[2]
    assert late.person.email not in data


# The admin's import: upload, preview (a background job), confirm (another).


def upload(client, forum, content: bytes, name="delegates.csv", language="th"):
    file = io.BytesIO(content)
    file.name = name
    return client.post(url(IMPORT, language=language), {"forum": forum.pk, "file": file})


def job_of(response) -> Job:
    assert response.status_code == 302, response.content.decode()[:300]
    return Job.objects.get(pk=resolve(response["Location"]).kwargs["object_id"])


def previewed(client, forum, run_jobs, content: bytes, name="delegates.csv", language="th"):
    """Upload a file, let the worker preview it; return the preview job and its page."""
    job = job_of(upload(client, forum, content, name, language))
    run_jobs()
    job.refresh_from_db()
    with translation.override(language):
        page = client.get(reverse("admin:amf_job_change", args=[job.pk]))
    return job, page.content.decode()


GOOD = "first_name_en,first_name_th,country,email\nAnh,อาน,VN,anh@example.org\n".encode()


def test_the_import_page_previews_then_writes_only_on_confirmation(admin_client, forum, run_jobs):
    preview, page = previewed(admin_client, forum, run_jobs, GOOD)

    assert preview.outcome["summary"]["create"] == 1
    assert "อาน" in page
    assert not Person.objects.filter(email="anh@example.org").exists()

    response = admin_client.post(url(IMPORT), {"job": preview.pk})
    run_jobs()

    assert job_of(response).kind == "delegates.import"
    assert Participation.objects.get(forum=forum).person.first_name_th == "อาน"


def test_a_confirmation_for_a_file_not_uploaded_in_this_session_imports_nothing(
    admin_client, forum
):
    response = admin_client.post(
        url(IMPORT), {"forum": forum.pk, "token": "0" * 32 + ".csv", "name": "x.csv"}
    )

    assert response.status_code == 200  # no file: the form asks for one
    assert not Participation.objects.exists()
    assert not Job.objects.exists()


# Refused on the form, before anything is kept: no file, too big, not CSV or XLSX.
FORM_REFUSALS = [
    (b"", "delegates.csv", "The submitted file is empty."),
    (b"\x89PNG\r\n", "delegates.png", ".csv"),
]
# Refused by the preview job, which reads the file.
PREVIEW_REFUSALS = [
    (b"\n\n", "delegates.csv", "The file is empty."),
    (b"first_name_en,country\n", "delegates.csv", "no delegates"),
    ("first_name_en,country\nJosé,ES\n".encode("latin-1"), "delegates.csv", "Windows-874"),
    (b"this is not a workbook", "delegates.xlsx", "XLSX"),
]
# Read, but with problems in rows: the preview lists them and offers no confirmation.
PREVIEW_PROBLEMS = [
    (b"first_name_en\nAnn\n", "delegates.csv", "country"),
    (b"first_name_en,country\nAnn,Atlantis\n", "delegates.csv", "Atlantis"),
    (b"first_name_en,country,email\nAnn,TH,not-an-email\n", "delegates.csv", "not-an-email"),
    (b"first_name_en,country\nAnn,TH\nAnn,TH\n", "delegates.csv", "row 2"),
]


@pytest.mark.parametrize(("content", "name", "expected"), FORM_REFUSALS)
def test_an_upload_that_cannot_be_a_delegate_list_is_refused_on_the_form(
    admin_client, forum, content, name, expected
):
    response = upload(admin_client, forum, content, name, language="en")

    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not Job.objects.exists()


@pytest.mark.parametrize(("content", "name", "expected"), PREVIEW_REFUSALS)
def test_a_file_that_cannot_be_read_fails_its_preview_with_a_message_and_writes_nothing(
    admin_client, forum, run_jobs, content, name, expected
):
    preview, page = previewed(admin_client, forum, run_jobs, content, name, language="en")

    assert preview.state == "failed"
    assert expected in preview.message
    assert expected in page
    assert 'name="job"' not in page
    assert not Participation.objects.exists()


@pytest.mark.parametrize(("content", "name", "expected"), PREVIEW_PROBLEMS)
def test_a_file_with_bad_rows_gets_a_preview_listing_them_and_no_confirmation(
    admin_client, forum, run_jobs, content, name, expected
):
    preview, page = previewed(admin_client, forum, run_jobs, content, name, language="en")

    assert preview.state == "succeeded"
    assert expected in page
    assert 'name="job"' not in page
    assert "Upload another file" in page
    assert not Participation.objects.exists()


def test_an_upload_over_the_size_limit_is_refused(admin_client, forum, settings):
    settings.IMPORT_MAX_FILE_SIZE = 100

    response = upload(admin_client, forum, GOOD * 10, language="en")

    assert "files up to" in response.content.decode()
    assert not Job.objects.exists()


def test_staff_who_may_not_add_participations_cannot_import(client, forum):
    staff(client, "view_participation", "change_participation")

    assert client.get(url(IMPORT)).status_code == 403
    assert upload(client, forum, GOOD).status_code == 403
    assert client.post(url(IMPORT), {"job": "1"}).status_code == 403


def test_an_import_by_staff_without_the_contact_permission_leaves_contacts_alone(
    client, forum, run_jobs
):
    staff(client, *PARTICIPATION_PERMISSIONS)
    person = PersonFactory(email="old@example.org", first_name_en="Anh", last_name_en="")
    ParticipationFactory(forum=forum, person=person)

    preview, _page = previewed(
        client, forum, run_jobs, b"first_name_en,country,email\nAnh,VN,new@example.org\n"
    )
    client.post(url(IMPORT), {"job": preview.pk})
    run_jobs()

    assert Person.objects.get(pk=person.pk).email == "old@example.org"
    assert "email" in preview.outcome["ignored_columns"]


def test_the_changelist_links_to_import_check_in_and_statistics(admin_client, forum):
    response = admin_client.get(url(CHANGELIST), {"forum__id__exact": forum.pk})

    content = response.content.decode()
    assert f"{url(IMPORT)}?forum={forum.pk}" in content
    assert url("admin:delegates_participation_statistics", forum.pk) in content
    assert url("admin:delegates_participation_check_in") in content


def test_a_superuser_sees_every_page_of_the_participation_admin(client, forum, delegates):
    client.force_login(SuperuserFactory())
    for name, args in [
        (CHANGELIST, ()),
        (IMPORT, ()),
        ("admin:delegates_participation_check_in", ()),
        ("admin:delegates_participation_statistics_forums", ()),
        ("admin:delegates_participation_statistics", (forum.pk,)),
        ("admin:delegates_attendance_changelist", ()),
        ("admin:delegates_exportlog_changelist", ()),
        ("admin:delegates_participation_change", (delegates[0].pk,)),
    ]:
        assert client.get(url(name, *args)).status_code == 200, name


def test_import_problems_are_reported_in_thai_on_the_thai_admin(admin_client, forum, run_jobs):
    _preview, page = previewed(
        admin_client, forum, run_jobs, b"first_name_en,country\nAnn,Atlantis\n"
    )

    assert "แถวที่ 2 คอลัมน์ “country”: ไม่พบประเทศ “Atlantis”" in page


def test_an_xlsx_upload_is_previewed_like_a_csv(admin_client, forum, run_jobs):
    workbook = Workbook()
    workbook.active.append(["first_name_en", "country"])
    workbook.active.append(["Budi", "ID"])
    content = io.BytesIO()
    workbook.save(content)

    preview, _page = previewed(admin_client, forum, run_jobs, content.getvalue(), "delegates.xlsx")

    assert preview.outcome["summary"]["create"] == 1
    assert not Participation.objects.exists()


def test_an_xlsx_upload_that_inflates_too_far_is_refused(admin_client, forum, settings, run_jobs):
    settings.IMPORT_MAX_UNCOMPRESSED_SIZE = 1_000_000
    content = io.BytesIO()
    with zipfile.ZipFile(content, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 5_000_000)

    preview, page = previewed(
        admin_client, forum, run_jobs, content.getvalue(), "bomb.xlsx", language="en"
    )

    assert preview.state == "failed"
    assert "The workbook unpacks to 5 MB" in page
    assert not Participation.objects.exists()


def test_a_huge_range_workbook_fails_its_preview_naming_the_limits(admin_client, forum, run_jobs):
    workbook = Workbook()
    workbook.active["A1"] = "first_name_en"
    workbook.active["XFD1048576"] = "x"
    content = io.BytesIO()
    workbook.save(content)

    preview, page = previewed(
        admin_client, forum, run_jobs, content.getvalue(), "huge.xlsx", language="en"
    )

    assert preview.state == "failed"
    assert "The sheet spans 1,048,576 rows and 16,384 columns" in page


# Large selections: made by a background job, then downloaded from its page.


@pytest.fixture
def many(forum, settings):
    settings.JOBS_INLINE_MAX_ROWS = 2
    return [ParticipationFactory(forum=forum, precedence=n) for n in range(3)]


@pytest.mark.parametrize(
    ("action", "kind", "content_type"),
    [
        ("export_csv", ExportLog.Kind.DELEGATES_CSV, "text/csv"),
        ("export_xlsx", ExportLog.Kind.DELEGATES_XLSX, "application/vnd.openxmlformats"),
        ("list_csv", ExportLog.Kind.LIST_CSV, "text/csv"),
        ("list_pdf", ExportLog.Kind.LIST_PDF, "application/pdf"),
        ("badges_a6", ExportLog.Kind.BADGES_PDF, "application/pdf"),
        ("badges_a4", ExportLog.Kind.BADGES_PDF, "application/pdf"),
    ],
)
def test_a_large_selection_is_made_in_the_background_and_logged_when_made(
    client, forum, many, run_jobs, action, kind, content_type
):
    user = SuperuserFactory()
    client.force_login(user)

    job = job_of(run_action(client, action, many))
    assert not ExportLog.objects.exists()
    run_jobs()

    job.refresh_from_db()
    assert job.state == "succeeded", job.message
    assert set(job.params["participations"]) == {p.pk for p in many}
    log = ExportLog.objects.get()
    assert (log.kind, log.row_count, log.user, log.forum) == (kind, 3, user, forum)
    download = client.get(reverse("admin:amf_job_download", args=[job.pk]))
    assert download["Content-Type"].startswith(content_type)
    assert len(b"".join(download.streaming_content)) > 100


def test_a_large_export_has_contact_details_only_for_those_allowed_to_export_them(
    client, forum, many, run_jobs
):
    for participation in many:
        participation.person.email = f"p{participation.pk}@example.org"
        participation.person.save()
    staff(client, "view_participation", "view_contact_details")

    job = job_of(run_action(client, "export_csv", many))
    run_jobs()

    content = bytes(Job.objects.get(pk=job.pk).file.data).decode("utf-8-sig")
    assert "@example.org" not in content
    assert not ExportLog.objects.get().includes_contact_details


def test_a_small_selection_still_downloads_at_once(admin_client, forum, many):
    response = run_action(admin_client, "list_csv", many[:2])

    assert response["Content-Type"].startswith("text/csv")
    assert not Job.objects.exists()
