"""Sending one delegate their invitation now (the many go through `delegates.mail_jobs`)."""

from django.db import transaction

from delegates.models import OutgoingEmail, Participation
from delegates.services.links import access_link_issue, access_link_url
from delegates.services.mail.outbox import outgoing_email_queue
from delegates.services.mail.texts import invitation_render


@transaction.atomic
def invitation_send(*, participation: Participation, user=None) -> OutgoingEmail:
    """Queue the forum's invitation to the participation's delegate, in their language, with
    their personal link.

    Raises ValidationError (no address, no invitation text). Side effects: a personal link
    is issued if the delegate has no live one; an OutgoingEmail is recorded and its sending
    queued (see `outgoing_email_queue`).
    """
    language = participation.person.language
    link = access_link_issue(participation=participation, user=user)
    rendered = invitation_render(
        participation=participation,
        language=language,
        link=access_link_url(link=link, language=language),
    )
    return outgoing_email_queue(
        participation=participation,
        kind=OutgoingEmail.Kind.INVITATION,
        subject=rendered.subject,
        body=rendered.body,
        language=language,
        user=user,
    )
