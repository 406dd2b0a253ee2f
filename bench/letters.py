"""Time 300 visa support letters issued by the background job, and one letter on its own.

The batch goes through the job's own function (delegates.letter_jobs), as the worker runs
it: numbers taken under the forum's lock, one layout per chunk, each letter's PDF stored,
one record each, and the job's file of all 300. Aim: under 30 s for 300 letters on a
2-core machine (0.1 s a letter), and under 1 s for a single letter.
The work runs in a child process on the benchmark's own PostgreSQL database
(`amf_bench_letters`, recreated each run: migrated, demo loaded, 300 delegates added) with
a temporary folder as the file storage.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

from bench._support import ROOT, bench_database, production_env

COUNT = 300
AIM = {"batch": 30.0, "single": 1.0}


def main() -> None:
    """Run the measurements in a child process on the benchmark's own database."""
    url, description = bench_database("amf_bench_letters")
    media = tempfile.mkdtemp(prefix="amf-bench-letters-")
    env = production_env(url, DJANGO_SETTINGS_MODULE="amf.settings", MEDIA_ROOT=media)
    print(f"database: {description} (recreated); files: {media}", flush=True)
    subprocess.run(
        [sys.executable, "-m", "bench.letters", "--worker"], cwd=ROOT, env=env, check=True
    )


def delegates(forum, count: int) -> list:
    """`count` delegates from ASEAN cities, each with a passport and travel dates."""
    import datetime as dt

    from delegates.models import Country, Participation, Person

    countries = list(Country.objects.asean().exclude(code="TH"))
    people = Person.objects.bulk_create(
        Person(
            honorific_th="นาย",
            honorific_en="Mr.",
            first_name_th=f"ผู้แทน{n:03d}",
            first_name_en=f"Delegate{n:03d}",
            last_name_th="ทดสอบระบบ",
            last_name_en="Benchmark",
            position_th="นายกเทศมนตรี",
            position_en="Mayor",
        )
        for n in range(count)
    )
    return Participation.objects.bulk_create(
        Participation(
            forum=forum,
            person=person,
            role=Participation.Role.DELEGATE,
            precedence=100 + n,
            country=countries[n % len(countries)],
            passport_number=f"B{n:08d}",
            passport_nationality=countries[n % len(countries)],
            passport_expires_on=dt.date(2030, 1, 1),
            arrival_date=forum.start_date - dt.timedelta(days=1),
            departure_date=forum.end_date + dt.timedelta(days=1),
        )
        for n, person in enumerate(people)
    )


def worker() -> None:
    """Set up the data and time the batch and single letters (run by main())."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import translation

    from amf.jobs.runner import job_run
    from amf.models import Job, JobFile
    from delegates.letter_jobs import letters_issue_start
    from delegates.models import IssuedLetter, Participation
    from delegates.services.letters import letter_issue
    from events.models import Forum

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    forum = Forum.objects.get(slug="amf-2019")
    created = delegates(forum, COUNT)
    selection = Participation.objects.filter(pk__in=[p.pk for p in created])

    with translation.override("th"):
        job = letters_issue_start(user=None, participations=selection, kind="visa", language="th")
        start, cpu = time.perf_counter(), time.process_time()
        job_run(job.pk)
        batch = time.perf_counter() - start
        cpu = time.process_time() - cpu
    job.refresh_from_db()
    letters = IssuedLetter.objects.filter(job=job).count()
    file = JobFile.objects.get(job=job)
    assert job.state == Job.State.SUCCEEDED, job.message
    assert letters == COUNT, letters
    verdict = "within aim" if batch < AIM["batch"] else "above aim"
    load = os.getloadavg()[0]
    print(
        f"load average {load:.1f} on {os.cpu_count()} cores; "
        f"{COUNT} visa letters (Thai) by the background job: {batch:.1f} s "
        f"({batch / COUNT * 1000:.0f} ms a letter; processor time {cpu:.1f} s, "
        f"{cpu / COUNT * 1000:.0f} ms a letter); {letters} recorded, one PDF of "
        f"{file.size / 1024 / 1024:.1f} MB; aim {AIM['batch']:.0f} s: {verdict}",
        flush=True,
    )

    singles = []
    for participation in created[:5]:
        started = time.perf_counter()
        letter_issue(participation=participation, kind="invitation", language="en")
        singles.append(time.perf_counter() - started)
    median = statistics.median(singles)
    runs = ", ".join(f"{t:.2f}" for t in singles)
    verdict = "within aim" if median < AIM["single"] else "above aim"
    print(
        f"one letter (English invitation), issued while the user waits: median {median:.2f} s "
        f"over {len(singles)} runs ({runs}); aim {AIM['single']:.0f} s: {verdict}",
        flush=True,
    )


if __name__ == "__main__":
    if "--worker" in sys.argv:
        worker()
    else:
        main()
