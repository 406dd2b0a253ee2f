"""Random text in every public search and filter parameter: never a server error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.models import Bulletin

# Whatever a visitor, a crawler or an attacker may type: any Unicode text, control
# characters and NUL included, and values shaped like the real ones.
anything = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["", "0", "-1", "2562", "2019", "9" * 40, "1,2,x", "' OR 1=1 --", "\x00"]),
    st.integers().map(str),
    st.dates().map(str),
)
fuzz = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PROGRAMME = "/{language}/forums/amf-2019/programme/"


@pytest.fixture
def site(demo_db, client):
    return client


def assert_answered(response):
    assert response.status_code < 500, response.content[:300]


@fuzz
@given(
    q=anything,
    year=anything,
    group=anything,
    page=anything,
    language=st.sampled_from(["th", "en"]),
)
def test_the_reports_list_answers_any_search_and_filter(site, q, year, group, page, language):
    assert_answered(
        site.get(f"/{language}/reports/", {"q": q, "year": year, "group": group, "page": page})
    )


@fuzz
@given(day=anything, room=anything, kind=anything, language=st.sampled_from(["th", "en"]))
def test_the_programme_answers_any_filter(site, day, room, kind, language):
    assert_answered(
        site.get(PROGRAMME.format(language=language), {"day": day, "room": room, "type": kind})
    )


@fuzz
@given(sessions=anything, lang=anything)
def test_my_programme_and_the_feeds_answer_any_session_list_and_language(site, sessions, lang):
    for path in (
        "/th/forums/amf-2019/programme/mine/",
        "/forums/amf-2019/programme.ics",
        "/forums/amf-2019/programme.json",
    ):
        assert_answered(site.get(path, {"sessions": sessions, "lang": lang}, follow=True))


@fuzz
@given(message=anything, name=anything, email=anything, website=anything, issued=anything)
def test_the_feedback_form_answers_any_submission(site, message, name, email, website, issued):
    bulletin = Bulletin.objects.published().first()

    response = site.post(
        f"/th/reports/{bulletin.pk}/feedback/",
        {"message": message, "name": name, "email": email, "website": website, "issued": issued},
    )

    assert_answered(response)
