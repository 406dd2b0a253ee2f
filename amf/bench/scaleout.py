"""Two app servers, one database: a change and a login made through one are seen by the other.

Starts two gunicorn processes on free loopback ports against their own PostgreSQL database
(amf_bench_scaleout, created afresh and dropped afterwards) and, when redis-server is
installed, one shared Redis cache. Then, as a browser would, it logs into the admin through
the first, renames a forum through it, and checks through the second that the session is
valid there and the new name is served. Prints a pass or fail line for each check.
"""

import html.parser
import http.cookiejar
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import dj_database_url
import psycopg

PROJECT_DIR = Path(__file__).resolve().parents[2]
DATABASE = "amf_bench_scaleout"
USERNAME = "bench"


def ports() -> list[int]:
    """Ports for the two servers and Redis: BENCH_PORTS ("8650,8651,8652") or free ones."""
    if os.environ.get("BENCH_PORTS"):
        return [int(port) for port in os.environ["BENCH_PORTS"].split(",")]
    found = []
    for _ in range(3):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            found.append(probe.getsockname()[1])
    return found


def server_url() -> dict:
    """The PostgreSQL server to use: DATABASE_URL's if it is PostgreSQL, else the local one."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = "postgres://postgres@127.0.0.1:5432/postgres"
    return dj_database_url.parse(url)


def admin_connection(server: dict) -> psycopg.Connection:
    params = {
        "dbname": "postgres",
        "host": server.get("HOST") or None,
        "port": server.get("PORT") or None,
        "user": server.get("USER") or None,
        "password": server.get("PASSWORD") or None,
    }
    return psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True)


def recreate_database(server: dict) -> None:
    with admin_connection(server) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')


def drop_database(server: dict) -> None:
    with admin_connection(server) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def database_url(server: dict) -> str:
    password = f":{server['PASSWORD']}" if server.get("PASSWORD") else ""
    host = server.get("HOST") or "127.0.0.1"
    return f"postgres://{server['USER']}{password}@{host}:{server.get('PORT') or 5432}/{DATABASE}"


class FormReader(html.parser.HTMLParser):
    """The fields of one form, with the values a browser would submit unchanged."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self.select: str | None = None
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "image", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.fields.append((self.textarea, self.text.removeprefix("\n")))
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.text += data


def read_form(page: str, form_id: str) -> list[tuple[str, str]]:
    reader = FormReader(form_id)
    reader.feed(page)
    return reader.fields


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A cookie-keeping client that, like a browser, carries its session between servers."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirects()
        )

    def request(self, url: str, data: list[tuple[str, str]] | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers={"Referer": url})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.cookies if c.name == name), "")


def wait_until_healthy(url: str, process: subprocess.Popen) -> None:
    for _ in range(120):
        if process.poll() is not None:
            raise RuntimeError(f"the server for {url} exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url}/healthz did not answer within a minute")


def manage(*args: str, env: dict) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{result.stderr}")
    return result.stdout


def main() -> None:
    """Run two app servers on one database and report what each check found."""
    server = server_url()
    try:
        recreate_database(server)
    except psycopg.Error as error:
        print(f"skipped: needs a PostgreSQL server ({error})")
        return
    processes: list[subprocess.Popen] = []
    static_root = tempfile.mkdtemp(prefix="amf-scaleout-static-")
    results: list[tuple[bool, str]] = []
    *server_ports, redis_port = ports()
    try:
        env = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": database_url(server),
            "ALLOWED_HOSTS": "127.0.0.1",
            # Plain HTTP on the loopback: no HTTPS redirect, no secure-only cookies.
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "STATIC_ROOT": static_root,
            "CACHE_URL": "",
            "LOG_LEVEL": "WARNING",
        }
        if shutil.which("redis-server"):
            processes.append(
                subprocess.Popen(
                    [
                        *("redis-server", "--port", str(redis_port), "--bind", "127.0.0.1"),
                        *("--save", "", "--appendonly", "no"),
                    ],
                    stdout=subprocess.DEVNULL,
                )
            )
            env["CACHE_URL"] = f"redis://127.0.0.1:{redis_port}/0"
        password = secrets.token_urlsafe(16)
        manage("migrate", "--noinput", env=env)
        manage("collectstatic", "--noinput", env=env)
        manage("load_demo", env=env)
        manage(
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model; "
            f"get_user_model().objects.create_superuser({USERNAME!r}, None, {password!r})",
            env=env,
        )
        urls = []
        for port in server_ports:
            processes.append(
                subprocess.Popen(
                    [
                        *(sys.executable, "-m", "gunicorn", "amf.wsgi"),
                        *("--workers", "1", "--bind", f"127.0.0.1:{port}"),
                    ],
                    cwd=PROJECT_DIR,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        for url, process in zip(urls, processes[-2:], strict=True):
            wait_until_healthy(url, process)
        first, second = urls
        cache = env["CACHE_URL"] or "each server's own memory (no redis-server found)"
        print(f"servers: {first} and {second}; database {DATABASE}; cache {cache}")

        results.extend(run_checks(first, second, password))
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=20)
        shutil.rmtree(static_root, ignore_errors=True)
        drop_database(server)
    for passed, line in results:
        print(f"{'pass' if passed else 'FAIL'}: {line}")
    print(f"{sum(p for p, _ in results)} of {len(results)} checks passed")


def run_checks(first: str, second: str, password: str) -> list[tuple[bool, str]]:
    """Log in and edit through `first`; look through `second`."""
    results = []
    browser = Browser()
    status, page = browser.request(f"{first}/en/admin/login/")
    form = read_form(page, "login-form")
    form = [(k, v) for k, v in form if k not in {"username", "password"}]
    status, _ = browser.request(
        f"{first}/en/admin/login/?next=/en/admin/",
        [*form, ("username", USERNAME), ("password", password)],
    )
    results.append((status == 302, f"logged in through {first} (status {status})"))

    status, _ = browser.request(f"{second}/en/admin/")
    results.append((status == 200, f"the same session is valid on {second} (status {status})"))

    status, page = browser.request(f"{first}/en/admin/events/forum/")
    change_url = re.search(r'href="(/en/admin/events/forum/\d+/change/)', page)[1]
    status, page = browser.request(f"{first}{change_url}")
    new_title = f"5th ASEAN Mayors Forum (renamed {secrets.token_hex(3)})"
    form = [(k, new_title if k == "title_en" else v) for k, v in read_form(page, "forum_form")]
    status, _ = browser.request(f"{first}{change_url}", [*form, ("_save", "Save")])
    results.append((status == 302, f"renamed the forum through {first} (status {status})"))

    status, page = browser.request(f"{second}{change_url}")
    shown = new_title in page
    results.append((status == 200 and shown, f"{second} serves the new name ({new_title!r})"))

    history_url = change_url.replace("/change/", "/history/")
    status, page = browser.request(f"{second}{history_url}")
    results.append(
        (
            status == 200 and USERNAME in page,
            f"{second} shows the change by {USERNAME!r} in its history",
        )
    )

    logout = [("csrfmiddlewaretoken", browser.cookie("csrftoken"))]
    status, _ = browser.request(f"{second}/en/admin/logout/", logout)
    status, _ = browser.request(f"{first}/en/admin/")
    results.append((status == 302, f"logging out on {second} ends the session on {first} too"))
    return results
