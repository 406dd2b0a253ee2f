"""The staff admin in chromium, as staff use it on office laptops: pages that fit at 1280 and
1366 px, no WCAG 2.1 A or AA violation found by axe-core, the forum's page organised in
sections, and a calendar that counts in the Buddhist Era, in Thai and English."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from delegates.models import Participation, Person
from events.models import Forum, Session
from reports.models import Bulletin, FollowUpAction
from tests import factories

PASSWORD = "correct horse battery staple"
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
# Whether anything on the page is wider than the window, or a table cut inside its box.
OVERFLOW = """() => {
    const page = document.documentElement;
    const cut = [...document.querySelectorAll("#content table, #content .results")]
        .filter(el => el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
        .map(el => (el.id || el.className) + " " + el.scrollWidth + ">" + el.clientWidth);
    const title = document.querySelector("#content h1");
    const tools = document.querySelector("#content .object-tools");
    let covered = false;
    if (title && tools && tools.getBoundingClientRect().width) {
        const a = title.getBoundingClientRect(), b = tools.getBoundingClientRect();
        covered = !(a.right <= b.left || b.right <= a.left
            || a.bottom <= b.top || b.bottom <= a.top);
    }
    return {wider: page.scrollWidth > page.clientWidth, cut, covered};
}"""


def admin_url(obj, page="change"):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{page}", args=[obj.pk])[3:]


@pytest.fixture
def staff_pages(live_site):
    """The demo forum, and the admin pages staff work in (without the language prefix)."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    factories.SuperuserFactory(username="somchai")
    forum = Forum.objects.get()
    factories.FollowUpActionFactory(forum=forum, bulletin=Bulletin.objects.first())
    pages = {"index": "/admin/"}
    for model in (Forum, Session, Person, Participation, Bulletin, FollowUpAction):
        first = model.objects.order_by("pk").first()
        name = model._meta.model_name
        pages[f"{name} list"] = reverse(f"admin:{model._meta.app_label}_{name}_changelist")[3:]
        pages[name] = admin_url(first)
    return pages


@pytest.fixture
def laptop(chromium, live_site):
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(f"{live_site}/th/admin/login/")
    page.fill("#id_username", "somchai")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/th/admin/")
    yield page
    context.close()


# A test for each language, which the test workers can share.
@pytest.mark.parametrize("language", ["th", "en"])
def test_staff_pages_fit_office_laptops_and_pass_axe_in_thai_and_english(
    live_site, staff_pages, laptop, language
):
    axe = Axe()
    violations, misfits = {}, {}
    for name, path in staff_pages.items():
        laptop.set_viewport_size({"width": 1366, "height": 768})
        # The admin's scripts have run by the load event, which goto waits for.
        laptop.goto(f"{live_site}/{language}{path}")
        found = axe.run(laptop, options=WCAG_21_AA).response["violations"]
        for rule in found:
            key = f"{language} {name}: {rule['id']}"
            violations[key] = [node["target"] for node in rule["nodes"]][:3]
        for width in (1366, 1280):
            laptop.set_viewport_size({"width": width, "height": 768})
            fit = laptop.evaluate(OVERFLOW)
            if fit["wider"] or fit["cut"] or fit["covered"]:
                misfits[f"{language} {name} at {width}px"] = fit

    assert violations == {}
    assert misfits == {}


def test_the_forums_page_leads_to_each_section_and_its_calendar_counts_in_the_buddhist_era(
    live_site, staff_pages, laptop
):
    laptop.goto(f"{live_site}/th{staff_pages['forum']}")

    # Folded inlines keep the page short; the section list opens the programme.
    assert laptop.evaluate("document.documentElement.scrollHeight") < 3000
    sessions = laptop.locator("#sessions-group details")
    assert not sessions.evaluate("details => details.open")
    laptop.locator(".section-nav a[href='#sessions-group']").click()
    assert sessions.evaluate("details => details.open")
    assert laptop.locator("#sessions-group tbody tr.has_original").first.is_visible()

    # The start date is typed and shown as 26/08/2562; the calendar shows August 2562.
    assert laptop.input_value("#id_start_date") == "26/08/2562"
    laptop.click("#calendarlink0")
    assert laptop.inner_text("#calendarbox0 caption") == "สิงหาคม 2562"
    laptop.click("#calendarbox0 .calendar-shortcuts a")  # "Today"
    today = timezone.localdate()
    assert laptop.input_value("#id_start_date").endswith(f"/{today.year + 543}")
