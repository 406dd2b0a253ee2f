"""Personal links: issued, checked and revoked here, and nowhere else.

A link carries a signed token naming the participation and a random key. The key is kept in
`AccessLink`, so a link can be revoked, and a new one issued, without changing the secret
that signs every other link. A token that is garbled, forged, revoked, of an anonymised person
or past its forum's last day (plus DELEGATE_LINK_DAYS_AFTER_FORUM) opens
nothing, and says nothing about which of these it was.
"""

import datetime as dt
import secrets
import zoneinfo

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from delegates.models import AccessLink, Participation

SALT = "delegates.access-link"


def access_link_token(link: AccessLink) -> str:
    """The signed token that `link` opens the delegate's page with (a part of its address)."""
    return signing.dumps([link.participation_id, link.key], salt=SALT, compress=False)


def access_link_expires_on(participation: Participation) -> dt.date:
    """The last day, in the forum's own time zone, on which the participation's link opens."""
    forum = participation.forum
    return forum.end_date + dt.timedelta(days=settings.DELEGATE_LINK_DAYS_AFTER_FORUM)


def _expired(participation: Participation, *, at: dt.datetime) -> bool:
    today = at.astimezone(zoneinfo.ZoneInfo(participation.forum.time_zone)).date()
    return today > access_link_expires_on(participation)


@transaction.atomic
def access_link_issue(*, participation: Participation, user=None) -> AccessLink:
    """The participation's live link, made if it has none.

    Side effects: creates an `AccessLink` the first time, or after a revocation.
    """
    # Serialise issuers of one participation, so two staff sending at once share one link.
    Participation.objects.select_for_update().filter(pk=participation.pk).first()
    link = AccessLink.objects.active().filter(participation=participation).first()
    if link is None:
        link = AccessLink.objects.create(
            participation=participation, key=secrets.token_urlsafe(24), created_by=user
        )
    return link


@transaction.atomic
def access_link_revoke(*, participation: Participation, user=None) -> int:
    """Revoke the participation's live link; returns how many were revoked (0 or 1).

    Side effects: the link stops opening the delegate's page at once; the next
    `access_link_issue` makes a new one.
    """
    return (
        AccessLink.objects.active()
        .filter(participation=participation)
        .update(revoked_at=timezone.now(), revoked_by=user)
    )


@transaction.atomic
def access_links_issue(*, participations, user=None) -> int:
    """Issue a link to each of `participations` that has none; returns how many were made.

    Side effects: as `access_link_issue`, for each.
    """
    without = participations.exclude(
        pk__in=AccessLink.objects.active().values("participation")
    ).order_by("pk")
    made = 0
    for participation in without:
        access_link_issue(participation=participation, user=user)
        made += 1
    return made


@transaction.atomic
def access_links_revoke(*, participations, user=None) -> int:
    """Revoke the live links of `participations`; returns how many were revoked.

    Side effect: those links stop opening the delegates' pages at once.
    """
    return (
        AccessLink.objects.active()
        .filter(participation__in=participations.values("pk"))
        .update(revoked_at=timezone.now(), revoked_by=user)
    )


def access_link_url(*, link: AccessLink, language: str) -> str:
    """The absolute address of the delegate's page that `link` opens, in `language`."""
    with translation.override(language):
        path = reverse("delegates:delegate_page", kwargs={"token": access_link_token(link)})
    return f"{settings.SITE_URL}{path}"


def access_link_open(*, token: str, at: dt.datetime | None = None) -> Participation | None:
    """The participation a token opens, or None.

    Side effects: stamps the link's `last_used_at`.
    """
    try:
        participation_id, key = signing.loads(token, salt=SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if not isinstance(participation_id, int) or not isinstance(key, str):
        return None
    link = (
        AccessLink.objects.active()
        .select_related("participation__forum", "participation__person")
        .filter(participation_id=participation_id, key=key)
        .first()
    )
    if link is None:
        return None
    participation = link.participation
    now = at or timezone.now()
    if participation.person.anonymised_at is not None or _expired(participation, at=now):
        return None
    AccessLink.objects.filter(pk=link.pk).update(last_used_at=now)
    return participation


@transaction.atomic
def access_links_issue_many(*, participations: list[Participation], user=None) -> dict:
    """The live link of each participation (id → AccessLink), made for those with none: for
    sending many invitations at once, in a few queries rather than three per delegate.

    Side effects: creates an `AccessLink` for each participation without a live one.
    """
    ids = [participation.pk for participation in participations]
    # Serialise with `access_link_issue`, as it does, so no participation gets two live links.
    list(Participation.objects.select_for_update().filter(pk__in=ids).values_list("pk"))
    links = {
        link.participation_id: link
        for link in AccessLink.objects.active().filter(participation_id__in=ids)
    }
    missing = [
        AccessLink(participation_id=pk, key=secrets.token_urlsafe(24), created_by=user)
        for pk in ids
        if pk not in links
    ]
    for link in AccessLink.objects.bulk_create(missing):
        links[link.participation_id] = link
    return links
