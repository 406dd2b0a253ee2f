"""Every public page and feed under load, as a ratio to a trivial view on the same server.

Builds a forum of 200 sessions and 400 public speakers, with a published bulletin, in its
own PostgreSQL database (`amf_bench_pages`, dropped and made afresh each run), serves it
with gunicorn (2 sync workers, production settings, a shared Redis cache as several app
servers have) and drives each page with wrk: 50 connections sending
`Accept-Encoding: gzip` as browsers do, in interleaved rounds so that a busy moment on the
shared machine hits every page alike. Pages are warmed first: the figures are those of
cached pages, which is what visitors get between changes. The programme PDF is measured
last, on its own (uncached it would keep the workers busy after its round).

Prints req/s, p50 and p95 per page (medians over the rounds), each page's throughput as a
ratio to the trivial view's, and the machine's load. Required: every ratio ≥ 0.8.

Environment: BENCH_TREE (the code to serve; default this checkout), BENCH_PORT (8720),
BENCH_SECONDS per page per round (5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (50),
BENCH_WORKERS (2), BENCH_CACHE_URL (Redis database 15 on the local server; emptied first;
`locmem://` for each worker's own memory).
"""

import gzip
import os
import re
import statistics
import subprocess
import sys
import urllib.request

from bench._support import (
    ROOT,
    TREE,
    bench_database,
    gunicorn,
    production_env,
    require_wrk,
    wait_until_idle,
    wrk,
)

SLUG = "bench-forum"
SESSIONS = 200
TRIVIAL = "/en/bench/trivial/"
BROWSER = "Accept-Encoding: gzip, deflate, br"
REQUIRED = 0.8


def pages(base: str) -> list[tuple[str, str, bool]]:
    """(label, path, random query string?) for every page and feed of the benchmark forum."""
    forum = f"/forums/{SLUG}"
    programme = urllib.request.urlopen(f"{base}/en{forum}/programme/", timeout=60).read()
    session = re.search(rb'href="/en/forums/[^/]+/sessions/(\d+)/"', programme)[1].decode()
    speaker = re.search(rb'href="/en/forums/[^/]+/speakers/(\d+)/"', programme)[1].decode()
    reports = urllib.request.urlopen(f"{base}/en/reports/", timeout=60).read()
    bulletin = re.search(rb'href="(/en/reports/\d+/)"', reports)[1].decode()
    return [
        ("trivial view (the floor)", TRIVIAL, False),
        ("home", "/th/", False),
        ("forum page", f"/en{forum}/", False),
        ("programme, Thai", f"/th{forum}/programme/", False),
        ("programme, English", f"/en{forum}/programme/", False),
        ("programme, random query string", f"/en{forum}/programme/", True),
        ("programme, one day", f"/en{forum}/programme/?day=2019-08-27", False),
        ("session page", f"/en{forum}/sessions/{session}/", False),
        ("speakers list", f"/th{forum}/speakers/", False),
        ("speaker page", f"/en{forum}/speakers/{speaker}/", False),
        ("my programme (3 sessions)", f"/en{forum}/programme/mine/?sessions=5,3,{session}", False),
        ("programme.ics", f"{forum}/programme.ics", False),
        ("session .ics", f"{forum}/sessions/{session}.ics", False),
        ("programme.json", f"{forum}/programme.json", False),
        ("bulletins list", "/th/reports/", False),
        ("public bulletin", bulletin, False),
    ]


def build() -> None:
    """Migrate the benchmark database and build the forum (run in a child process)."""
    import django

    django.setup()
    from django.core.management import call_command

    from bench._forum import build_forum

    call_command("migrate", verbosity=0)
    build_forum(slug=SLUG, sessions=SESSIONS, with_bulletin=True)


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    """Build the forum, serve it, drive every page with wrk in rounds, print the table."""
    require_wrk()
    port = int(os.environ.get("BENCH_PORT", "8720"))
    seconds = int(os.environ.get("BENCH_SECONDS", "5"))
    rounds = int(os.environ.get("BENCH_ROUNDS", "3"))
    connections = int(os.environ.get("BENCH_CONNECTIONS", "50"))
    workers = int(os.environ.get("BENCH_WORKERS", "2"))
    cache_url = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/15")
    url, description = bench_database("amf_bench_pages")
    if cache_url.startswith("redis"):
        import redis

        redis.Redis.from_url(cache_url).flushdb()
    env = production_env(url, DJANGO_SETTINGS_MODULE="bench._settings", CACHE_URL=cache_url)
    print(f"Building a forum of {SESSIONS} sessions, {2 * SESSIONS} speakers in {description}…")
    subprocess.run([sys.executable, "-m", "bench.pages", "build"], env=env, check=True, cwd=ROOT)
    print(f"load before: {os.getloadavg()[0]:.2f} (1-minute average)", flush=True)
    with gunicorn(env, port=port, workers=workers) as base:
        table = pages(base)
        warm(base, [path for _label, path, _random in table])
        results = {label: [] for label, _path, _random in table}
        for _ in range(rounds):
            for label, path, random_query in table:
                results[label].append(
                    wrk(
                        base + path,
                        connections=connections,
                        seconds=seconds,
                        headers=(BROWSER,),
                        random_query=random_query,
                    )
                )
                wait_until_idle(base + TRIVIAL)
        print(
            f"code: {TREE}; cache: {cache_url}; gunicorn: {workers} sync workers; wrk: "
            f"{connections} connections sending '{BROWSER}', {rounds} interleaved rounds of "
            f"{seconds} s per page; medians shown; load after: {os.getloadavg()[0]:.2f}",
            flush=True,
        )
        floor = print_table(results)
        pdf = f"/en/forums/{SLUG}/programme.pdf"
        first = first_request_seconds(base + pdf)
        warm(base, [pdf])
        load = wrk(base + pdf, connections=connections, seconds=seconds, headers=(BROWSER,))
        print(
            f"{'programme PDF':<34} {load.requests_per_second:>8.0f} "
            f"{load.requests_per_second / floor:>6.2f} {load.p50_ms:>8.1f} {load.p95_ms:>8.1f} "
            f"{load.errors:>7}   (one round, last; the first request after a change took "
            f"{first:.2f} s)",
            flush=True,
        )


def print_table(results) -> float:
    """Print each page's medians and ratio to the trivial view; return the trivial view's."""
    floor = median([run.requests_per_second for run in results["trivial view (the floor)"]])
    print(f"{'page':<34} {'req/s':>8} {'ratio':>6} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    below = []
    for label, runs in results.items():
        throughput = median([run.requests_per_second for run in runs])
        ratio = throughput / floor if floor else 0.0
        if ratio < REQUIRED:
            below.append(label)
        print(
            f"{label:<34} {throughput:>8.0f} {ratio:>6.2f} "
            f"{median([run.p50_ms for run in runs]):>8.1f} "
            f"{median([run.p95_ms for run in runs]):>8.1f} "
            f"{sum(run.errors for run in runs):>7}"
        )
    verdict = "every page meets" if not below else f"BELOW on {', '.join(below)}:"
    print(f"{verdict} the required ratio of {REQUIRED} to the trivial view", flush=True)
    return floor


def warm(base: str, paths: list[str]) -> None:
    """Ask for each page a few times, as browsers would, so that caches hold them."""
    for path in paths:
        request = urllib.request.Request(base + path, headers={"Accept-Encoding": "gzip"})
        for _ in range(4):
            with urllib.request.urlopen(request, timeout=120) as response:
                body = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            gzip.decompress(body)


def first_request_seconds(url: str) -> float:
    import time

    start = time.perf_counter()
    urllib.request.urlopen(url, timeout=120).read()
    return time.perf_counter() - start


if __name__ == "__main__":
    if sys.argv[1:] == ["build"]:
        build()
    else:
        main()
