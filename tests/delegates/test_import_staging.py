"""The admin's delegate import in the background: upload, preview job, confirmation, import job.

The uploaded file waits in the database, bound to the forum and the user of the upload; the
preview and the import read both from there, never from a form.
"""

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone, translation

from amf.models import Job
from delegates.models import Participation, StagedImport
from delegates.services.staging import (
    IMPORT,
    KEPT_PER_USER,
    PREVIEW,
    staged_import_create,
)
from tests.factories import ForumFactory, StagedImportFactory, SuperuserFactory

pytestmark = pytest.mark.django_db

GOOD = "first_name_en,first_name_th,country\nAnh,อาน,VN\n".encode()
EXPIRED = "The uploaded file has expired; upload it again."


def import_url(language="en"):
    with translation.override(language):
        return reverse("admin:delegates_participation_import")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def job_of(response) -> Job:
    """The job a response sent its user to."""
    assert response.status_code == 302, response.content.decode()[:500]
    match = resolve(response["Location"])
    assert match.url_name == "amf_job_change", response["Location"]
    return Job.objects.get(pk=match.kwargs["object_id"])


def upload(client, forum, content=GOOD, name="delegates.csv"):
    file = io.BytesIO(content)
    file.name = name
    return client.post(import_url(), {"forum": forum.pk, "file": file})


def previewed(client, forum, run_jobs, content=GOOD) -> Job:
    preview = job_of(upload(client, forum, content))
    run_jobs()
    preview.refresh_from_db()
    return preview


def confirm(client, preview: Job, *, follow=False, **extra):
    return client.post(import_url(), {"job": preview.pk, **extra}, follow=follow)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def forum():
    return ForumFactory()


@pytest.fixture
def registrar():
    return SuperuserFactory()


def test_an_upload_is_kept_for_its_uploader_and_forum_and_previewed_in_the_background(
    registrar, forum, run_jobs
):
    response = upload(signed_in(registrar), forum)

    job = job_of(response)
    staged = StagedImport.objects.get()
    assert (staged.user, staged.forum, staged.name) == (registrar, forum, "delegates.csv")
    assert bytes(staged.data) == GOOD
    assert (job.kind, job.state, job.user, job.forum) == (PREVIEW, "queued", registrar, forum)
    assert job.params == {"staged_import": staged.pk}

    assert run_jobs() == 1

    job.refresh_from_db()
    assert job.state == "succeeded"
    assert job.outcome["summary"]["create"] == 1
    assert job.outcome["rows"][0]["name"] == "Anh"  # in the language of the upload
    assert not Participation.objects.exists()


def test_the_preview_page_shows_what_the_import_would_do_and_a_confirm_button(
    registrar, forum, run_jobs
):
    client = signed_in(registrar)
    preview = previewed(client, forum, run_jobs)

    page = client.get(reverse("admin:amf_job_change", args=[preview.pk])).content.decode()

    assert "Importing into" in page or "นำเข้า" in page
    assert f'name="job" value="{preview.pk}"' in page
    assert 'name="forum"' not in page


def test_confirming_imports_in_a_second_job_and_then_forgets_the_file(registrar, forum, run_jobs):
    client = signed_in(registrar)
    preview = previewed(client, forum, run_jobs)

    job = job_of(confirm(client, preview))
    assert job.kind == IMPORT
    assert not Participation.objects.exists()
    run_jobs()

    job.refresh_from_db()
    assert job.state == "succeeded"
    assert Participation.objects.get(forum=forum).person.first_name_th == "อาน"
    assert not StagedImport.objects.exists()
    assert job.outcome["summary"]["create"] == 1


def test_the_confirmation_may_reach_another_app_server_in_another_session(
    registrar, forum, run_jobs
):
    preview = previewed(signed_in(registrar), forum, run_jobs)

    # A fresh client shares no session and no local files with the first one.
    job_of(confirm(signed_in(registrar), preview))
    run_jobs()

    assert Participation.objects.get(forum=forum).person.first_name_th == "อาน"


def test_the_forum_of_the_confirmation_is_the_uploads_whatever_the_form_says(
    registrar, forum, run_jobs
):
    other = ForumFactory()
    client = signed_in(registrar)
    preview = previewed(client, forum, run_jobs)

    job_of(confirm(client, preview, forum=other.pk))
    run_jobs()

    assert Participation.objects.filter(forum=forum).count() == 1
    assert not Participation.objects.filter(forum=other).exists()


def test_confirming_twice_imports_once(registrar, forum, run_jobs):
    client = signed_in(registrar)
    preview = previewed(client, forum, run_jobs)

    first = job_of(confirm(client, preview))
    second = job_of(confirm(client, preview))
    run_jobs()
    third = job_of(confirm(client, preview))

    assert first == second == third
    assert Job.objects.filter(kind=IMPORT).count() == 1
    assert Participation.objects.filter(forum=forum).count() == 1


def test_another_user_can_neither_see_nor_confirm_someone_elses_preview(registrar, forum, run_jobs):
    preview = previewed(signed_in(registrar), forum, run_jobs)
    intruder = signed_in(SuperuserFactory(username="intruder"))

    response = confirm(intruder, preview, follow=True)

    assert EXPIRED in messages_of(response)
    assert not Job.objects.filter(kind=IMPORT).exists()
    assert StagedImport.objects.filter(user=registrar).exists()
    job_of(confirm(signed_in(registrar), preview))
    run_jobs()
    assert Participation.objects.exists()


def test_a_preview_that_found_problems_cannot_be_confirmed(registrar, forum, run_jobs):
    client = signed_in(registrar)
    preview = previewed(client, forum, run_jobs, b"first_name_en,country\nAnn,Atlantis\n")

    response = confirm(client, preview, follow=True)

    assert preview.state == "succeeded"
    assert preview.outcome["issues_total"] == 1
    assert "Atlantis" in preview.outcome["issues"][0]
    assert EXPIRED in messages_of(response)
    assert not Participation.objects.exists()


def test_a_file_older_than_its_lifetime_is_refused_as_expired(registrar, forum, run_jobs, settings):
    client = signed_in(registrar)
    preview = previewed(client, forum, run_jobs)
    StagedImport.objects.update(
        created_at=timezone.now() - dt.timedelta(hours=settings.JOBS_RESULT_HOURS, minutes=1)
    )

    response = confirm(client, preview, follow=True)

    assert EXPIRED in messages_of(response)
    assert not Participation.objects.exists()


def test_a_made_up_preview_is_refused_as_expired(registrar, forum):
    response = signed_in(registrar).post(import_url(), {"job": "999999"}, follow=True)
    nonsense = signed_in(registrar).post(import_url(), {"job": "x" * 100}, follow=True)

    assert EXPIRED in messages_of(response)
    assert EXPIRED in messages_of(nonsense)
    assert not Participation.objects.exists()


def test_a_failed_import_keeps_the_file_so_that_it_can_be_tried_again(registrar, forum, run_jobs):
    client = signed_in(registrar)
    preview = previewed(client, forum, run_jobs)
    job = job_of(confirm(client, preview))
    # Between the preview and the import, the country the file names disappears.
    from delegates.models import Country

    vietnam = Country.objects.get(code="VN")
    vietnam_name = vietnam.name_en
    vietnam.code, vietnam.name_en, vietnam.name_th = "XV", "Nowhere", "ไม่มี"
    vietnam.save()
    run_jobs()

    job.refresh_from_db()
    assert job.state == "failed"
    assert "Nothing was imported" in job.message or "ไม่ได้นำเข้า" in job.message
    assert any("VN" in error for error in job.errors)
    assert StagedImport.objects.filter(pk=job.params["staged_import"]).exists()
    assert not Participation.objects.exists()

    vietnam.code, vietnam.name_en = "VN", vietnam_name
    vietnam.save()
    client.post(reverse("admin:amf_job_retry", args=[job.pk]))
    run_jobs()

    job.refresh_from_db()
    assert job.state == "succeeded"
    assert Participation.objects.filter(forum=forum).count() == 1


def test_staging_a_file_deletes_every_expired_one(registrar, forum, settings):
    lifetime = dt.timedelta(hours=settings.JOBS_RESULT_HOURS)
    old = StagedImportFactory(created_at=timezone.now() - lifetime - dt.timedelta(hours=1))
    recent = StagedImportFactory(created_at=timezone.now() - dt.timedelta(minutes=5))

    new = staged_import_create(user=registrar, forum=forum, name="list.csv", data=GOOD)

    assert set(StagedImport.objects.all()) == {recent, new}
    assert not StagedImport.objects.filter(pk=old.pk).exists()


def test_a_user_keeps_only_their_latest_files(registrar, forum):
    someone_else = StagedImportFactory()
    staged = [
        staged_import_create(user=registrar, forum=forum, name=f"{n}.csv", data=GOOD)
        for n in range(KEPT_PER_USER + 2)
    ]

    kept = set(StagedImport.objects.filter(user=registrar))

    assert kept == set(staged[-KEPT_PER_USER:])
    assert StagedImport.objects.filter(pk=someone_else.pk).exists()


def test_a_preview_whose_file_was_dropped_fails_saying_to_upload_again(registrar, forum, run_jobs):
    client = signed_in(registrar)
    job = job_of(upload(client, forum))
    StagedImport.objects.all().delete()

    run_jobs()

    job.refresh_from_db()
    assert job.state == "failed"
    assert "Upload it again" in job.message or "อัปโหลด" in job.message


def test_the_admin_lists_staged_files_without_their_contents(registrar):
    staged = StagedImportFactory(data=b"first_name_en,email\nAnh,secret@example.org\n")
    client = signed_in(registrar)

    listing = client.get(reverse("admin:delegates_stagedimport_changelist"))
    page = client.get(reverse("admin:delegates_stagedimport_change", args=[staged.pk]))

    assert staged.name in listing.content.decode()
    assert "secret@example.org" not in page.content.decode()
    assert staged.token not in page.content.decode()
    assert client.get(reverse("admin:delegates_stagedimport_add")).status_code == 403
