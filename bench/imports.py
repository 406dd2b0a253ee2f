"""The delegate import through the background path: upload, preview job, import job.

For 10,000 and 100,000 generated delegates (CSV), each step runs in a fresh process, so that
its peak resident memory (getrusage's ru_maxrss) is its own: the upload as the web request
does it (staging the file and queueing the preview), the preview job, then the import job,
each run by the worker's single pass. Also: how fast and in how little memory a 5 KB
workbook claiming the whole sheet (A1:XFD1048576) is refused.

Runs against its own PostgreSQL database, `amf_bench_imports`, recreated on every run.
"""

import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench._support import ROOT, bench_database, production_env
from bench.delegates import COUNTRIES, FAMILY, GIVEN, ROLES, THAI_FAMILY, THAI_GIVEN

SIZES = (10_000, 100_000)
BENCH_DB = "amf_bench_imports"
GOAL = "goal for 10,000: 10 s of work and 150 MB"


def write_csv(path: Path, count: int) -> None:
    """A delegate list as an embassy might send it: UTF-8 with BOM, Thai and English names."""
    import csv

    rng = random.Random(2019)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            [
                "honorific_en",
                "first_name_en",
                "last_name_en",
                "first_name_th",
                "last_name_th",
                "position_en",
                "organisation_en",
                "organisation_type",
                "country",
                "email",
                "phone",
                "role",
                "registration_status",
                "consents_to_public_listing",
            ]
        )
        for n in range(count):
            writer.writerow(
                [
                    rng.choice(["Mr.", "Ms.", "Dr."]),
                    f"{rng.choice(GIVEN)}{n}",
                    rng.choice(FAMILY),
                    f"{rng.choice(THAI_GIVEN)}{n}",
                    rng.choice(THAI_FAMILY),
                    "Delegate",
                    f"City Council {n % 400}",
                    "local_government",
                    COUNTRIES[n % len(COUNTRIES)],
                    f"delegate{n}@example.org",
                    f"+66 2 {n:07d}",
                    rng.choice(ROLES),
                    rng.choice(["invited", "registered", "confirmed"]),
                    rng.choice(["yes", "no"]),
                ]
            )


def run(env: dict, *args: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "bench.imports", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"benchmark step {args} failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def report(label: str, figures: dict) -> None:
    print(
        f"{label}: {figures['seconds']:.2f} s, peak memory {figures['peak_mb']:.0f} MB"
        + (f"; {figures['note']}" if figures.get("note") else ""),
        flush=True,
    )


def main() -> None:
    url, description = bench_database(BENCH_DB)
    # The files are larger than the default import limit allows, at 100,000 rows: raise it.
    env = production_env(url, IMPORT_MAX_FILE_SIZE=str(64 * 1024 * 1024))
    print(f"database: {description} (recreated); {GOAL}", flush=True)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    report("5 KB workbook claiming A1:XFD1048576, refused", run(env, "_huge"))
    with tempfile.TemporaryDirectory() as directory:
        for count in SIZES:
            source = Path(directory) / f"delegates-{count}.csv"
            write_csv(source, count)
            print(f"{count:,} delegates: {source.stat().st_size / 1e6:.1f} MB CSV", flush=True)
            report(
                "  upload (the request: stage the file, queue the preview)",
                run(env, "_upload", str(source)),
            )
            report("  preview job", run(env, "_work"))
            report("  confirmation (the request)", run(env, "_confirm"))
            report("  import job", run(env, "_work"))


def _measure(step) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amf.settings")
    django.setup()
    started = time.perf_counter()
    note = step()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "note": note}))


def _user_and_forum():
    from django.contrib.auth import get_user_model

    from bench.delegates import FORUM_SLUG, _forum

    user, _ = get_user_model().objects.get_or_create(
        username="bench", defaults={"is_staff": True, "is_superuser": True}
    )
    forum = _forum()
    assert forum.slug == FORUM_SLUG
    return user, forum


def _upload(path: str) -> None:
    def step():
        from delegates.services.staging import staged_import_preview

        user, forum = _user_and_forum()
        data = Path(path).read_bytes()
        job = staged_import_preview(user=user, forum=forum, name=Path(path).name, data=data)
        return f"job {job.pk} queued"

    _measure(step)


def _confirm() -> None:
    def step():
        from amf.models import Job
        from delegates.services.staging import PREVIEW, staged_import_confirm

        user, _forum = _user_and_forum()
        preview = Job.objects.filter(kind=PREVIEW).latest("pk")
        job = staged_import_confirm(preview=preview, user=user)
        return f"job {job.pk} queued"

    _measure(step)


def _work() -> None:
    def step():
        from amf.jobs.worker import Worker
        from amf.models import Job

        Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            excluded_queue_names=[],
            housekeeping_thread=False,
        ).run()
        job = Job.objects.latest("pk")
        if job.state != "succeeded":
            raise SystemExit(f"job {job.pk} {job.state}: {job.message} {job.errors[:5]}")
        return f"{job.state}: {job.message}"

    _measure(step)


def _huge() -> None:
    def step():
        from openpyxl import Workbook

        from delegates.spreadsheets import FileProblem, read_table

        book = Workbook()
        book.active["A1"] = "first_name_en"
        book.active["XFD1048576"] = "x"
        out = io.BytesIO()
        book.save(out)
        data = out.getvalue()
        started = time.perf_counter()
        try:
            table = read_table("huge.xlsx", data)
            for _row in table.rows:
                pass
        except FileProblem as problem:
            return (
                f"{len(data):,} bytes, refused in {(time.perf_counter() - started) * 1000:.0f} ms: "
                f"{problem.message[:60]}…"
            )
        raise SystemExit("the huge workbook was not refused")

    _measure(step)


if __name__ == "__main__":
    steps = {"_upload": _upload, "_confirm": _confirm, "_work": _work, "_huge": _huge}
    if len(sys.argv) >= 2 and sys.argv[1] in steps:
        steps[sys.argv[1]](*sys.argv[2:])
    else:
        main()
