"""The admin works in a real browser under the Content-Security-Policy, with no violation."""

import pytest
from django.urls import reverse

from tests import factories

PASSWORD = "correct horse battery staple"


@pytest.fixture
def browser_page(chromium):
    page = chromium.new_page()
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
    page.close()


def admin_path(obj, page, *args):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{page}", args=[obj.pk, *args])


@pytest.fixture
def admin_pages(live_site):
    """A forum with a bulletin and a participant, and the admin pages that show them.

    Made before the browser starts: queries from inside Playwright's event loop would open
    a connection that the test database's teardown cannot see to close.
    """
    factories.SuperuserFactory(username="somchai")
    forum = factories.ForumFactory()
    bulletin = factories.BulletinFactory(forum=forum)
    person = bulletin.reporter
    participation = factories.ParticipationFactory(forum=forum, person=person)
    return {
        "forums": reverse("admin:events_forum_changelist"),
        "forum": admin_path(forum, "change"),
        "person": admin_path(person, "change"),
        "participation": admin_path(participation, "change"),
        "bulletin": admin_path(bulletin, "change"),
        "forum history": admin_path(forum, "history"),
        "forum version": admin_path(forum, "simple_history", forum.history.latest().history_id),
        "participations": reverse("admin:delegates_participation_changelist"),
    }


def test_admin_pages_run_under_the_policy_without_a_violation(live_site, admin_pages, browser_page):
    page = browser_page
    page.goto(f"{live_site}/healthz")
    page.goto(f"{live_site}/th/admin/login/")
    page.fill("#id_username", "somchai")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/th/admin/")

    tabs, editors = {}, {}
    for name, path in admin_pages.items():
        page.goto(f"{live_site}{path}")
        page.wait_for_load_state("networkidle")
        tabs[name] = page.locator(".ui-tabs-nav").count()
        editors[name] = page.locator(".richtext__editor").count()
    # The autocomplete asks the server as one types.
    page.goto(f"{live_site}{admin_pages['forum']}")
    page.locator(".select2-selection").first.click()
    page.keyboard.type("a")
    page.wait_for_selector(".select2-results__option")

    assert page.problems == []
    assert tabs["forum"] > 0, "the Thai/English tabs did not start"
    # The rich-text editor starts too, one per language of each rich-text field.
    assert editors["forum"] >= 2 and editors["bulletin"] >= 4
