from django.test import RequestFactory

from amf import spam


def test_a_token_issued_for_one_form_is_refused_by_another():
    token = spam.issue_token(purpose="reports.feedback")

    assert spam.token_age(token, purpose="reports.feedback") is not None
    assert spam.token_age(token, purpose="delegates.registration") is None


def test_each_form_has_its_own_allowance_for_one_address():
    address = spam.client_address(RequestFactory().post("/", REMOTE_ADDR="203.0.113.9"))

    used_up = [spam.rate_limited(address, purpose="one", limit=2) for _ in range(3)]
    other = spam.rate_limited(address, purpose="two", limit=2)

    assert used_up == [False, False, True]
    assert other is False
