"""Fixtures for the reports tests: users holding each workflow permission."""

import pytest
from django.contrib.auth.models import Permission

from tests.factories import UserFactory


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


# A throwaway Redis, as the shared cache of several app servers.
from tests.amf.conftest import redis_url  # noqa: E402, F401
