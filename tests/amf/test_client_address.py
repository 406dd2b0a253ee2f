"""One rule for the client's address behind proxies (amf.security.client_ip)."""

import pytest
from django.test import RequestFactory, override_settings

from amf.security import client_ip


def address(forwarded: str | None, remote: str = "10.0.0.2") -> str | None:
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **meta))


@override_settings(PROXY_COUNT=2)
def test_behind_two_proxies_the_address_the_outer_one_saw_is_the_clients():
    assert address("203.0.113.9, 198.51.100.7, 10.0.0.9") == "198.51.100.7"


@override_settings(PROXY_COUNT=2)
def test_a_request_that_skipped_a_proxy_is_told_apart_by_the_first_address_recorded():
    # The proxy's own address (REMOTE_ADDR) would count every such visitor as one.
    assert address("198.51.100.7") == "198.51.100.7"


@override_settings(PROXY_COUNT=1)
@pytest.mark.parametrize("forwarded", ["", " , ", "not-an-address", "198.51.100.7\x00", "๑.๒.๓.๔"])
def test_an_entry_that_is_no_address_is_not_used(forwarded):
    assert address(forwarded) == "10.0.0.2"


@override_settings(PROXY_COUNT=1)
def test_an_ipv6_client_is_written_one_way():
    assert address("2001:DB8:0:0::1") == "2001:db8::1"


def test_every_place_that_needs_the_clients_address_uses_the_one_rule(settings):
    from amf import spam

    settings.PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert settings.AXES_CLIENT_IP_CALLABLE == "amf.security.client_ip"
    assert spam.client_address(request) == client_ip(request) == "198.51.100.7"
