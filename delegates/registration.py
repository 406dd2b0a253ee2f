"""A forum's registration window as its public pages read it: from the cache, by version."""

from django.utils import timezone

from delegates.models import ForumRegistration
from delegates.models.registration import RegistrationState, RegistrationWindow
from events.models.forum import ForumVersion
from events.pages import keep, recall, stored_key


def registration_window(version: ForumVersion) -> RegistrationWindow:
    """The forum's registration window at `version`, from the cache or read (up to 2 queries).

    The settings and whether the forum is full are part of the version (every change to
    either moves it), while the moment is not: pages key on `registration_state`.
    """
    key = stored_key("registration-window", version.key)
    window = recall(key)
    if window is None:
        window = ForumRegistration.objects.window_of(version.pk)
        keep(key, window)
    return window


def registration_state(version: ForumVersion, *, at=None) -> RegistrationState:
    """Where the forum's registration stands now (or `at`)."""
    return registration_window(version).state(at=at or timezone.now())
