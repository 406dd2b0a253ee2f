"""Uploaded delegate files kept between an import's preview and its confirmation."""

import secrets

from django.db import transaction
from django.utils import timezone

from delegates.models import StagedImport

# A user previewing file after file keeps only this many waiting.
KEPT_PER_USER = 10


@transaction.atomic
def staged_import_create(*, user, name: str, data: bytes) -> StagedImport:
    """Keep `data` for `user` until they confirm the import; returns the row with its token.

    Side effects: deletes every expired staged file (anyone's) and this user's oldest files
    beyond the last KEPT_PER_USER.
    """
    now = timezone.now()
    StagedImport.objects.expired(now=now).delete()
    staged = StagedImport.objects.create(
        token=secrets.token_urlsafe(32),
        user=user,
        name=name[:255],
        data=data,
        size=len(data),
        created_at=now,
    )
    kept = StagedImport.objects.filter(user=user).order_by("-created_at", "-pk")
    stale = kept.values_list("pk", flat=True)[KEPT_PER_USER:]
    StagedImport.objects.filter(pk__in=list(stale)).delete()
    return staged


@transaction.atomic
def staged_import_take(*, token: str, user) -> StagedImport | None:
    """Hand `user` their unexpired file kept under `token`, once; None if there is none.

    Side effects: deletes the row, so that a second confirmation finds nothing; files of
    other users are neither returned nor touched.
    """
    staged = StagedImport.objects.fresh().select_for_update().filter(token=token, user=user).first()
    if staged is not None:
        staged.delete()
    return staged
