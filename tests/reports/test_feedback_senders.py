"""Who sent a suggestion is personal data: only the staff who answer suggestions see it."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:reports_feedback_changelist"


@pytest.fixture
def suggestion():
    return factories.FeedbackFactory(
        name="Somsri Jaidee", email="somsri.sender@example.net", message="ขอเอกสารฉบับเต็ม"
    )


def login(client, role: str):
    user = factories.UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)


@pytest.mark.parametrize(
    ("role", "sees"), [("Reporter", True), ("Approver", True), ("Viewer", False)]
)
def test_only_the_roles_that_answer_suggestions_see_their_senders(client, suggestion, role, sees):
    login(client, role)

    listing = client.get(reverse(CHANGELIST)).content.decode()
    page = client.get(reverse("admin:reports_feedback_change", args=[suggestion.pk]))

    assert "ขอเอกสารฉบับเต็ม" in page.content.decode()
    for html in (listing, page.content.decode()):
        assert ("Somsri Jaidee" in html) is sees
        assert ("somsri.sender@example.net" in html) is sees


def test_a_viewer_cannot_search_or_filter_on_the_sender(client, suggestion):
    login(client, "Viewer")

    searched = client.get(reverse(CHANGELIST), {"q": "somsri"})
    filtered = client.get(reverse(CHANGELIST), {"email__startswith": "somsri"})
    by_name = client.get(reverse(CHANGELIST), {"name__icontains": "jaidee"})

    assert searched.context["cl"].result_count == 0
    assert (filtered.status_code, by_name.status_code) == (400, 400)


def test_a_reporter_finds_a_suggestion_by_its_senders_email(client, suggestion):
    login(client, "Reporter")

    response = client.get(reverse(CHANGELIST), {"q": "somsri.sender"})

    assert response.context["cl"].result_count == 1


def test_a_viewer_cannot_mark_suggestions_reviewed(client, suggestion):
    login(client, "Viewer")

    response = client.post(
        reverse(CHANGELIST),
        {"action": "mark_reviewed", "_selected_action": [suggestion.pk], "index": 0},
    )

    assert response.status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.is_reviewed is False


def test_a_reporter_marks_suggestions_reviewed(client, suggestion):
    login(client, "Reporter")

    response = client.post(
        reverse(CHANGELIST),
        {"action": "mark_reviewed", "_selected_action": [suggestion.pk], "index": 0},
    )

    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.is_reviewed is True
