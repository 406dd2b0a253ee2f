"""Time 300 tent place cards made by the background job, and the seating plan they come from.

What it measures, on the demo forum with 300 more delegates (Thai and English names, a
delegation each): proposing the opening session's seating plan from precedence (300 people
in rows of 20), then the place cards of everyone seated, made as the plan page makes them
when there are many: a job started with `participations_export_start` and run by the
worker's own `job_run`, which renders the PDF (300 A4 pages, each name twice) and attaches
it to the job. The first job also loads the fonts; the figure is the median of the runs after
it. Goal: under 60 s for 300 cards on a 2-core machine.

`BENCH_CARDS` (default 300) sets how many delegates; `BENCH_ROUNDS` (default 2) the runs.
The work runs in a child process on the benchmark's own PostgreSQL database
(`amf_bench_seating`, recreated each run: migrated, demo loaded, delegates added).
"""

import os
import statistics
import subprocess
import sys
import time

from bench._support import ROOT, bench_database, production_env

CARDS = int(os.environ.get("BENCH_CARDS", "300"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
GOAL = 60.0

THAI_GIVEN = ["สมชาย", "สมหญิง", "วรณัน", "อัศวิน", "ปิยะ", "กมล", "อรุณ", "สุดา", "ชัยวัฒน์", "นภา"]
THAI_FAMILY = ["ใจดี", "ธรรมโชติ", "ขวัญเมือง", "ศรีสุข", "วงศ์ไทย", "ทองดี", "แก้วมณี", "บุญมา"]
GIVEN = ["Anh", "Budi", "Siti", "Maria", "Jose", "Nguyen", "Aung", "Sokha", "Lina", "Kim"]
FAMILY = ["Tran", "Santoso", "Rahman", "Cruz", "Reyes", "Win", "Chan", "Lim", "Tan", "Le"]


def main() -> None:
    """Run the measurements in a child process on the benchmark's own database."""
    url, description = bench_database("amf_bench_seating")
    env = production_env(url, DJANGO_SETTINGS_MODULE="amf.settings")
    print(f"database: {description} (recreated)", flush=True)
    subprocess.run(
        [sys.executable, "-m", "bench.seating", "--worker"], cwd=ROOT, env=env, check=True
    )


def worker() -> None:
    """Set up the data and time the plan and the cards (run by main() in a child process)."""
    import django

    django.setup()
    from django.core.management import call_command

    from amf.jobs.runner import job_run
    from amf.models import Job
    from delegates.jobs import participations_export_start
    from delegates.models import Organisation, Participation, Person, SeatingPlan
    from delegates.services.seating import seating_plan_propose
    from events.models import Forum

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    forum = Forum.objects.get(slug="amf-2019")
    session = forum.sessions.get(title_en="Opening address")
    cities = Organisation.objects.bulk_create(
        Organisation(
            name_th=f"เมือง {n}", name_en=f"City {n}", acronym=f"C{n}", kind="local_government"
        )
        for n in range(30)
    )
    people = Person.objects.bulk_create(
        Person(
            honorific_th="นาย",
            honorific_en="Mr.",
            first_name_th=f"{THAI_GIVEN[n % 10]}{n}",
            last_name_th=THAI_FAMILY[n % 8],
            first_name_en=f"{GIVEN[n % 10]}{n}",
            last_name_en=FAMILY[(n // 10) % 10],
        )
        for n in range(CARDS)
    )
    Participation.objects.bulk_create(
        Participation(
            forum=forum,
            person=person,
            role="delegate",
            registration_status="confirmed",
            precedence=100 + n,
            delegation=cities[n % 30],
        )
        for n, person in enumerate(people)
    )
    plan = SeatingPlan.objects.get(session=session)
    plan.row_width = 20
    start = time.perf_counter()
    seating_plan_propose(plan=plan)
    seated = plan.seats.occupied().count()
    print(f"seating plan proposed: {seated} people seated in {time.perf_counter() - start:.2f} s")

    times = []
    for round_ in range(ROUNDS + 1):
        job = participations_export_start(
            user=None,
            participations=Participation.objects.filter(seats__plan=plan),
            output="place_cards",
            plan=plan,
        )
        start = time.perf_counter()
        job_run(job.pk)
        elapsed = time.perf_counter() - start
        job = Job.objects.select_related("file").get(pk=job.pk)
        assert job.state == "succeeded", job.message
        size = job.file.size // 1024
        if round_ == 0:
            print(f"first job (loads fonts): {elapsed:.2f} s, {seated} cards, {size} KiB")
        else:
            times.append(elapsed)
    median = statistics.median(times)
    runs = ", ".join(f"{t:.2f}" for t in times)
    verdict = "ok" if median < GOAL else "TOO SLOW"
    print(
        f"{seated} place cards (job, A4 tent cards): median {median:.2f} s over {len(times)} "
        f"runs ({runs}); {median / seated * 1000:.0f} ms a card; goal < {GOAL:.0f} s: {verdict}",
        flush=True,
    )


if __name__ == "__main__":
    if "--worker" in sys.argv:
        worker()
    else:
        main()
