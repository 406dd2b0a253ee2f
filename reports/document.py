"""The bulletin as it is read: its fixed sections in one language, from a bulletin or a revision.

Pages, PDFs and revision snapshots all go through `BulletinDocument`, so the order of the
sections and the way venue and dates are written are decided once.
"""

import re
from dataclasses import asdict, dataclass

from django.utils import translation

from amf.richtext import sanitize_html

LANGUAGES = ("th", "en")
# A title ending in a parenthesised name, "(the 5th ASEAN Mayors Forum 2019)", prints it on
# a line of its own, as the office's bulletins do.
TRAILING_PARENTHESIS = re.compile(r"^(?P<head>.+?)\s+(?P<tail>\([^()]+\))$")


@dataclass(frozen=True)
class BulletinDocument:
    """What a bulletin says, in one language, section by section."""

    language: str
    title: str
    mission_group: str
    meeting_name: str
    venue: str
    dates: str
    summary: str
    continued_operations: str
    reporter_name: str
    reporter_position: str
    reporter_division: str
    reporter_office: str
    reporter_phone: str

    @property
    def title_lines(self) -> list[str]:
        """The title as printed: a trailing parenthesis goes on its own line."""
        match = TRAILING_PARENTHESIS.match(self.title)
        return [match["head"], match["tail"]] if match else [self.title]

    @property
    def reporter_lines(self) -> list[str]:
        """The signature block of section 6, one line each, empty lines left out."""
        lines = [
            self.reporter_name,
            self.reporter_position,
            self.reporter_division,
            self.reporter_office,
        ]
        return [line for line in lines if line]


def document_from_bulletin(bulletin, *, language: str) -> BulletinDocument:
    """Read `bulletin` in `language`, with its forum's venue and dates written that way."""
    with translation.override(language):
        forum = bulletin.forum
        return BulletinDocument(
            language=language,
            title=bulletin.title,
            mission_group=bulletin.mission_group.name,
            meeting_name=bulletin.meeting_name,
            venue=forum.venue.name_and_city,
            dates=forum.dates_display(spaced=True),
            summary=sanitize_html(bulletin.summary),
            continued_operations=sanitize_html(bulletin.continued_operations),
            reporter_name=bulletin.reporter.full_name,
            reporter_position=bulletin.reporter_position,
            reporter_division=bulletin.reporter_division,
            reporter_office=bulletin.reporter_office,
            reporter_phone=bulletin.reporter_phone,
        )


def snapshot(bulletin) -> dict[str, dict[str, str]]:
    """The bulletin's document in every language, as JSON-ready data for a revision."""
    return {
        language: asdict(document_from_bulletin(bulletin, language=language))
        for language in LANGUAGES
    }


def document_from_snapshot(content: dict, *, language: str) -> BulletinDocument:
    """Read a revision's snapshot in `language` (Thai if that language was not recorded)."""
    data = content.get(language) or content["th"]
    fields = BulletinDocument.__dataclass_fields__
    values = {name: data.get(name, "") for name in fields}
    # Stored HTML is sanitised again on the way out: a snapshot is data, not trusted markup.
    values["summary"] = sanitize_html(values["summary"])
    values["continued_operations"] = sanitize_html(values["continued_operations"])
    return BulletinDocument(**values)
