"""The programme page under gunicorn against a trivial view on the same server, in one run.

Builds a forum of 200 sessions and 400 speakers in its own PostgreSQL database (dropped and
made afresh each run), serves it with gunicorn on 127.0.0.1, and drives both pages with wrk.
Prints requests per second and p50/p95 latency of each, and the ratio of their throughputs.

Environment: BENCH_DATABASE_URL (default: database amf_bench_programme on DATABASE_URL's
server), BENCH_PORT (8350), BENCH_SECONDS per round (8), BENCH_CONNECTIONS (4),
BENCH_WORKERS (gunicorn workers, default: the number of CPUs).
"""

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import dj_database_url

SESSIONS = 200
SPEAKERS = 400
SLUG = "bench-forum"
PROGRAMME = f"/en/forums/{SLUG}/programme/"
TRIVIAL = "/en/bench/trivial/"
# The health check: a trivial view that also asks the database one thing, as the cached
# programme must (its version), shown for context beside the required comparison.
ONE_QUERY = "/healthz"
ROOT = Path(__file__).resolve().parent.parent.parent
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %f %f %f %d %d\\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    errors, summary.requests))
end
"""


def database_url() -> str:
    """The benchmark's own database, on the same server as the application's."""
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        base = "postgres://postgres@127.0.0.1:5432/amf"
    return base.rsplit("/", 1)[0] + "/amf_bench_programme"


def recreate_database(url: str) -> None:
    """Drop the benchmark database if it exists and create it empty."""
    import psycopg

    config = dj_database_url.parse(url)
    name = config["NAME"]
    admin = psycopg.connect(
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        user=config["USER"] or "postgres",
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def environment(url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "amf.bench.settings",
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-not-a-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_COOKIES": "0",
        "LOG_LEVEL": "WARNING",
    }


def build() -> None:
    """Migrate the benchmark database and fill it with a forum of 200 sessions, 400 speakers."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from delegates.models import Organisation, Participation, Person, SessionRole
    from events.models import Forum, ForumSeries, Room, Session, Venue

    series = ForumSeries.objects.create(name_th="การประชุมทดสอบ", name_en="Bench", slug="bench")
    venue = Venue.objects.create(name_th="ศูนย์ประชุม", name_en="Centre", city_en="Bangkok")
    rooms = [
        Room.objects.create(venue=venue, name_th=f"ห้อง {n}", name_en=f"Room {n}")
        for n in range(1, 6)
    ]
    forum = Forum.objects.create(
        series=series,
        edition=1,
        title_th="การประชุมทดสอบสมรรถนะ",
        title_en="Benchmark Forum",
        slug=SLUG,
        start_date=dt.date(2019, 8, 26),
        end_date=dt.date(2019, 8, 29),
        venue=venue,
        is_published=True,
    )
    kinds = list(Session.Kind.values)
    per_day = SESSIONS // 4
    sessions = Session.objects.bulk_create(
        Session(
            forum=forum,
            title_th=f"ช่วงการประชุมที่ {n + 1} ว่าด้วยเมืองยั่งยืน",
            title_en=f"Session {n + 1} on sustainable cities",
            description_th="<p>รายละเอียดของช่วงการประชุม</p>",
            description_en="<p>What the session is about.</p>",
            kind=kinds[n % len(kinds)],
            starts_at=dt.datetime.combine(
                forum.start_date + dt.timedelta(days=n // per_day),
                dt.time(8),
                tzinfo=forum.zone,
            )
            + dt.timedelta(minutes=10 * (n % per_day)),
            ends_at=dt.datetime.combine(
                forum.start_date + dt.timedelta(days=n // per_day),
                dt.time(8, 45),
                tzinfo=forum.zone,
            )
            + dt.timedelta(minutes=10 * (n % per_day)),
            room=rooms[n % len(rooms)],
            order=n,
        )
        for n in range(SESSIONS)
    )
    organisation = Organisation.objects.create(
        name_th="เทศบาลทดสอบ", name_en="Test City", kind=Organisation.Kind.LOCAL_GOVERNMENT
    )
    people = Person.objects.bulk_create(
        Person(
            honorific_th="ดร.",
            honorific_en="Dr.",
            first_name_th=f"วิทยากร{n}",
            first_name_en=f"Speaker{n}",
            last_name_th="ทดสอบ",
            last_name_en="Test",
            position_th="ผู้อำนวยการ",
            position_en="Director",
            organisation=organisation,
        )
        for n in range(SPEAKERS)
    )
    Participation.objects.bulk_create(
        Participation(
            forum=forum,
            person=person,
            role=Participation.Role.SPEAKER,
            registration_status=Participation.RegistrationStatus.CONFIRMED,
            consents_to_public_listing=True,
            precedence=n,
        )
        for n, person in enumerate(people)
    )
    SessionRole.objects.bulk_create(
        SessionRole(session=session, person=people[2 * n + k], role="speaker", order=k)
        for n, session in enumerate(sessions)
        for k in range(2)
    )


def wait_until_up(base: str, server: subprocess.Popen) -> None:
    for _ in range(100):
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped (exit {server.returncode}); see its output above.")
        try:
            urllib.request.urlopen(base + TRIVIAL, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not answer within 20 seconds.")


def run_wrk(url: str, *, seconds: int, connections: int, script: str) -> dict:
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", script, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    rps, p50, p95, errors, requests = line.split()[1:]
    return {
        "rps": float(rps),
        "p50": float(p50),
        "p95": float(p95),
        "errors": int(errors),
        "requests": int(requests),
    }


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def main() -> None:
    """Build the forum, serve it with gunicorn, drive both pages with wrk, print the figures."""
    if not shutil.which("wrk"):
        sys.exit("The programme benchmark needs wrk (apt-get install wrk).")
    url = database_url()
    port = int(os.environ.get("BENCH_PORT", "8350"))
    seconds = int(os.environ.get("BENCH_SECONDS", "8"))
    connections = int(os.environ.get("BENCH_CONNECTIONS", "4"))
    workers = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2)))
    env = environment(url)
    print(f"Building a forum of {SESSIONS} sessions and {SPEAKERS} speakers…", flush=True)
    recreate_database(url)
    subprocess.run(
        [sys.executable, "-m", "amf.bench.programme", "build"], env=env, check=True, cwd=ROOT
    )
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "amf.wsgi",
            "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
            "--log-level", "warning",
        ],
        env=env,
        cwd=ROOT,
    )  # fmt: skip
    try:
        wait_until_up(base, server)
        page = urllib.request.urlopen(base + PROGRAMME, timeout=30).read().decode()
        shown = page.count('class="session ')
        if shown != SESSIONS:
            sys.exit(f"The programme page shows {shown} sessions, not {SESSIONS}.")
        for _ in range(workers * 4):  # let every worker render and cache the page once
            urllib.request.urlopen(base + PROGRAMME, timeout=30).read()
        results = {TRIVIAL: [], ONE_QUERY: [], PROGRAMME: []}
        with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
            script.write(WRK_SCRIPT)
            script.flush()
            # Interleaved rounds, so that a busy moment on the machine hits both alike.
            for _ in range(3):
                for path in results:
                    results[path].append(
                        run_wrk(
                            base + path,
                            seconds=seconds,
                            connections=connections,
                            script=script.name,
                        )
                    )
    finally:
        server.terminate()
        server.wait(timeout=20)
    summary = {}
    print(
        f"gunicorn: {workers} sync workers; wrk: {connections} connections, "
        f"3 interleaved rounds of {seconds} s per page; medians shown."
    )
    print(f"{'page':<52} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    rows = (
        ("trivial view", TRIVIAL),
        ("one-query view", ONE_QUERY),
        (f"programme ({len(page) // 1024} KiB)", PROGRAMME),
    )
    for label, path in rows:
        runs = results[path]
        summary[path] = median([run["rps"] for run in runs])
        print(
            f"{label + ' ' + path:<52} {summary[path]:>9.0f} "
            f"{median([run['p50'] for run in runs]):>8.2f} "
            f"{median([run['p95'] for run in runs]):>8.2f} "
            f"{sum(run['errors'] for run in runs):>7}"
        )
    ratio = summary[PROGRAMME] / summary[TRIVIAL]
    verdict = "meets" if ratio >= 0.8 else "BELOW"
    print(f"programme / trivial throughput: {ratio:.2f} ({verdict} the required 0.8; aim 0.9)")
    print(f"programme / one-query throughput: {summary[PROGRAMME] / summary[ONE_QUERY]:.2f}")


if __name__ == "__main__":
    if sys.argv[1:] == ["build"]:
        build()
    else:
        main()
