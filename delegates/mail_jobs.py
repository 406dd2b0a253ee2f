"""Background jobs sending email to many delegates: invitations, and messages from the office.

A job writes every email of its selection at once (bulk) and queues their sending; the
sending itself is the outbox's (delegates.services.mail.outbox), batch by batch, with retries.
A job is all or nothing: its links and emails are written in one transaction, so a failed
job can be started again without sending anyone an email twice.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from amf.jobs.kinds import JobProblem, job_kind
from amf.jobs.services import job_start
from amf.models import Job
from delegates.models import OutgoingEmail, Participation
from delegates.services.links import access_link_url, access_links_issue_many
from delegates.services.mail import (
    Draft,
    InvitationMissing,
    delegate_address,
    invitation_render,
    invitation_text_of,
    outgoing_emails_queue_many,
    participation_email_render,
)
from delegates.services.mail.texts import uses_link

INVITATIONS = "delegates.invitations_send"
MESSAGE = "delegates.message_send"
# Problems listed on the job's page; the count says how many there were in all.
PROBLEMS_SHOWN = 200


def invitations_send_start(*, user, participations) -> Job:
    """Start a job inviting the selected participations that are in the "invited" state.

    Side effects: a queued Job.
    """
    invited = participations.filter(registration_status=Participation.RegistrationStatus.INVITED)
    ids = list(invited.order_by().values_list("pk", flat=True))
    count = len(ids)
    return job_start(
        kind=INVITATIONS,
        title=ngettext(
            "Invitation to %(count)d delegate", "Invitations to %(count)d delegates", count
        )
        % {"count": count},
        user=user,
        forum=_forum_instance(invited),
        params={"participations": ids},
    )


def _forum_instance(participations):
    from events.models import Forum

    forum_id = participations.sole_forum_id()
    return Forum.objects.filter(pk=forum_id).first() if forum_id else None


def message_send_start(*, user, participations, texts: dict[str, str]) -> Job:
    """Start a job sending the message `texts` (subject_th, subject_en, body_th, body_en) to
    each selected participation, in its delegate's language.

    Side effects: a queued Job.
    """
    ids = list(participations.order_by().values_list("pk", flat=True))
    count = len(ids)
    return job_start(
        kind=MESSAGE,
        title=ngettext("Message to %(count)d delegate", "Message to %(count)d delegates", count)
        % {"count": count},
        user=user,
        forum=_forum_instance(participations),
        params={"participations": ids, **{name: texts[name] for name in MESSAGE_FIELDS}},
    )


MESSAGE_FIELDS = ("subject_th", "subject_en", "body_th", "body_en")


def message_texts(texts: dict[str, str], language: str) -> tuple[str, str]:
    """The subject and text in `language`, or in the other language where it is empty."""
    other = "en" if language == "th" else "th"
    subject = texts.get(f"subject_{language}") or texts.get(f"subject_{other}", "")
    body = texts.get(f"body_{language}") or texts.get(f"body_{other}", "")
    return subject, body


def _selected(job: Job):
    return (
        Participation.objects.filter(pk__in=job.params["participations"])
        .select_related("person", "forum")
        .order_by("pk")
    )


def _write(job: Job, progress, participations, *, kind: str, render, with_links: bool) -> None:
    """Render each delegate's email and queue them all; report who could not be written to."""
    participations = list(participations)
    total = len(participations)
    progress.step(_("Writing the emails."), total=total)
    problems: list[str] = []
    reachable = []
    for participation in participations:
        try:
            delegate_address(participation)
        except ValidationError as error:
            problems.append(" ".join(error.messages))
        else:
            reachable.append(participation)
    with transaction.atomic():
        links = (
            access_links_issue_many(participations=reachable, user=job.user) if with_links else {}
        )
        drafts = []
        for done, participation in enumerate(reachable, start=1):
            language = participation.person.language
            link = (
                access_link_url(link=links[participation.pk], language=language)
                if with_links
                else ""
            )
            try:
                rendered = render(participation, language, link)
            except InvitationMissing as error:
                raise JobProblem(" ".join(error.messages)) from None
            except ValidationError as error:
                raise JobProblem(" ".join(error.messages)) from None
            drafts.append(
                Draft(
                    participation=participation,
                    subject=rendered.subject,
                    body=rendered.body,
                    language=language,
                )
            )
            if done % 100 == 0:
                progress(done, total)
        progress.step(_("Queueing the emails."))
        ids = outgoing_emails_queue_many(drafts=drafts, kind=kind, user=job.user)
    job.outcome = {"queued": len(ids), "problems": len(problems)}
    job.errors = problems[:PROBLEMS_SHOWN]
    message = ngettext(
        "%(count)d email queued; the list of participations shows how each goes.",
        "%(count)d emails queued; the list of participations shows how each goes.",
        len(ids),
    ) % {"count": len(ids)}
    if problems:
        message += " " + ngettext(
            "%(count)d delegate has no valid email address and was not written to.",
            "%(count)d delegates have no valid email address and were not written to.",
            len(problems),
        ) % {"count": len(problems)}
    job.message = message


@job_kind(INVITATIONS, label=gettext_lazy("Invitations"))
def invitations_send(job: Job, progress) -> None:
    participations = _selected(job).filter(
        registration_status=Participation.RegistrationStatus.INVITED
    )

    texts: dict = {}

    def render(participation, language, link):
        # One query per forum for its text, not one per delegate.
        forum_id = participation.forum_id
        if forum_id not in texts:
            texts[forum_id] = invitation_text_of(participation.forum)
        return invitation_render(
            participation=participation, language=language, link=link, invitation=texts[forum_id]
        )

    _write(
        job,
        progress,
        participations,
        kind=OutgoingEmail.Kind.INVITATION,
        render=render,
        with_links=True,
    )


@job_kind(MESSAGE, label=gettext_lazy("Message to delegates"))
def message_send(job: Job, progress) -> None:
    texts = {name: job.params.get(name, "") for name in MESSAGE_FIELDS}

    def render(participation, language, link):
        subject, body = message_texts(texts, language)
        return participation_email_render(
            participation=participation, subject=subject, body=body, language=language, link=link
        )

    _write(
        job,
        progress,
        _selected(job),
        kind=OutgoingEmail.Kind.MESSAGE,
        render=render,
        with_links=uses_link(*texts.values()),
    )
