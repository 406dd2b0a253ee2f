"""The admin works in a real browser under the Content-Security-Policy, with no violation."""

import os
import shutil

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.test.testcases import LiveServerThread
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.skipif(not shutil.which("chromium"), reason="needs chromium")

PASSWORD = "correct horse battery staple"


@pytest.fixture
def admin_server(transactional_db, settings):
    """A live server that serves static files from the apps, as runserver does.

    pytest-django's own looks for the staticfiles app by name, and ours is configured by
    its AppConfig path, so it would serve no admin scripts at all.
    """
    settings.ALLOWED_HOSTS = ["localhost"]
    thread = LiveServerThread("localhost", StaticFilesHandler, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://localhost:{thread.port}"
    thread.terminate()


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; the live server's database work is not async.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page()
        page.problems = []
        page.on(
            "console",
            lambda message: (
                page.problems.append(f"{page.url}: {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )
        page.on("pageerror", lambda error: page.problems.append(f"{page.url}: {error}"))
        yield page
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


def admin_path(obj, page, *args):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{page}", args=[obj.pk, *args])


def test_admin_pages_run_under_the_policy_without_a_violation(admin_server, browser_page):
    page = browser_page
    factories.SuperuserFactory(username="somchai")
    forum = factories.ForumFactory()
    bulletin = factories.BulletinFactory(forum=forum)
    person = bulletin.reporter
    participation = factories.ParticipationFactory(forum=forum, person=person)

    page.goto(f"{admin_server}/healthz")
    page.goto(f"{admin_server}/th/admin/login/")
    page.fill("#id_username", "somchai")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/th/admin/")

    paths = [
        reverse("admin:events_forum_changelist"),
        admin_path(forum, "change"),
        admin_path(person, "change"),
        admin_path(participation, "change"),
        admin_path(bulletin, "change"),
        admin_path(forum, "history"),
        admin_path(forum, "simple_history", forum.history.latest().history_id),
        reverse("admin:delegates_participation_changelist"),
    ]
    tabs = {}
    for path in paths:
        page.goto(f"{admin_server}{path}")
        page.wait_for_load_state("networkidle")
        tabs[path] = page.locator(".ui-tabs-nav").count()
    # The autocomplete asks the server as one types.
    page.goto(f"{admin_server}{admin_path(forum, 'change')}")
    page.locator(".select2-selection").first.click()
    page.keyboard.type("a")
    page.wait_for_selector(".select2-results__option")

    assert page.problems == []
    assert tabs[admin_path(forum, "change")] > 0, "the Thai/English tabs did not start"
