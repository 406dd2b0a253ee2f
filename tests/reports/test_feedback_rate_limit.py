"""The feedback form's limit (five an hour) counts each real visitor, on every app server."""

import pytest
from django.core.cache import caches
from django.test import override_settings

from amf import spam
from reports.models import Feedback
from tests.factories import BulletinFactory
from tests.reports.test_feedback import form, page

pytestmark = pytest.mark.django_db

PROXY = "172.18.0.3"  # nginx, as the app sees it in compose


@pytest.fixture
def bulletin():
    return BulletinFactory(published=True)


def send(client, bulletin, **meta) -> int:
    return client.post(page(bulletin), form(), **meta).status_code


@override_settings(PROXY_COUNT=1)
def test_behind_the_proxy_each_visitor_has_an_allowance_of_their_own(client, bulletin):
    first = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    second = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.20"}

    answers = [send(client, bulletin, **first) for _ in range(spam.RATE_LIMIT + 1)]

    assert answers == [302] * spam.RATE_LIMIT + [429]
    assert send(client, bulletin, **second) == 302


@override_settings(PROXY_COUNT=1)
def test_a_made_up_forwarded_address_earns_no_fresh_allowance(client, bulletin):
    # A proxy that appends (a load balancer's chain) keeps what the client wrote in front.
    answers = [
        send(
            client,
            bulletin,
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, 198.51.100.7",
        )
        for attempt in range(spam.RATE_LIMIT + 3)
    ]

    assert answers.count(302) == spam.RATE_LIMIT
    assert Feedback.objects.count() == spam.RATE_LIMIT


@override_settings(PROXY_COUNT=0)
def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, bulletin):
    answers = [
        send(client, bulletin, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        for n in range(spam.RATE_LIMIT + 1)
    ]

    assert answers[-1] == 429


@override_settings(PROXY_COUNT=1)
def test_one_ipv6_subscriber_is_counted_once_whatever_address_of_its_network_it_uses(
    client, bulletin
):
    answers = [
        send(
            client,
            bulletin,
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"2001:db8:1:2::{attempt:x}",
        )
        for attempt in range(1, spam.RATE_LIMIT + 2)
    ]
    elsewhere = send(client, bulletin, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="2001:db8:1:3::1")

    assert answers[-1] == 429
    assert elsewhere == 302


def test_the_count_is_shared_by_every_app_server_through_the_redis_cache(
    client, bulletin, redis_url, settings
):
    settings.CACHES = {**settings.CACHES, "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url,
    }}  # fmt: skip
    caches["default"].clear()
    meta = {"REMOTE_ADDR": "198.51.100.7"}
    # Two app servers: two processes with their own connection to the one Redis.
    for _ in range(3):
        assert send(client, bulletin, **meta) == 302
    caches["default"].close()
    del caches["default"]
    for _ in range(spam.RATE_LIMIT - 3):
        assert send(client, bulletin, **meta) == 302

    assert send(client, bulletin, **meta) == 429
    caches["default"].clear()
