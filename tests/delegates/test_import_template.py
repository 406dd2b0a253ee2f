"""The import page says what each column means and offers templates to fill in; after a
refused file, its problems can be downloaded."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve, reverse
from openpyxl import load_workbook

from amf.models import Job
from delegates.import_template import COLUMNS
from delegates.resources import DelegateResource
from delegates.services.imports import delegates_import_plan
from delegates.spreadsheets import read_table
from tests.factories import ForumFactory, SuperuserFactory, UserFactory

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def template(client, file_format: str, language: str = "th"):
    url = reverse("admin:delegates_participation_import_template", args=[file_format])
    return client.get(f"/{language}{url[3:]}")


def test_every_column_of_a_delegate_list_has_a_description():
    columns = DelegateResource(include_contacts=True).columns

    assert sorted(COLUMNS) == sorted(columns)
    assert all(str(COLUMNS[name].meaning).strip() for name in columns)


def test_the_csv_template_is_a_header_and_an_example_row_that_imports_cleanly():
    response = template(signed_in(SuperuserFactory()), "csv")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="delegates-template.csv"'
    content = response.getvalue()
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == DelegateResource(include_contacts=True).columns
    assert len(rows) == 2
    example = dict(zip(rows[0], rows[1], strict=True))
    assert example["first_name_th"] == "สมชาย" and example["role"] == "delegate"
    # Filled in as it comes, it is a file the import takes.
    plan = delegates_import_plan(
        forum=ForumFactory(), table=read_table("delegates-template.csv", content)
    )
    assert plan.issues == []
    assert plan.summary["create"] == 1


def test_the_xlsx_template_describes_every_column_and_the_codes_it_accepts_in_thai():
    content = template(signed_in(SuperuserFactory()), "xlsx").getvalue()

    workbook = load_workbook(io.BytesIO(content))
    delegates, columns = workbook.worksheets
    assert [cell.value for cell in delegates[1]] == DelegateResource().columns
    assert delegates.max_row == 2
    guide = {row[0]: row[1:] for row in columns.iter_rows(min_row=2, values_only=True)}
    assert [cell.value for cell in columns[1]] == ["คอลัมน์", "ความหมาย", "ค่าที่ใช้ได้"]
    assert guide["last_name_th"][0] == "นามสกุลภาษาไทย"
    assert "head_of_delegation (หัวหน้าคณะผู้แทน)" in guide["role"][1]
    assert "cancelled (ยกเลิกการเข้าร่วม)" in guide["registration_status"][1]
    # The import reads the first sheet only: the description is never imported.
    table = read_table("delegates-template.xlsx", content)
    assert len(list(table.rows)) == 1


def test_staff_who_may_not_see_contact_details_get_a_template_without_them():
    registrar_without_contacts = UserFactory(is_staff=True)
    registrar_without_contacts.user_permissions.add(
        *Group.objects.get(name="Registrar").permissions.exclude(
            codename__in=["view_contact_details", "export_contact_details"]
        )
    )

    header = template(signed_in(registrar_without_contacts), "csv").getvalue()

    assert b"first_name_th" in header
    assert b"email" not in header and b"phone" not in header


def test_the_templates_are_for_those_who_may_import():
    viewer = UserFactory(is_staff=True)
    viewer.groups.add(Group.objects.get(name="Viewer"))

    assert template(signed_in(viewer), "csv").status_code == 403
    assert template(signed_in(SuperuserFactory()), "pdf").status_code == 404


def test_the_import_page_lists_each_column_with_its_meaning_and_links_the_templates():
    html = signed_in(SuperuserFactory()).get("/th/admin/delegates/participation/import/")

    page = html.content.decode()
    for name in DelegateResource(include_contacts=True).columns:
        assert f"<code>{name}</code>" in page
    assert "ประเทศที่ผู้เข้าร่วมเป็นผู้แทน" in page
    assert "<code>head_of_delegation</code> หัวหน้าคณะผู้แทน" in page
    assert 'href="/th/admin/delegates/participation/import/template.xlsx"' in page
    assert 'href="/th/admin/delegates/participation/import/template.csv"' in page


def previewed(client, content: bytes, run_jobs):
    """Upload a file and let the worker preview it; return the preview job."""
    response = client.post(
        "/th/admin/delegates/participation/import/",
        {"forum": ForumFactory().pk, "file": SimpleUploadedFile("delegates.csv", content)},
    )
    assert response.status_code == 302
    run_jobs()
    return Job.objects.get(pk=resolve(response["Location"]).kwargs["object_id"])


def problems(client, job, language="th"):
    url = reverse("admin:delegates_participation_import_problems", args=[job.pk])
    return client.get(f"/{language}{url[3:]}")


def test_after_a_refused_file_its_problems_download_as_csv(run_jobs):
    client = signed_in(SuperuserFactory())
    bad = "first_name_th,country,role\nสมชาย,Atlantis,delegate\n,TH,emperor\n".encode()
    job = previewed(client, bad, run_jobs)
    page = client.get(reverse("admin:amf_job_change", args=[job.pk])).content.decode()
    assert reverse("admin:delegates_participation_import_problems", args=[job.pk]) in page

    response = problems(client, job)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert rows[0] == ["แถว", "คอลัมน์", "ปัญหา"]
    assert len(rows[1:]) == job.outcome["issues_total"] >= 3
    assert any(
        row == "2" and column == "country" and "Atlantis" in message
        for row, column, message in rows[1:]
    )


def test_the_problems_of_someone_elses_upload_are_not_found(run_jobs):
    job = previewed(
        signed_in(SuperuserFactory()), b"first_name_en,country\nAnn,Atlantis\n", run_jobs
    )
    registrar = UserFactory(is_staff=True)
    registrar.groups.add(Group.objects.get(name="Registrar"))

    assert problems(signed_in(registrar), job).status_code == 404


def test_a_formula_in_a_problem_is_neutralised_in_the_csv(run_jobs):
    client = signed_in(SuperuserFactory())
    job = previewed(client, b'first_name_en,country\nAnn,"=HYPERLINK(""http://evil"")"\n', run_jobs)

    lines = problems(client, job, language="en").getvalue().decode("utf-8-sig").splitlines()

    assert len(lines) == 2
    assert "=HYPERLINK" in lines[1]
    assert not any(cell.startswith("=") for cell in next(csv.reader([lines[1]])))
