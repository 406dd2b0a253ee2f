"""What the benchmarks share: their own database, a gunicorn server, and wrk's figures."""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
# The code the servers run: this tree, or another checkout (BENCH_TREE=/path/to/main) to
# measure "before" figures with the same benchmark and data.
TREE = Path(os.environ.get("BENCH_TREE") or ROOT).resolve()
WRK_MISSING = (
    "This benchmark needs wrk, the HTTP load generator: apt-get install wrk "
    "(Debian and Ubuntu), or build it from its sources."
)


def require_wrk() -> None:
    """Stop with a message saying how to get wrk when it is not installed."""
    if not shutil.which("wrk"):
        sys.exit(WRK_MISSING)


def bench_database(name: str) -> tuple[str, str]:
    """Recreate database `name` beside DATABASE_URL's; return its URL and a description.

    PostgreSQL (DATABASE_URL's server, or the local one when unset), else a temporary
    SQLite file when DATABASE_URL names SQLite.
    """
    url = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urlsplit(url)
        with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            db.execute(f'CREATE DATABASE "{name}"')
        return urlunsplit(parts._replace(path=f"/{name}")), f"PostgreSQL database {name}"
    path = Path(tempfile.gettempdir()) / f"{name}.sqlite3"
    path.unlink(missing_ok=True)
    return f"sqlite:///{path}", f"SQLite file {path}"


def production_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a production-like process (DEBUG off) on `database_url`."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_COOKIES": "0",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
        # Production pages link hashed static files, which collectstatic writes here.
        "STATIC_ROOT": str(Path(tempfile.gettempdir()) / "amf-bench-static"),
        **extra,
    }


def manage(env: dict[str, str], *args: str) -> None:
    """Run a management command in its own process, failing loudly."""
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


@contextmanager
def gunicorn(env: dict[str, str], *, port: int, workers: int = 2) -> Iterator[str]:
    """Serve the app with gunicorn on a loopback port; yield its base URL once it answers."""
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "amf.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--log-level=warning",
        ],
        cwd=TREE,
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn on port {port} did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            # Still answering requests an overloaded page left queued: stop it outright.
            server.kill()
            server.wait()


@dataclass(frozen=True)
class Load:
    """What wrk measured for one URL."""

    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    requests: int
    errors: int

    def line(self) -> str:
        """Summarise on one line."""
        return (
            f"{self.requests_per_second:8.1f} req/s  p50 {self.p50_ms:6.1f} ms  "
            f"p95 {self.p95_ms:6.1f} ms  p99 {self.p99_ms:6.1f} ms  "
            f"{self.requests} requests, {self.errors} errors"
        )


# wrk's own report has no 95th percentile; its Lua hook hands over the whole distribution.
# With `random_query`, each request adds a query string of its own (?utm=<random number>).
_RANDOM_QUERY = """
math.randomseed(os.time())
request = function()
  local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. separator .. "utm=" .. math.random(1, 1000000000))
end
"""
_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("AMF-WRK %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95)))
  io.write(string.format("AMF-WRK-P99 %d\\n", latency:percentile(99)))
end
"""


def wrk(
    url: str,
    *,
    connections: int,
    seconds: int,
    threads: int = 2,
    headers: tuple[str, ...] = (),
    random_query: bool = False,
) -> Load:
    """Drive `url` with wrk; return throughput, latency percentiles and errors."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(_REPORT + (_RANDOM_QUERY if random_query else ""))
        script.flush()
        output = subprocess.run(
            [
                "wrk",
                f"--threads={min(threads, connections)}",
                f"--connections={connections}",
                f"--duration={seconds}s",
                f"--script={script.name}",
                *(f"--header={header}" for header in headers),
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    requests, duration_us, socket_errors, status_errors, p50, p95 = map(
        int, re.search(r"^AMF-WRK (.+)$", output, re.MULTILINE).group(1).split()
    )
    p99 = int(re.search(r"^AMF-WRK-P99 (\d+)$", output, re.MULTILINE).group(1))
    return Load(
        requests_per_second=requests / (duration_us / 1e6),
        p50_ms=p50 / 1000,
        p95_ms=p95 / 1000,
        p99_ms=p99 / 1000,
        requests=requests,
        errors=socket_errors + status_errors,
    )


def wait_until_idle(url: str, *, quick_seconds: float = 0.2, limit_seconds: float = 300) -> None:
    """Wait until `url` (a trivial page) answers quickly twice running.

    A page too slow for its load leaves the server busy after wrk stops (every request it
    accepted is still answered); the next page measured would pay for it.
    """
    deadline = time.monotonic() + limit_seconds
    quick = 0
    while quick < 2 and time.monotonic() < deadline:
        start = time.monotonic()
        try:
            urllib.request.urlopen(url, timeout=limit_seconds).read()
        except OSError:
            quick = 0
            continue
        quick = quick + 1 if time.monotonic() - start < quick_seconds else 0
