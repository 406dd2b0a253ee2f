"""The texts of emails to delegates: placeholders, and filling them in for one delegate.

A text names what differs per delegate with placeholders in braces, e.g. "Dear {honorific}
{name}". Only the names in PLACEHOLDERS are filled; any other brace word is refused when the
text is saved or sent, by name, so that a typo never reaches a delegate as "{nmae}". Filling
is a plain substitution, never str.format, which would let a text reach into objects.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from delegates.models import Participation
from delegates.names import full_name

PLACEHOLDERS = ("honorific", "name", "link", "forum")
PLACEHOLDER = re.compile(r"\{([^{}\n]{1,40})\}")
# What a preview shows instead of a personal link that is made only when the email is sent.
LINK_SHOWN_IN_PREVIEW = _("(the delegate's personal link)")


def placeholders_unknown(text: str) -> list[str]:
    """The brace words in `text` that are not placeholders, each once, in order."""
    unknown = []
    for name in PLACEHOLDER.findall(text or ""):
        if name not in PLACEHOLDERS and name not in unknown:
            unknown.append(name)
    return unknown


def placeholders_check(text: str) -> None:
    """Refuse `text` if it uses a placeholder that does not exist, naming it."""
    unknown = placeholders_unknown(text)
    if unknown:
        raise ValidationError(
            _("Unknown placeholders: %(unknown)s. Use only %(known)s.")
            % {
                "unknown": ", ".join(f"{{{name}}}" for name in unknown),
                "known": " ".join(f"{{{name}}}" for name in PLACEHOLDERS),
            },
            code="unknown_placeholder",
        )


# "{honorific}{name}" or "{honorific} {name}": the whole name, written as the language writes
# it, whichever the text chose: Thai joins civilian titles to the name ("นายสมชาย") and sets
# ranks apart ("พลเอก อนุพงษ์"), English always sets them apart.
HONORIFIC_AND_NAME = r"\{honorific\}[ \t]?\{name\}"
FILLED = re.compile(rf"(?P<whole>{HONORIFIC_AND_NAME})|\{{(?P<name>[^{{}}\n]{{1,40}})\}}")


def placeholders_fill(text: str, values: dict[str, str]) -> str:
    """`text` with each known placeholder replaced by its value, in one pass (a value is never
    read for placeholders itself)."""

    def fill(match):
        if match["whole"]:
            return values.get("full_name", match[0])
        name = match["name"]
        return values.get(name, match[0]) if name in PLACEHOLDERS else match[0]

    return FILLED.sub(fill, text)


def uses_link(*texts: str) -> bool:
    return any("link" in PLACEHOLDER.findall(text or "") for text in texts)


@dataclass(frozen=True)
class RenderedEmail:
    language: str
    subject: str
    body: str


def delegate_values(participation: Participation, *, language: str, link: str) -> dict[str, str]:
    """What the placeholders stand for, for this delegate, written in `language`."""
    person, forum = participation.person, participation.forum
    # modeltranslation reads the fields in the active language, falling back to the other.
    with translation.override(language):
        honorific = person.honorific
        thai = language == "th"
        return {
            "honorific": honorific,
            "name": full_name("", person.first_name, person.last_name, thai=thai),
            "full_name": full_name(honorific, person.first_name, person.last_name, thai=thai),
            "link": link,
            "forum": forum.title,
        }


def participation_email_render(
    *, participation: Participation, subject: str, body: str, language: str, link: str = ""
) -> RenderedEmail:
    """The subject and text for this delegate, their placeholders filled in.

    Raises ValidationError naming any unknown placeholder.
    """
    placeholders_check(subject)
    placeholders_check(body)
    values = delegate_values(participation, language=language, link=link)
    # A subject is one header line: line breaks in it would be refused by the mailer.
    filled_subject = " ".join(placeholders_fill(subject, values).split())
    return RenderedEmail(
        language=language,
        subject=filled_subject[:255],
        body=placeholders_fill(body, values),
    )


class InvitationMissing(ValidationError):
    """The forum has no invitation text (in this language) to send."""


def invitation_text_of(forum):
    """The forum's InvitationText; InvitationMissing, naming the forum, if it has none."""
    from delegates.models import InvitationText

    invitation = InvitationText.objects.filter(forum=forum).first()
    if invitation is None:
        raise InvitationMissing(
            _("%(forum)s has no invitation text yet: write it under Invitation texts.")
            % {"forum": forum},
            code="no_invitation_text",
        )
    return invitation


def invitation_render(
    *, participation: Participation, language: str, link: str, invitation=None
) -> RenderedEmail:
    """The invitation of `participation`'s forum, for its delegate, in `language` (the other
    language where it is not written). `invitation` saves a query when many are rendered."""
    invitation = invitation or invitation_text_of(participation.forum)
    # modeltranslation reads the active language's column, falling back to the other.
    with translation.override(language):
        subject, body = invitation.subject, invitation.body
    return participation_email_render(
        participation=participation, subject=subject, body=body, language=language, link=link
    )
