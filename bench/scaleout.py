"""Two app servers, one database: a change and a login made through one are seen by the other.

Starts two gunicorn processes on free loopback ports against their own PostgreSQL database
(amf_bench_scaleout, recreated each run) and, when redis-server is
installed, one shared Redis cache. Then, as a browser would, it logs into the admin through
the first, renames a forum through it, and checks through the second that the session is
valid there and the new name is served, on the admin and at once on the public pages the
second had cached; then it unpublishes the forum through the first and checks that the
second's public pages answer 404 at once. Prints a pass or fail line for each check.
"""

import contextlib
import html.parser
import http.cookiejar
import os
import re
import secrets
import shutil
import socket
import subprocess
import urllib.error
import urllib.parse
import urllib.request

from bench._support import bench_database, gunicorn, manage, production_env

DATABASE = "amf_bench_scaleout"
USERNAME = "bench"
SLUG = "amf-2019"


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
            if 300 <= error.code < 400:
                return error.code, f"redirect to {error.headers.get('Location')}"
            return error.code, error.read().decode(errors="replace")

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.cookies if c.name == name), "")


def main() -> None:
    """Run two app servers on one database and report what each check found."""
    url, description = bench_database(DATABASE)
    *server_ports, redis_port = ports()
    results: list[tuple[bool, str]] = []
    env = production_env(url, CACHE_URL="")
    password = secrets.token_urlsafe(16)
    with contextlib.ExitStack() as running:
        if shutil.which("redis-server"):
            redis = subprocess.Popen(
                [
                    *("redis-server", "--port", str(redis_port), "--bind", "127.0.0.1"),
                    *("--save", "", "--appendonly", "no"),
                ],
                stdout=subprocess.DEVNULL,
            )
            running.callback(redis.wait, timeout=20)
            running.callback(redis.terminate)
            env["CACHE_URL"] = f"redis://127.0.0.1:{redis_port}/0"
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        manage(env, "load_demo")
        manage(
            env,
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model; "
            f"get_user_model().objects.create_superuser({USERNAME!r}, None, {password!r})",
        )
        first, second = (
            running.enter_context(gunicorn(env, port=port, workers=1)) for port in server_ports
        )
        cache = env["CACHE_URL"] or "each server's own memory (no redis-server found)"
        print(f"servers: {first} and {second}; {description}; cache {cache}")
        results.extend(run_checks(first, second, password))
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
    public = [
        f"/en/forums/{SLUG}/",
        f"/en/forums/{SLUG}/programme/",
        f"/en/forums/{SLUG}/programme.ics",
    ]
    visitor = Browser()
    for path in public:  # the second server keeps them rendered, as it would under load
        visitor.request(f"{second}{path}")
        visitor.request(f"{second}{path}?lang=en")
    status, page = browser.request(f"{first}{change_url}")
    new_title = f"5th ASEAN Mayors Forum (renamed {secrets.token_hex(3)})"
    form = [(k, new_title if k == "title_en" else v) for k, v in read_form(page, "forum_form")]
    status, _ = browser.request(f"{first}{change_url}", [*form, ("_save", "Save")])
    results.append((status == 302, f"renamed the forum through {first} (status {status})"))

    served = [visitor.request(f"{second}{path}?lang=en") for path in public]
    results.append(
        (
            all(status == 200 and new_title in page for status, page in served),
            f"{second} serves the new name on its cached public pages at once "
            f"({', '.join(str(status) for status, _ in served)})",
        )
    )
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

    status, page = browser.request(f"{first}{change_url}")
    form = [(k, v) for k, v in read_form(page, "forum_form") if k != "is_published"]
    status, _ = browser.request(f"{first}{change_url}", [*form, ("_save", "Save")])
    gone = [visitor.request(f"{second}{path}?lang=en") for path in public]
    statuses = [status for status, _ in gone]
    redirects = [page for status, page in gone if 300 <= status < 400]
    results.append(
        (
            status == 302 and statuses == [404, 404, 404],
            f"unpublished through {first}; {second}'s public pages answer {statuses} at once"
            + (f" ({'; '.join(redirects)})" if redirects else ""),
        )
    )

    logout = [("csrfmiddlewaretoken", browser.cookie("csrftoken"))]
    status, _ = browser.request(f"{second}/en/admin/logout/", logout)
    status, _ = browser.request(f"{first}/en/admin/")
    results.append((status == 302, f"logging out on {second} ends the session on {first} too"))
    return results
