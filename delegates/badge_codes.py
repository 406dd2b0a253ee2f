"""The check-in code on a badge: a signed reference to one participation in one forum.

A code reads like ``12.3456:K7QDN2XAMPLE4WZ5``: the forum's id, the participation's id and a
signature. It names nobody (no name, no email), so a lost badge or a photo of one gives away
nothing personal, and it cannot be made up or altered without the server's secret key. The
forum is part of what is signed, so a badge is refused at another forum's door.

It is short and uses only capitals, digits, "." and ":", so that the QR code stays small
(QR's alphanumeric mode) and a code whose QR cannot be read can be typed from the badge.
Rotating SECRET_KEY makes printed badges unreadable unless the old key is kept in
SECRET_KEY_FALLBACKS until the forum is over.
"""

import base64
import re

import segno
from django.core import signing
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from delegates.models import Participation

SALT = "amf.delegates.badge-check-in"
# 80 bits of the HMAC: far beyond guessing at a door, and still short enough to type.
SIGNATURE_LENGTH = 16
# Longer input is not a code; refusing it early keeps the work done for it bounded.
MAX_LENGTH = 64
VALUE = re.compile(r"^(?P<forum>[1-9][0-9]{0,17})\.(?P<participation>[1-9][0-9]{0,17})$")


class BadgeCodeError(Exception):
    """A code that does not check anybody in here, with a message for the person at the door."""


class BadgeSigner(signing.Signer):
    """django.core.signing's Signer (its key fallbacks, its constant-time comparison), with a
    signature cut to SIGNATURE_LENGTH characters of base32 so it fits QR's alphanumeric mode."""

    def signature(self, value, key=None):
        digest = salted_hmac(self.salt + "signer", value, key or self.key, algorithm="sha256")
        return base64.b32encode(digest.digest()).decode()[:SIGNATURE_LENGTH]


def _signer() -> BadgeSigner:
    return BadgeSigner(salt=SALT, sep=":")


def badge_code(participation: Participation) -> str:
    """The check-in code printed on `participation`'s badge."""
    return _signer().sign(f"{participation.forum_id}.{participation.pk}")


def badge_qr_svg(code: str) -> str:
    """The QR code of `code` as an SVG data URI, for an <img> in a badge (WeasyPrint)."""
    qr = segno.make_qr(code, error="m")
    # A quiet zone of four modules, as the standard asks, so phones find the code at once.
    return qr.svg_data_uri(scale=1, border=4, dark="#000000", light="#ffffff")


def normalise(code: str) -> str:
    """The code as typed or scanned, without spaces and in capitals (codes are case-free)."""
    return "".join(str(code).split()).upper()


def badge_code_participation(code: str, *, forum) -> Participation:
    """The participation in `forum` that `code` refers to.

    Raises BadgeCodeError, with a message saying why, for anything else: a code that is not
    an AMF badge code, a forged or altered one, one of another forum, or one whose
    participation no longer exists.
    """
    code = normalise(code)
    if not code or len(code) > MAX_LENGTH:
        raise BadgeCodeError(_("That is not an AMF badge code."))
    try:
        value = _signer().unsign(code)
    except signing.BadSignature:
        raise BadgeCodeError(
            _("That badge code is not valid: it was mistyped, misread or altered.")
        ) from None
    match = VALUE.match(value)
    if match is None:
        raise BadgeCodeError(_("That is not an AMF badge code."))
    if int(match["forum"]) != forum.pk:
        raise BadgeCodeError(
            _("That badge is for another forum, not %(forum)s.") % {"forum": forum}
        )
    participation = (
        Participation.objects.filter(forum=forum, pk=int(match["participation"]))
        .select_related("person", "forum")
        .first()
    )
    if participation is None:
        raise BadgeCodeError(_("That badge's delegate is no longer registered for this forum."))
    return participation
