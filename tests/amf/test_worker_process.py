"""Real worker processes: a job survives its worker's death, and `make run` starts the worker.

The workers run the compose `worker` service's own command through the image's entrypoint,
against this test's database, so they need PostgreSQL (an in-memory SQLite test database
cannot be shared with another process).
"""

import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from amf.jobs.services import job_start
from amf.models import Job, WorkerHeartbeat
from delegates.models import Participation
from delegates.services.staging import IMPORT, staged_import_create
from tests.amf.test_deployment import dockerfile_instruction, free_port, service
from tests.amf.test_settings import PROJECT_DIR
from tests.factories import ForumFactory, SuperuserFactory

ROWS = 5000


def worker_command() -> list[str]:
    return json.loads(re.search(r"^    command: (\[.*\])$", service("worker"), re.MULTILINE)[1])


def test_compose_runs_the_worker_from_the_apps_image_once_setup_has_finished():
    worker = service("worker")

    assert "<<: *app" in worker
    assert worker_command() == ["python", "manage.py", "run_worker"]
    assert 'SETUP_ON_START: "0"' in worker
    assert "service_completed_successfully" in worker
    assert "ports:" not in worker and "expose:" not in worker
    assert '["CMD", "python", "manage.py", "run_worker", "--check"]' in worker
    assert "stop_grace_period:" in worker


@pytest.fixture
def database_env(transactional_db, django_db_serialized_rollback):
    """The environment of a process using this test's (committed) database."""
    if connection.vendor != "postgresql":
        pytest.skip("worker processes share the test database, which needs PostgreSQL")
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": (
            f"postgres://{db['USER']}{password}@{db['HOST'] or 'localhost'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "LOG_LEVEL": "WARNING",
    }


def start_worker(env: dict, log: Path) -> subprocess.Popen:
    """The compose worker: the image's entrypoint running the service's command."""
    entrypoint = [arg.replace("/app/", "") for arg in dockerfile_instruction("ENTRYPOINT")]
    with log.open("a") as out:
        return subprocess.Popen(
            [*entrypoint, *worker_command()],
            cwd=PROJECT_DIR,
            env={**env, "SETUP_ON_START": "0"},
            stdout=out,
            stderr=out,
        )


def wait_for(condition, *, seconds: float, what: str, log: Path):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.1)
    jobs = list(Job.objects.values("pk", "state", "progress_done", "message"))
    tasks = list(DBTaskResult.objects.values("status", "worker_ids", "run_after"))
    raise AssertionError(
        f"timed out waiting for {what}; jobs {jobs}, tasks {tasks}:\n{log.read_text()[-3000:]}"
    )


def processes_in_session(session: int) -> list[int]:
    """The ids of the live processes in a session (from /proc, as `pgrep -s` would)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid pgrp session …; comm may hold spaces, so split after it.
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[3]) == session and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def delegate_file() -> bytes:
    lines = ["first_name_en,last_name_en,country,email"]
    lines += [f"Delegate{n},Tester,TH,delegate{n}@example.org" for n in range(ROWS)]
    return "\n".join(lines).encode()


def test_a_job_whose_worker_is_killed_is_finished_by_the_next_worker(database_env, tmp_path):
    user, forum = SuperuserFactory(), ForumFactory()
    staged = staged_import_create(user=user, forum=forum, name="list.csv", data=delegate_file())
    with translation.override("en"):
        job = job_start(
            kind=IMPORT,
            title="Import",
            user=user,
            forum=forum,
            params={"staged_import": staged.pk},
        )
    log = tmp_path / "workers.log"

    first = start_worker(database_env, log)
    try:
        # Killed in the middle of the import's transaction: every row read, none committed.
        wait_for(
            lambda: Job.objects.filter(
                pk=job.pk, state="running", message="Writing the delegates to the database."
            ).exists(),
            seconds=120,
            what="the first worker to be well into the import",
            log=log,
        )
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
    job.refresh_from_db()
    assert job.state == "running"
    assert not Participation.objects.filter(forum=forum).exists()
    assert DBTaskResult.objects.get(id=job.task_id).status == "RUNNING"

    second = start_worker(database_env, log)
    try:
        wait_for(
            lambda: Job.objects.filter(pk=job.pk, state__in=["succeeded", "failed"]).exists(),
            seconds=180,
            what="the second worker to finish the import",
            log=log,
        )
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=60)

    job.refresh_from_db()
    assert job.state == "succeeded", (job.message, log.read_text()[-3000:])
    assert job.attempts == 2
    assert Participation.objects.filter(forum=forum).count() == ROWS
    task = DBTaskResult.objects.get(id=job.task_id)
    assert task.status == "SUCCESSFUL"
    assert len(task.worker_ids) == 2
    assert second.returncode == 0
    # The stopped worker took its leave; the killed one could not.
    assert list(WorkerHeartbeat.objects.values_list("pid", flat=True)) == [first.pid]


def test_make_run_serves_with_the_worker_beside_it_and_ctrl_c_stops_both(database_env, tmp_path):
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        make = subprocess.Popen(
            ["make", "serve", f"PORT={port}", "HOST=127.0.0.1"],
            cwd=PROJECT_DIR,
            env={**database_env, "MAKEFLAGS": ""},
            stdout=out,
            stderr=out,
            # Its own process group, as a terminal's foreground job has: Ctrl-C signals it all.
            start_new_session=True,
        )
    group = os.getpgid(make.pid)

    def server_answers():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as page:
                return page.status == 200
        except OSError:
            return False

    try:
        wait_for(server_answers, seconds=120, what="the development server", log=log)
        wait_for(lambda: WorkerHeartbeat.objects.exists(), seconds=120, what="the worker", log=log)
        os.killpg(group, signal.SIGINT)
        make.wait(timeout=60)

        # Whatever make started is in its session, and nothing of it may be left.
        def still_running():
            return [pid for pid in processes_in_session(group) if pid != make.pid]

        deadline = time.monotonic() + 15
        while (left := still_running()) and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        if make.poll() is None:
            os.killpg(group, signal.SIGKILL)
    assert left == [], log.read_text()[-3000:]
    assert not server_answers()
    assert not WorkerHeartbeat.objects.exists()
