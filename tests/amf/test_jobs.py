"""Background jobs: their pages, who may see them, how they end, retries, and what expires."""

import datetime as dt
import logging
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from amf.jobs.kinds import KINDS, JobProblem, TemporaryProblem, job_kind
from amf.jobs.services import job_attach_file, job_start, jobs_purge, jobs_results_forget
from amf.models import Job, JobFile, WorkerHeartbeat
from delegates.models import StagedImport
from delegates.services.staging import staged_imports_forget
from tests.factories import (
    ForumFactory,
    JobFactory,
    JobFileFactory,
    StagedImportFactory,
    SuperuserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(f"admin:amf_job_{name}", args=args)


def staff_user(role="Viewer", **kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def test_kinds():
    """Kinds of job whose work the test decides, registered only while it runs."""
    calls = []

    def register(name, run, **options):
        job_kind(f"tests.{name}", label=name, **options)(run)
        return f"tests.{name}"

    yield register, calls
    for name in [name for name in KINDS if name.startswith("tests.")]:
        del KINDS[name]


def started(kind: str, user=None, **params) -> Job:
    with translation.override("en"):
        return job_start(kind=kind, title="A test job", user=user, params=params)


def test_a_task_on_the_queue_carries_only_the_jobs_id(test_kinds):
    register, _calls = test_kinds
    kind = register("noop", lambda job, progress: None)

    job = started(kind, count=3)

    task = DBTaskResult.objects.get(id=job.task_id)
    assert task.args_kwargs == {"args": [job.pk], "kwargs": {}}
    assert task.task_path == "amf.jobs.tasks.run_job"
    assert job.state == "queued"


def test_a_job_that_works_ends_done_with_its_message_and_file(test_kinds, run_jobs):
    register, _calls = test_kinds

    def work(job, progress):
        progress.step("Counting.", total=3)
        progress(3, 3)
        job_attach_file(job=job, content=b"a,b\r\n", filename="out.csv", content_type="text/csv")
        job.message = "All counted."

    job = started(register("works", work), user=UserFactory())
    run_jobs()

    job.refresh_from_db()
    assert (job.state, job.message, job.attempts) == ("succeeded", "All counted.", 1)
    assert (job.progress_done, job.progress_total) == (3, 3)
    assert job.finished_at is not None
    assert job.expires_at == job.finished_at + dt.timedelta(hours=24)
    assert bytes(job.file.data) == b"a,b\r\n"


def test_a_job_with_a_problem_fails_with_a_clear_report(test_kinds, run_jobs):
    register, _calls = test_kinds

    def refuse(job, progress):
        raise JobProblem("The file has 2 problems.", errors=["Row 2: bad", "Row 3: worse"])

    job = started(register("refuses", refuse))
    run_jobs()

    job.refresh_from_db()
    assert job.state == "failed"
    assert job.message == "The file has 2 problems."
    assert job.errors == ["Row 2: bad", "Row 3: worse"]
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"


def test_an_unexpected_error_fails_the_job_politely_and_keeps_the_traceback_for_staff(
    test_kinds, run_jobs, client, caplog
):
    register, _calls = test_kinds

    def crash(job, progress):
        raise ZeroDivisionError("the bug")

    owner = SuperuserFactory()
    job = started(register("crashes", crash), user=owner)
    with caplog.at_level(logging.ERROR, logger="amf.jobs"):
        run_jobs()

    job.refresh_from_db()
    assert job.state == "failed"
    assert "unexpected error" in job.message
    assert "the bug" not in job.message
    assert "ZeroDivisionError" in caplog.text
    task = DBTaskResult.objects.get(id=job.task_id)
    assert task.status == "FAILED"
    assert "ZeroDivisionError: the bug" in task.traceback
    client.force_login(owner)
    page = client.get(url("change", job.pk)).content.decode()
    assert "ZeroDivisionError" in page  # superusers see the technical details


def test_a_temporary_problem_is_tried_again_later_then_reported(test_kinds, run_jobs):
    register, calls = test_kinds

    def flaky(job, progress):
        calls.append(job.attempts)
        raise TemporaryProblem("The mail server cannot be reached.")

    job = started(register("flaky", flaky, retry_delays=(60, 300)))
    run_jobs()

    job.refresh_from_db()
    assert job.state == "queued"
    assert "The mail server cannot be reached. It will be tried again in 1 minutes." in job.message
    retry = DBTaskResult.objects.get(id=job.task_id)
    assert retry.run_after > timezone.now() + dt.timedelta(seconds=50)
    assert run_jobs() == 0  # not before its time

    for _attempt in range(2):
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        run_jobs()

    job.refresh_from_db()
    assert calls == [1, 2, 3]
    assert job.state == "failed"
    assert job.message == "The mail server cannot be reached."


def test_a_job_page_follows_the_job_without_inline_script(client, test_kinds):
    register, _calls = test_kinds
    owner = staff_user()
    job = started(register("waits", lambda job, progress: None), user=owner)
    client.force_login(owner)

    page = client.get(url("change", job.pk)).content.decode()

    assert 'src="/static/js/job-progress.js"' in page
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert " style=" not in page
    assert f'data-job-status="{url("status", job.pk)}"' in page
    assert f'href="{url("change", job.pk)}">Refresh</a>' in page
    assert "No background worker is running" in page


def test_the_page_does_not_warn_while_a_worker_is_alive(client, test_kinds):
    register, _calls = test_kinds
    owner = staff_user()
    job = started(register("waits", lambda job, progress: None), user=owner)
    WorkerHeartbeat.objects.create(worker_id="w1", host="elsewhere", pid=1)
    client.force_login(owner)

    page = client.get(url("change", job.pk)).content.decode()

    assert "No background worker is running" not in page


def test_the_status_says_how_far_the_job_got(client):
    job = JobFactory(
        state="running", progress_done=1200, progress_total=10000, message="Checking rows."
    )
    client.force_login(job.user)

    status = client.get(url("status", job.pk)).json()

    assert status == {
        "state": "running",
        "state_label": "Running",
        "finished": False,
        "done": 1200,
        "total": 10000,
        "count": "1,200 of 10,000",
        "message": "Checking rows.",
    }


def test_the_owner_downloads_the_file(client):
    file = JobFileFactory()
    client.force_login(file.job.user)

    response = client.get(url("download", file.job.pk))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == file.data
    assert 'attachment; filename="delegates-2019-08-26.csv"' in response["Content-Disposition"]


@pytest.mark.parametrize("address", ["change", "status", "download", "retry", "history"])
def test_nobody_but_the_owner_and_superusers_reaches_a_job(client, address):
    file = JobFileFactory(job__state="failed" if address == "retry" else "succeeded")
    job = file.job
    method = client.post if address == "retry" else client.get

    client.force_login(staff_user("Registrar"))
    assert method(url(address, job.pk)).status_code == 404
    client.force_login(SuperuserFactory())
    assert method(url(address, job.pk)).status_code in {200, 302}
    client.logout()
    response = method(url(address, job.pk))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("address", ["change", "status", "download"])
def test_a_jobs_page_status_and_file_change_nothing_and_take_no_post(client, address):
    file = JobFileFactory()
    client.force_login(file.job.user)

    assert client.post(url(address, file.job.pk)).status_code == 405
    assert client.get(url(address, file.job.pk)).status_code == 200


def test_each_user_lists_their_own_jobs_and_a_superuser_everyones(client):
    mine = JobFactory(title="Mine")
    theirs = JobFactory(title="Theirs")

    client.force_login(mine.user)
    own_list = client.get(url("changelist")).content.decode()
    client.force_login(SuperuserFactory())
    all_list = client.get(url("changelist")).content.decode()

    assert "Mine" in own_list and "Theirs" not in own_list
    assert "Mine" in all_list and theirs.title in all_list


def test_a_retry_needs_a_post_and_a_failed_job(client, test_kinds, run_jobs):
    register, calls = test_kinds

    def fails_once(job, progress):
        calls.append(job.attempts)
        if len(calls) == 1:
            raise JobProblem("Not yet.")

    owner = staff_user()
    job = started(register("fails_once", fails_once), user=owner)
    run_jobs()
    client.force_login(owner)

    assert client.get(url("retry", job.pk)).status_code == 405
    client.post(url("retry", job.pk))
    run_jobs()

    job.refresh_from_db()
    assert job.state == "succeeded"
    assert job.errors == []
    assert client.post(url("retry", job.pk), follow=True).status_code == 200
    assert Job.objects.get(pk=job.pk).state == "succeeded"


def test_results_holding_personal_data_are_deleted_once_they_expire(settings):
    kept = JobFileFactory()
    expired = JobFileFactory(
        job__outcome={"rows": [{"name": "Anh"}]},
        job__errors=["Row 2, column “email”: “anh@” is not an email address."],
        job__expires_at=timezone.now() - dt.timedelta(minutes=1),
    )

    counts = jobs_purge()

    assert counts["files"] == 1
    assert JobFile.objects.filter(pk=kept.pk).exists()
    job = Job.objects.get(pk=expired.job.pk)
    assert (job.outcome, job.errors, job.expires_at) == ({}, [], None)
    assert not JobFile.objects.filter(job=job).exists()


def test_old_jobs_uploads_and_queue_records_are_forgotten(settings, test_kinds, run_jobs):
    register, _calls = test_kinds
    now = timezone.now()
    old = JobFactory(finished_at=now - dt.timedelta(days=settings.JOBS_HISTORY_DAYS, hours=1))
    recent = JobFactory()
    upload = StagedImportFactory(created_at=now - dt.timedelta(hours=25))
    job = started(register("noop", lambda job, progress: None))
    run_jobs()
    DBTaskResult.objects.update(finished_at=now - dt.timedelta(days=settings.JOBS_HISTORY_DAYS + 1))

    jobs_purge()

    assert not Job.objects.filter(pk=old.pk).exists()
    assert Job.objects.filter(pk=recent.pk).exists()
    assert not type(upload).objects.filter(pk=upload.pk).exists()
    assert not DBTaskResult.objects.filter(id=job.task_id).exists()


def test_every_staff_user_finds_the_job_list_in_the_admin(client):
    client.force_login(staff_user("Editor"))

    with translation.override("en"):
        index = client.get(reverse("admin:index")).content.decode()

    assert url("changelist") in index


def test_an_anonymisation_can_forget_a_forums_job_results_and_uploads_at_once():
    forum = ForumFactory()
    about = JobFileFactory(job__forum=forum, job__outcome={"rows": [{"name": "Anh"}]})
    other = JobFileFactory()
    upload = StagedImportFactory(forum=forum)
    elsewhere = StagedImportFactory()

    assert jobs_results_forget(forum_ids=[forum.pk]) == 1
    assert staged_imports_forget(forum_ids=[forum.pk]) == 1

    job = Job.objects.get(pk=about.job.pk)
    assert (job.outcome, job.expires_at) == ({}, None)
    assert not JobFile.objects.filter(pk=about.pk).exists()
    assert JobFile.objects.filter(pk=other.pk).exists()
    assert not StagedImport.objects.filter(pk=upload.pk).exists()
    assert StagedImport.objects.filter(pk=elsewhere.pk).exists()
