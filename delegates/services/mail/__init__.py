"""Email to delegates: the outbox (queue, send, retry) and the texts (placeholders).

Every email AMF sends a delegate goes through `outgoing_email_queue` (one) or
`outgoing_emails_queue_many` (many); nothing else sends mail to delegates.
"""

from delegates.services.mail.invitations import invitation_send
from delegates.services.mail.outbox import (
    Draft,
    delegate_address,
    email_message,
    outgoing_email_queue,
    outgoing_email_resend,
    outgoing_emails_erase,
    outgoing_emails_queue_many,
    outgoing_emails_send,
)
from delegates.services.mail.texts import (
    PLACEHOLDERS,
    InvitationMissing,
    RenderedEmail,
    invitation_render,
    invitation_text_of,
    participation_email_render,
    placeholders_check,
)

__all__ = [
    "PLACEHOLDERS",
    "Draft",
    "InvitationMissing",
    "RenderedEmail",
    "delegate_address",
    "email_message",
    "invitation_render",
    "invitation_send",
    "invitation_text_of",
    "outgoing_email_queue",
    "outgoing_email_resend",
    "outgoing_emails_erase",
    "outgoing_emails_queue_many",
    "outgoing_emails_send",
    "participation_email_render",
    "placeholders_check",
]
