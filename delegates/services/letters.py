"""Writes for letters: issuing invitation and visa support letters, and their register.

Reference numbers run per forum (the settings' prefix, then 1, 2, 3…). The next number
follows the highest the forum's register holds, read while the forum's letter settings
row is locked (SELECT … FOR UPDATE), so two issues at once, from two requests or a request
and a job, wait for each other and never take one number twice; a unique constraint on
(forum, number) stands behind it.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amf import pdf
from delegates.letters import (
    LETTER_RELATED,
    LetterDocument,
    LetterProblem,
    letter_document,
    letter_problems,
    letters_pages,
    letters_pdf,
    next_letter_number,
    reference_of,
)
from delegates.models import ForumLetterSettings, IssuedLetter, Participation
from events.models import Forum

# Letters laid out and recorded together: the forum's numbers are locked for one chunk at
# a time, so a single letter asked for meanwhile waits seconds, not the whole batch.
CHUNK = 25


@dataclass
class LettersIssued:
    """What a batch issued: the letters, one PDF of them all, and who was passed over why."""

    letters: list[IssuedLetter] = field(default_factory=list)
    pdf: bytes = b""
    problems: list[str] = field(default_factory=list)
    passed_over: int = 0


def _numbers_take(*, forum: Forum, count: int) -> tuple[ForumLetterSettings, list[int]]:
    """Lock the forum's letter settings and give the next `count` running numbers.

    Must run in a transaction, which holds the lock (and so the numbers) until it ends.
    """
    settings = ForumLetterSettings.objects.select_for_update().get(forum=forum)
    first = next_letter_number(settings)
    return settings, list(range(first, first + count))


def _last_invitations(participations: list[Participation]) -> dict[int, IssuedLetter]:
    """Each participation's latest invitation letter, which a visa letter encloses."""
    latest = {}
    for letter in IssuedLetter.objects.filter(
        participation__in=participations, kind=IssuedLetter.Kind.INVITATION
    ).order_by("number"):
        latest[letter.participation_id] = letter
    return latest


def _store(*, participation, document: LetterDocument, number, content, dated, user, job=None):
    letter = IssuedLetter(
        forum_id=participation.forum_id,
        participation=participation,
        kind=document.kind,
        language=document.language,
        number=number,
        reference=document.reference[:60],
        dated=dated,
        addressee=document.delegate_name[:300],
        issued_by=user if user is not None and user.is_authenticated else None,
        job=job,
    )
    # Stored under a random name (the reference may hold "/"); the callers delete the file
    # again should the row not be written.
    letter.pdf.save("letter.pdf", ContentFile(content), save=False)
    return letter


def _delete_files_on_failure(letters: list[IssuedLetter]) -> None:
    for letter in letters:
        if letter.pdf.name:
            letter.pdf.storage.delete(letter.pdf.name)


@transaction.atomic
def letter_issue(
    *,
    participation: Participation,
    kind: str,
    language: str,
    user=None,
    dated: dt.date | None = None,
) -> IssuedLetter:
    """Issue one letter of `kind` in `language` to `participation`, numbered and dated.

    Raises LetterProblem, naming what is missing, if the participation lacks what the
    letter needs. Side effects: takes the forum's next running number (waiting for any
    issue in progress for the same forum); stores the PDF in the default storage; writes
    one IssuedLetter recording who issued it and when.
    """
    participation = Participation.objects.select_related(*LETTER_RELATED).get(pk=participation.pk)
    problems = letter_problems(participation, kind=kind)
    if problems:
        raise LetterProblem(problems)
    dated = dated or timezone.localdate()
    settings, (number,) = _numbers_take(forum=participation.forum, count=1)
    invitation = _last_invitations([participation]).get(participation.pk)
    document = letter_document(
        participation,
        kind=kind,
        language=language,
        reference=reference_of(settings, number, language),
        dated=dated,
        invitation=invitation,
    )
    letter = _store(
        participation=participation,
        document=document,
        number=number,
        content=letters_pdf([document]),
        dated=dated,
        user=user,
    )
    try:
        letter.save()
    except BaseException:
        _delete_files_on_failure([letter])
        raise
    return letter


def letters_issue(
    *,
    forum: Forum,
    participations: Iterable[Participation],
    kind: str,
    language: str,
    user=None,
    job=None,
    dated: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> LettersIssued:
    """Issue a letter of `kind` in `language` to each of `participations` of `forum`, in
    protocol order.

    Those lacking what the letter needs, and any of another forum, are passed over, each
    problem named in the result.
    Letters are laid out and recorded CHUNK at a time, each chunk in one transaction, so a
    stopped batch keeps whole chunks and nothing half-done.

    Side effects: as `letter_issue`'s for each letter (numbers, stored PDFs, IssuedLetter
    rows naming `user` and `job`); `progress(done, total)` is called after each chunk.
    """
    dated = dated or timezone.localdate()
    ids = [p.pk for p in participations]
    chosen = list(
        Participation.objects.filter(pk__in=ids).select_related(*LETTER_RELATED).in_protocol_order()
    )
    result = LettersIssued()
    ready = []
    for participation in chosen:
        if participation.forum_id != forum.pk:
            problems = [
                _(
                    "%(participation)s takes part in another forum, “%(other)s”; its letters "
                    "are issued from that forum's list."
                )
                % {"participation": participation, "other": participation.forum}
            ]
        else:
            problems = letter_problems(participation, kind=kind)
        if problems:
            result.problems.extend(problems)
            result.passed_over += 1
        else:
            ready.append(participation)
    pages = []
    if progress:
        progress(0, len(ready))
    for start in range(0, len(ready), CHUNK):
        chunk = ready[start : start + CHUNK]
        letters, chunk_pages = _chunk_issue(
            chunk, kind=kind, language=language, user=user, job=job, dated=dated
        )
        result.letters.extend(letters)
        pages.extend(chunk_pages)
        if progress:
            progress(start + len(chunk), len(ready))
    if pages:
        result.pdf = pdf.pages_to_pdf([page for letter_pages in pages for page in letter_pages])
    return result


@transaction.atomic
def _chunk_issue(chunk, *, kind, language, user, job, dated) -> tuple[list[IssuedLetter], list]:
    settings, numbers = _numbers_take(forum=chunk[0].forum, count=len(chunk))
    invitations = _last_invitations(chunk) if kind == IssuedLetter.Kind.VISA else {}
    documents = [
        letter_document(
            participation,
            kind=kind,
            language=language,
            reference=reference_of(settings, number, language),
            dated=dated,
            invitation=invitations.get(participation.pk),
        )
        for participation, number in zip(chunk, numbers, strict=True)
    ]
    pages = letters_pages(documents)
    letters = []
    try:
        for participation, document, number, letter_pages in zip(
            chunk, documents, numbers, pages, strict=True
        ):
            letters.append(
                _store(
                    participation=participation,
                    document=document,
                    number=number,
                    content=pdf.pages_to_pdf(letter_pages),
                    dated=dated,
                    user=user,
                    job=job,
                )
            )
        IssuedLetter.objects.bulk_create(letters)
    except BaseException:
        _delete_files_on_failure(letters)
        raise
    return letters, pages


@transaction.atomic
def issued_letters_erase(*, participations) -> int:
    """Erase the personal data of the letters issued to `participations` (anonymisation).

    Side effects: the addressee's name is blanked and each stored PDF (which holds the
    passport details) is deleted from storage once the transaction commits; the register's
    lines (reference number, kind, date, who issued it) stay. Returns how many letters.
    """
    letters = IssuedLetter.objects.filter(participation__in=participations)
    names = list(letters.exclude(pdf="").values_list("pdf", flat=True))
    storage = IssuedLetter._meta.get_field("pdf").storage
    for name in names:
        transaction.on_commit(lambda name=name: storage.delete(name))
    return letters.update(addressee="", pdf="")
