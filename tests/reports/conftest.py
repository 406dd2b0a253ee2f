"""Fixtures for the reports tests: users holding each workflow permission, a clean cache."""

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    # The feedback rate limit counts in the cache; no test may inherit another's count.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_with():
    """Make a staff user holding the given reports permissions (codenames)."""

    def make(*codenames: str, username: str | None = None):
        kwargs = {"username": username} if username else {}
        user = UserFactory(is_staff=True, **kwargs)
        user.user_permissions.add(
            *Permission.objects.filter(content_type__app_label="reports", codename__in=codenames)
        )
        # Permissions are cached on the user object; fetch it afresh.
        return type(user).objects.get(pk=user.pk)

    return make
