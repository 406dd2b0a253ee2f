"""The programme page under gunicorn against a trivial view on the same server, in one run.

Builds a forum of 200 sessions and 400 speakers in its own PostgreSQL database (dropped and
made afresh each run), serves it with gunicorn on 127.0.0.1, and drives both pages with wrk.
Prints requests per second and p50/p95 latency of each, and the ratio of their throughputs.

The servers share a Redis cache, as several app servers in production do: the programme's
version then comes from the cache, not the database (see events/versions.py).

Environment: BENCH_PORT (8350), BENCH_SECONDS per round (8), BENCH_CONNECTIONS (4),
BENCH_WORKERS (gunicorn workers, default: the number of CPUs), BENCH_CACHE_URL (Redis
database 15 on the local server; emptied first).
"""

import datetime as dt
import gzip
import os
import shutil
import subprocess
import sys
import urllib.request

import redis

from bench._support import ROOT, bench_database, gunicorn, production_env, wrk

SESSIONS = 200
SPEAKERS = 400
SLUG = "bench-forum"
PROGRAMME = f"/en/forums/{SLUG}/programme/"
TRIVIAL = "/en/bench/trivial/"
# The health check, which asks the database (and the cache) one thing each, as the cached
# programme asks the database for its version: shown for context beside the required ratio.
ONE_QUERY = "/healthz"
# Every browser offers gzip; the cached programme is kept compressed for them.
BROWSER = ("Accept-Encoding", "gzip, deflate, br")


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


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def main() -> None:
    """Build the forum, serve it with gunicorn, drive both pages with wrk, print the figures."""
    if not shutil.which("wrk"):
        sys.exit("The programme benchmark needs wrk (apt-get install wrk).")
    port = int(os.environ.get("BENCH_PORT", "8350"))
    seconds = int(os.environ.get("BENCH_SECONDS", "8"))
    connections = int(os.environ.get("BENCH_CONNECTIONS", "4"))
    workers = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2)))
    url, description = bench_database("amf_bench_programme")
    cache_url = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/15")
    redis.Redis.from_url(cache_url).flushdb()
    env = production_env(url, DJANGO_SETTINGS_MODULE="bench._settings", CACHE_URL=cache_url)
    print(f"Building a forum of {SESSIONS} sessions and {SPEAKERS} speakers in {description}…")
    subprocess.run(
        [sys.executable, "-m", "bench.programme", "build"], env=env, check=True, cwd=ROOT
    )
    results = {TRIVIAL: [], ONE_QUERY: [], PROGRAMME: []}
    with gunicorn(env, port=port, workers=workers) as base:
        request = urllib.request.Request(base + PROGRAMME, headers=dict([BROWSER]))
        with urllib.request.urlopen(request, timeout=30) as response:
            compressed = response.read()
        page = gzip.decompress(compressed).decode()
        shown = page.count('class="session ')
        if shown != SESSIONS:
            sys.exit(f"The programme page shows {shown} sessions, not {SESSIONS}.")
        for _ in range(workers * 4):  # let every worker render and cache the page once
            urllib.request.urlopen(request, timeout=30).read()
        # Interleaved rounds, so that a busy moment on the machine hits every page alike.
        for _ in range(3):
            for path, runs in results.items():
                runs.append(
                    wrk(
                        base + path,
                        connections=connections,
                        seconds=seconds,
                        threads=1,
                        headers=(": ".join(BROWSER),),
                    )
                )
    print(
        f"cache: {cache_url}; gunicorn: {workers} sync workers; wrk: {connections} "
        f"connections sending '{': '.join(BROWSER)}' as browsers do, 3 interleaved rounds "
        f"of {seconds} s per page; medians shown."
    )
    print(f"{'page':<58} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    size = f"{len(page) // 1024} KiB, {len(compressed) // 1024} KiB gzipped"
    rows = (
        ("trivial view", TRIVIAL),
        ("one-query view", ONE_QUERY),
        (f"programme ({size})", PROGRAMME),
    )
    throughput = {}
    for label, path in rows:
        runs = results[path]
        throughput[path] = median([run.requests_per_second for run in runs])
        print(
            f"{label + ' ' + path:<58} {throughput[path]:>9.0f} "
            f"{median([run.p50_ms for run in runs]):>8.2f} "
            f"{median([run.p95_ms for run in runs]):>8.2f} "
            f"{sum(run.errors for run in runs):>7}"
        )
    ratio = throughput[PROGRAMME] / throughput[TRIVIAL]
    verdict = "meets" if ratio >= 0.8 else "BELOW"
    print(f"programme / trivial throughput: {ratio:.2f} ({verdict} the required 0.8; aim 0.9)")
    print(f"programme / one-query throughput: {throughput[PROGRAMME] / throughput[ONE_QUERY]:.2f}")


if __name__ == "__main__":
    if sys.argv[1:] == ["build"]:
        build()
    else:
        main()
