"""What the first request after a change costs, as the forum grows: the growth table.

Builds forums of 10, 50, 200, 500 and 800 sessions (two public speakers each) in its own
PostgreSQL database (`amf_bench_render`, made afresh each run), then, in one process with
production settings, asks for the programme, the ICS, the JSON and the speakers list of
each with every cache emptied first, as the first visitor after a change does. Prints the
median wall time of 3 renderings, per page and size, the time per session, and the
queries. Required: at most 0.5 s for 800 sessions (0.5 ms a session).

Then the programme PDF of the 500-session forum: the first request (rendered), the next
ones (from the cache), and 4 requests at once right after a change, which render it once.

Wall time is what the visitor waits; on a machine shared with other work it grows with the
load (printed), so the CPU time the app process spent is printed too.

Environment: BENCH_TREE (the code to measure; default this checkout), BENCH_RUNS (3),
BENCH_PDF=0 to skip the PDF.
"""

import json
import os
import subprocess
import sys

from bench._support import ROOT, TREE, bench_database, production_env

SIZES = [10, 50, 200, 500, 800]
PDF_SESSIONS = 500
PAGES = {
    "programme": "/en/forums/{slug}/programme/",
    "ics": "/forums/{slug}/programme.ics?lang=en",
    "json": "/forums/{slug}/programme.json?lang=en",
    "speakers": "/en/forums/{slug}/speakers/",
}
REQUIRED_MS_PER_SESSION = 0.5


def build() -> None:
    """Migrate and build one forum per size (run in a child process)."""
    import django

    django.setup()
    from django.core.management import call_command

    from bench._forum import build_forum

    call_command("migrate", verbosity=0)
    for edition, sessions in enumerate(SIZES, start=1):
        build_forum(slug=f"forum-{sessions}", sessions=sessions, edition=edition)


# Run with the measured tree first on sys.path; prints one JSON object.
MEASURE = r"""
import json, statistics, sys, time
import django
django.setup()
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

sizes, pages, runs = json.loads(sys.argv[1])
client = Client(HTTP_HOST="127.0.0.1")

def cold():
    for alias in caches:
        caches[alias].clear()
    try:
        from events.versions import forget_all
    except ImportError:
        return
    forget_all()

results = {}
client.get(pages["programme"].format(slug=f"forum-{sizes[0]}"))  # load templates, translations
for name, address in pages.items():
    for size in sizes:
        url = address.format(slug=f"forum-{size}")
        times, cpu = [], []
        for _ in range(runs):
            cold()
            with CaptureQueriesContext(connection) as queries:
                start, start_cpu = time.perf_counter(), time.process_time()
                response = client.get(url)
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
            assert response.status_code == 200, (url, response.status_code)
        results[f"{name}:{size}"] = [
            statistics.median(times), len(queries), statistics.median(cpu)
        ]
print(json.dumps(results))
"""

PDF = r"""
import json, statistics, sys, threading, time
import django
django.setup()
from django.test import Client
from events.services import forum_touch
from events.models import Forum

url = "/en/forums/forum-500/programme.pdf"
client = Client(HTTP_HOST="127.0.0.1")
start = time.perf_counter()
first = client.get(url).getvalue()
first_seconds = time.perf_counter() - start
cached = []
for _ in range(3):
    start = time.perf_counter()
    client.get(url).getvalue()
    cached.append(time.perf_counter() - start)

import amf.pdf
renders = []
real = amf.pdf.html_to_pdf
def counting(html):
    renders.append(1)
    return real(html)
amf.pdf.html_to_pdf = counting
forum_touch(forums=Forum.objects.filter(slug="forum-500").values_list("pk", flat=True))
answers = []
def visit():
    answers.append(Client(HTTP_HOST="127.0.0.1").get(url).status_code)
start = time.perf_counter()
visitors = [threading.Thread(target=visit) for _ in range(4)]
for visitor in visitors:
    visitor.start()
for visitor in visitors:
    visitor.join()
burst = time.perf_counter() - start
print(json.dumps({"first": first_seconds, "cached": statistics.median(cached),
                  "size": len(first), "renders": len(renders), "answers": answers,
                  "burst": burst}))
"""


def run(env: dict, script: str, *args: str) -> dict:
    output = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=TREE,
        env={**env, "PYTHONPATH": str(TREE)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    """Build the forums, measure each page cold at each size, print the growth table."""
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    url, description = bench_database("amf_bench_render")
    # One process, as a web worker; the shared cache and listener play no part in a cold
    # rendering, and a local cache is the same in both trees.
    env = production_env(url, DJANGO_SETTINGS_MODULE="bench._settings", CACHE_URL="locmem://")
    print(f"Building forums of {', '.join(map(str, SIZES))} sessions in {description}…")
    subprocess.run([sys.executable, "-m", "bench.render", "build"], env=env, check=True, cwd=ROOT)
    load = os.getloadavg()[0]
    results = run(env, MEASURE, json.dumps([SIZES, PAGES, runs]))
    print(
        f"code: {TREE}; first request after a change (every cache emptied), median of {runs}; "
        f"load {load:.2f} before, {os.getloadavg()[0]:.2f} after"
    )
    header = "".join(f"{size:>11}" for size in SIZES)
    for column, title in ((0, "wall time"), (2, "CPU time of the app process")):
        print(f"{title}, ms:")
        print(f"{'sessions':<10}{header}   ms/session at {SIZES[-1]}  queries")
        for name in PAGES:
            cells = "".join(f"{results[f'{name}:{size}'][column] * 1000:>11.0f}" for size in SIZES)
            per_session = results[f"{name}:{SIZES[-1]}"][column] * 1000 / SIZES[-1]
            verdict = "ok" if per_session <= REQUIRED_MS_PER_SESSION else "TOO SLOW"
            queries = sorted({results[f"{name}:{size}"][1] for size in SIZES})
            print(f"{name:<10}{cells}   {per_session:>8.2f} {verdict:<8} {queries}")
    if os.environ.get("BENCH_PDF", "1") == "0":
        return
    pdf = run(env, PDF)
    print(
        f"programme PDF of {PDF_SESSIONS} sessions ({pdf['size'] // 1024} KiB): first "
        f"{pdf['first']:.2f} s, cached {pdf['cached'] * 1000:.1f} ms; 4 requests at once "
        f"after a change: {pdf['renders']} rendering(s), all answered "
        f"({sorted(set(pdf['answers']))}) in {pdf['burst']:.2f} s"
    )


if __name__ == "__main__":
    if sys.argv[1:] == ["build"]:
        build()
    else:
        main()
