"""The delegate's page costs the same queries in a forum of 10 delegates as in one of 1,000."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from delegates.models import Participation, Person
from delegates.services import replies
from delegates.services.links import access_link_issue, access_link_token
from tests.factories import (
    ForumFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
    programme_for,
)

pytestmark = pytest.mark.django_db

# The link with its participation, forum and person (1); stamping the link as used (1);
# the delegation's members (1); the countries for the passport's nationality (1).
PAGE_QUERIES = 4


def bulk_delegates(forum, count: int) -> None:
    # In bulk, as an import writes them: a thousand people saved one by one take seconds.
    organisation = OrganisationFactory()
    people = Person.objects.bulk_create(PersonFactory.build_batch(count, organisation=organisation))
    Participation.objects.bulk_create(
        Participation(forum=forum, person=person, role="delegate") for person in people
    )


@pytest.fixture(params=[10, 1000], ids=["10-delegates", "1000-delegates"])
def head(request):
    today = timezone.localdate()
    forum = ForumFactory(
        start_date=today + dt.timedelta(days=10), end_date=today + dt.timedelta(days=12)
    )
    programme_for(forum, sessions=request.param // 10)
    bulk_delegates(forum, request.param)
    head = ParticipationFactory(forum=forum)
    for name in ("Suwanna", "Preecha"):
        replies.accompanying_person_add(
            head=head, language="en", honorific="", first_name=name, last_name=""
        )
    return head


def test_the_delegates_page_costs_the_same_queries_whatever_the_forums_size(
    client, head, django_assert_num_queries
):
    link = access_link_issue(participation=head)
    with translation.override("en"):
        url = reverse("delegates:delegate_page", kwargs={"token": access_link_token(link)})

    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(url)

    assert response.status_code == 200
    assert ">Suwanna<" in response.content.decode()
    size = head.forum.participations.count()
    print(f"delegate page: {PAGE_QUERIES} queries with {size} participations")
