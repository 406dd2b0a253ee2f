"""Fifty concurrent clients on the demo's public pages and feeds for a minute each.

The demo forum in its own database (`amf_bench_load`, recreated each run), served by
gunicorn with production settings on a loopback port and driven by wrk. Target: 0 errors.
BENCH_LOAD_SECONDS shortens the minute; BENCH_TREE serves another checkout.
"""

import os
import re
import urllib.request

from bench._support import bench_database, gunicorn, manage, production_env, require_wrk, wrk

CLIENTS = 50
SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
PORT = int(os.environ.get("BENCH_PORT", "8725"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))


def _published_bulletin_path(base: str) -> str:
    listing = urllib.request.urlopen(f"{base}/th/reports/", timeout=10).read().decode()
    return re.search(r'href="(/th/reports/\d+/)"', listing).group(1)


def main() -> None:
    """Load the demo, serve it, and print each page's throughput, p95 latency and errors."""
    require_wrk()
    url, description = bench_database("amf_bench_load")
    env = production_env(url)
    print(f"database: {description}; demo forum loaded", flush=True)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput", "-v0")
    with gunicorn(env, port=PORT, workers=WORKERS) as base:
        pages = {
            "programme (th)": "/th/forums/amf-2019/programme/",
            "speakers (th)": "/th/forums/amf-2019/speakers/",
            "programme.ics": "/forums/amf-2019/programme.ics",
            "bulletin (th)": _published_bulletin_path(base),
        }
        print(f"gunicorn: {WORKERS} workers; wrk: {CLIENTS} connections, {SECONDS} s per page")
        failed = False
        for label, path in pages.items():
            wrk(base + path, connections=CLIENTS, seconds=2)  # warm caches and connections
            load = wrk(base + path, connections=CLIENTS, seconds=SECONDS)
            print(f"{label:15} {path}\n  {load.line()}", flush=True)
            failed |= load.errors > 0
        print("errors: none" if not failed else "errors: SOME REQUESTS FAILED (target is 0)")
