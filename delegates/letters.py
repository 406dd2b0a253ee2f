"""Invitation and visa support letters as they are read: what each says, in Thai or English.

A letter is built as a `LetterDocument` from a participation, its forum's letter settings,
a reference number and a date; the templates lay it out (Thai: the format of a Thai
official letter, หนังสือราชการภายนอก; English: the equivalent formal letter). What a letter
needs and lacks is checked here, once, with a message naming what is missing, for the
participation page, the list's action and the background job alike.

Each template is one language's letter, so its fixed words are written in that language
rather than translated: a Thai letter reads as Thai officials write them whatever the
language of the person printing it.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from amf import pdf
from amf.dates import format_date, format_date_range
from amf.thai_text import unbroken_words
from delegates.models import ForumLetterSettings, IssuedLetter, Participation
from delegates.names import full_name

Kind = IssuedLetter.Kind
LANGUAGES = ("th", "en")
THAILAND = "TH"
# What building a participation's letters reads besides the participation itself.
LETTER_RELATED = [
    "forum__venue",
    "forum__letter_settings",
    "person__organisation__country",
    "delegation__country",
    "country",
    "passport_nationality",
]


class LetterProblem(Exception):
    """A letter that cannot be written yet; `messages` say what is missing, in words."""

    def __init__(self, messages: list[str]):
        super().__init__(" ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class LetterDocument:
    """Everything one letter prints, in its language, ready for the template."""

    kind: str
    language: str
    reference: str
    date: str
    subject: str
    # Thai: the line after "เรียน"; English: the addressee's lines and the salutation.
    addressee: str
    addressee_lines: list[str]
    salutation: str
    paragraphs: list[str]
    enclosures: list[str]
    signatory_name: str
    signatory_position: str
    letterhead: str
    address_lines: list[str]
    office_name: str
    division: str
    phone: str
    email: str
    # The register's name for the addressee (the delegate, also in a visa letter).
    delegate_name: str = field(default="", compare=False)

    @property
    def template(self) -> str:
        return f"delegates/includes/letter_{self.language}.html"


def _text(obj, name: str, language: str) -> str:
    """A translated field in `language`, else in the other language."""
    other = "en" if language == "th" else "th"
    return getattr(obj, f"{name}_{language}", "") or getattr(obj, f"{name}_{other}", "") or ""


def person_name(person, language: str) -> str:
    """The person's honorific and name as `language` writes them (the other's if missing)."""
    other = "en" if language == "th" else "th"
    for lang in (language, other):
        first = getattr(person, f"first_name_{lang}", "")
        if first:
            return full_name(
                getattr(person, f"honorific_{lang}", "") or "",
                first,
                getattr(person, f"last_name_{lang}", "") or "",
                thai=lang == "th",
            )
    return ""


def both_names(person, language: str) -> str:
    """The name in the letter's language, with the other spelling in parentheses if any."""
    name = person_name(person, language)
    other = "en" if language == "th" else "th"
    if getattr(person, f"first_name_{other}", ""):
        other_name = person_name(person, other)
        if other_name and other_name != name:
            return f"{name} ({other_name})"
    return name


def organisation_of(participation: Participation):
    return participation.delegation or participation.person.organisation


def embassy_country(participation: Participation):
    """Where the delegate applies for the visa: the country they come from, unless that is
    Thailand (a foreigner working there), then their passport's."""
    for country in (participation.find_listed_country(), participation.passport_nationality):
        if country is not None and country.code != THAILAND:
            return country
    return None


def letter_settings_of(forum) -> ForumLetterSettings | None:
    """The forum's letter settings, or None (read once with the forum if select_related)."""
    try:
        return forum.letter_settings
    except ForumLetterSettings.DoesNotExist:
        return None


def next_letter_number(settings: ForumLetterSettings) -> int:
    """The running number the forum's next letter takes: one past the highest issued, and
    never below the number the office's register continues from."""
    highest = IssuedLetter.objects.filter(forum_id=settings.forum_id).aggregate(
        highest=Max("number")
    )["highest"]
    return max(settings.first_number, (highest or 0) + 1)


def letter_problems(participation: Participation, *, kind: str) -> list[str]:
    """What keeps `participation` from having a letter of `kind`, in words; [] if nothing."""
    problems = []
    who = person_name(participation.person, translation.get_language() or "th")
    if letter_settings_of(participation.forum) is None:
        problems.append(
            _(
                "The forum “%(forum)s” has no letter settings yet (signatory, office, reference "
                "prefix): add them under Delegates → Letter settings."
            )
            % {"forum": participation.forum}
        )
    if participation.registration_status == Participation.RegistrationStatus.CANCELLED:
        problems.append(
            _("%(name)s: the participation is cancelled; no letter is issued.") % {"name": who}
        )
    if kind == Kind.VISA:
        if not participation.passport_number:
            problems.append(
                _(
                    "%(name)s: no passport number; a visa support letter names the passport. "
                    "Enter it under “Visa support letter” on the participation."
                )
                % {"name": who}
            )
        nationality = participation.passport_nationality
        if nationality is not None and nationality.code == THAILAND:
            problems.append(
                _("%(name)s holds a Thai passport, which needs no visa for Thailand.")
                % {"name": who}
            )
        if participation.passport_expires_on and participation.passport_expires_on < (
            participation.forum.end_date
        ):
            problems.append(
                _("%(name)s: the passport expires on %(date)s, before the forum ends.")
                % {"name": who, "date": format_date(participation.passport_expires_on)}
            )
    return problems


def letter_check(participation: Participation, *, kind: str) -> None:
    """Raise LetterProblem naming what `participation` lacks for a letter of `kind`."""
    problems = letter_problems(participation, kind=kind)
    if problems:
        raise LetterProblem(problems)


def html(*parts) -> SafeString:
    """Text and safe pieces joined into safe HTML (the text escaped)."""
    return mark_safe("".join(conditional_escape(part) for part in parts))


def whole(text: str) -> SafeString:
    """A date or number printed on one line, never cut at a line's end."""
    return format_html('<span class="nobr">{}</span>', text)


def name_html(text: str) -> SafeString:
    """A name whose words are each kept whole (a dictionary knows few names; libthai would
    cut "ตาปิโอลา" as "ตา|ปิโอลา")."""
    return unbroken_words(text)


def _date(value: dt.date, language: str) -> SafeString:
    return whole(format_date(value, language=language))


def _forum_sentence(forum, language: str, letterhead: str) -> SafeString:
    # Thai official letters space the dash of a range ("26 – 28 สิงหาคม 2562").
    dates = whole(
        format_date_range(
            forum.start_date, forum.end_date, language=language, spaced=language == "th"
        )
    )
    venue = forum.venue.name_and_city
    title = _text(forum, "title", language)
    theme = _text(forum, "theme", language)
    single = forum.start_date == forum.end_date
    if language == "th":
        when = html("ในวันที่ " if single else "ระหว่างวันที่ ", dates)
        about = f" ภายใต้หัวข้อ “{theme}”" if theme else ""
        return html(f"ด้วย{letterhead}กำหนดจัด{title}{about} ", when, f" ณ {venue}")
    when = html("on " if single else "from ", dates)
    about = f", under the theme “{theme}”" if theme else ""
    return html(f"The {letterhead} will hold the {title} ", when, f" at {venue}{about}.")


def _passport_phrase(participation: Participation, language: str) -> SafeString:
    number = participation.passport_number
    if not number:
        return html()
    nationality = participation.passport_nationality
    expires = participation.passport_expires_on
    if language == "th":
        parts = [html("ผู้ถือหนังสือเดินทาง", whole(f"เลขที่ {number}"))]
        if nationality:
            parts.insert(0, html(f"สัญชาติ{_text(nationality, 'name', 'th')}"))
        if expires:
            parts.append(html("ซึ่งใช้ได้ถึงวันที่ ", _date(expires, "th")))
        return html(*[piece for part in parts for piece in (part, " ")][:-1])
    text = html("holder of passport No. ", whole(number))
    if expires:
        text = html(text, ", valid until ", _date(expires, "en"))
    if nationality:
        text = html(f"a national of {_text(nationality, 'name', 'en')}, ", text)
    return text


def _capacity(participation: Participation, language: str) -> str:
    """Position, organisation and country, as one phrase of the letter's language."""
    person = participation.person
    position = _text(person, "position", language)
    organisation = organisation_of(participation)
    country = participation.find_listed_country()
    parts = [position] if position else []
    if organisation is not None:
        name = _text(organisation, "name", language)
        if name and name not in position:
            parts.append(name)
    if country is not None:
        name = _text(country, "name", language)
        if name and not any(name in part for part in parts):
            parts.append(f"ประเทศ{name}" if language == "th" else name)
    return (" " if language == "th" else ", ").join(parts)


def _travel(participation: Participation, language: str) -> SafeString:
    arrival, departure = participation.arrival_date, participation.departure_date
    if not arrival and not departure:
        return html()
    if language == "th":
        parts = []
        if arrival:
            parts.append(html("เดินทางถึงประเทศไทยในวันที่ ", _date(arrival, "th")))
        if departure:
            parts.append(html("เดินทางออกจากประเทศไทยในวันที่ ", _date(departure, "th")))
        return html("โดยมีกำหนด", *[piece for part in parts for piece in (part, " และ")][:-1])
    parts = []
    if arrival:
        parts.append(html("arrive in Thailand on ", _date(arrival, "en")))
    if departure:
        parts.append(html("leave on ", _date(departure, "en")))
    return html("and plans to ", *[piece for part in parts for piece in (part, " and to ")][:-1])


def _invitation(participation, language, letterhead) -> dict:
    forum = participation.forum
    person = participation.person
    title = _text(forum, "title", language)
    capacity = _capacity(participation, language)
    passport = _passport_phrase(participation, language)
    if language == "th":
        invite = html(f"ในการนี้ {letterhead}จึงขอเรียนเชิญ ", name_html(both_names(person, "th")))
        if capacity:
            invite = html(invite, f" ในฐานะ{capacity}")
        invite = html(invite, " เข้าร่วม", whole("การประชุมดังกล่าว"))
        if passport:
            invite = html(invite, " (", passport, ")")
        return {
            "subject": html(f"ขอเรียนเชิญเข้าร่วม{title}"),
            "addressee": name_html(person_name(person, "th")),
            "salutation": "",
            "paragraphs": [
                _forum_sentence(forum, language, letterhead),
                invite,
                html("จึงเรียนมาเพื่อโปรดพิจารณาตอบรับการเข้าร่วมการประชุม ", whole("จะขอบคุณยิ่ง")),
            ],
        }
    invite = html(f"On behalf of the {letterhead}, I have the honour to invite you")
    if capacity:
        invite = html(invite, f", in your capacity as {capacity},")
    invite = html(invite, " to take part in the forum.")
    if passport:
        invite = html(
            invite,
            " This invitation is issued to ",
            name_html(both_names(person, "en")),
            ", ",
            passport,
            ".",
        )
    return {
        "subject": html(f"Invitation to the {title}"),
        "addressee": name_html(person_name(person, "en")),
        "salutation": html("Dear ", name_html(_dear(person)), ","),
        "paragraphs": [
            _forum_sentence(forum, language, letterhead),
            invite,
            html(
                "I would be grateful for your confirmation of attendance, and look forward to "
                "welcoming you to the forum."
            ),
        ],
    }


def _dear(person) -> str:
    honorific = _text(person, "honorific", "en") if person.first_name_en else ""
    last = person.last_name_en if person.first_name_en else ""
    if honorific and last:
        return f"{honorific} {last}"
    return person_name(person, "en")


def _visa(participation, language, letterhead) -> dict:
    forum = participation.forum
    person = participation.person
    title = _text(forum, "title", language)
    capacity = _capacity(participation, language)
    passport = _passport_phrase(participation, language)
    travel = _travel(participation, language)
    country = embassy_country(participation)
    if language == "th":
        where = f" ณ {_text(country, 'name', 'th')}" if country else "ที่เกี่ยวข้อง"
        certify = html(f"ในการนี้ {letterhead}ขอรับรองว่า ", name_html(both_names(person, "th")))
        if capacity:
            certify = html(certify, f" ตำแหน่ง{capacity}")
        certify = html(certify, " ", passport, " ได้รับเชิญเข้าร่วม", whole("การประชุมดังกล่าว"))
        if travel:
            certify = html(certify, " ", travel)
        return {
            "subject": html(f"ขอความอนุเคราะห์ออกการตรวจลงตรา (visa) ให้แก่ผู้เข้าร่วม{title}"),
            "addressee": html(f"เอกอัครราชทูตหรือกงสุลใหญ่ไทย{where}"),
            "salutation": "",
            "paragraphs": [
                _forum_sentence(forum, language, letterhead),
                certify,
                html(
                    "จึงเรียนมาเพื่อโปรดพิจารณาให้ความอนุเคราะห์ออกการตรวจลงตราให้แก่บุคคลดังกล่าว"
                    "เพื่อเดินทางเข้าร่วมการประชุมด้วย ",
                    whole("จะขอบคุณยิ่ง"),
                ),
            ],
        }
    where = f"in {_text(country, 'name', 'en')}" if country else "concerned"
    certify = html("I have the honour to certify that ", name_html(both_names(person, "en")))
    if capacity:
        certify = html(certify, f", {capacity},")
    certify = html(certify, " ", passport, ", has been invited to take part in the forum")
    certify = html(certify, ", ", travel, ".") if travel else html(certify, ".")
    return {
        "subject": html(f"Visa support for a participant in the {title}"),
        "addressee": html(f"The Ambassador or Consul-General of Thailand {where}"),
        "salutation": html("Excellency,"),
        "paragraphs": [
            _forum_sentence(forum, language, letterhead),
            certify,
            html(
                "I should be most grateful if the appropriate visa could be granted to the "
                "above-named participant to travel to Thailand for the forum."
            ),
        ],
    }


def _enclosures(participation, kind: str, language: str, invitation) -> list[str]:
    """A visa letter encloses a copy of the invitation, if one was issued."""
    if kind != Kind.VISA or invitation is None:
        return []
    dated = _date(invitation.dated, language)
    reference = whole(invitation.reference)
    if language == "th":
        return [html("สำเนาหนังสือเชิญ ที่ ", reference, " ลงวันที่ ", dated)]
    return [html("Copy of the letter of invitation, Ref. ", reference, ", dated ", dated)]


def reference_of(settings: ForumLetterSettings, number: int, language: str) -> str:
    """ "กท 1402/17": the forum's prefix in `language` (else Thai) and the running number."""
    prefix = _text(settings, "reference_prefix", language)
    return f"{prefix}{number}"


def letter_document(
    participation: Participation,
    *,
    kind: str,
    language: str,
    reference: str,
    dated: dt.date,
    invitation: IssuedLetter | None = None,
) -> LetterDocument:
    """The letter of `kind` to `participation` in `language`. Raises LetterProblem if the
    participation lacks what it needs (see letter_problems)."""
    if language not in LANGUAGES:
        raise LetterProblem([_("Letters are written in Thai or English.")])
    if kind not in Kind.values:
        raise LetterProblem([_("This kind of letter is not known to this version.")])
    letter_check(participation, kind=kind)
    settings = participation.forum.letter_settings
    with translation.override(language):
        letterhead = _text(settings, "letterhead", language)
        body = (_visa if kind == Kind.VISA else _invitation)(participation, language, letterhead)
        person = participation.person
        lines = []
        if kind == Kind.INVITATION and language == "en":
            organisation = organisation_of(participation)
            country = participation.find_listed_country()
            lines = [
                name_html(person_name(person, "en")),
                _text(person, "position", "en"),
                _text(organisation, "name", "en") if organisation else "",
                _text(country, "name", "en") if country else "",
            ]
        elif language == "en":
            lines = [str(body["addressee"])]
        return LetterDocument(
            kind=kind,
            language=language,
            reference=reference,
            date=format_date(dated, language=language),
            subject=body["subject"],
            addressee=body["addressee"],
            addressee_lines=[line for line in dict.fromkeys(lines) if line],
            salutation=body["salutation"],
            paragraphs=body["paragraphs"],
            enclosures=_enclosures(participation, kind, language, invitation),
            signatory_name=_text(settings, "signatory_name", language),
            signatory_position=_text(settings, "signatory_position", language),
            letterhead=letterhead,
            address_lines=[
                line.strip()
                for line in _text(settings, "office_address", language).splitlines()
                if line.strip()
            ],
            office_name=_text(settings, "office_name", language),
            division=_text(settings, "division", language),
            phone=settings.phone,
            email=settings.email,
            delegate_name=person_name(person, language),
        )


def letters_pdf(documents: Iterable[LetterDocument]) -> bytes:
    """The letters in one PDF, each starting on a new page."""
    return pdf.render_pdf("delegates/issuedletter_pdf.html", {"documents": list(documents)})


def letters_pages(documents: list[LetterDocument]) -> list[list]:
    """Each letter's pages (see amf.pdf.pages_to_pdf), from one layout of them all.

    Laying out a batch once and cutting it into letters takes a fraction of the time of
    laying out each letter alone; the pages are the same either way.
    """
    html = render_to_string("delegates/issuedletter_pdf.html", {"documents": documents})
    return pdf.html_to_pages(html, parts=[f"letter-{index}" for index in range(len(documents))])
