"""A real SMTP server (aiosmtpd) for the email tests: it keeps what arrives, and can refuse."""

import email
import email.policy
import socket
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller


@dataclass
class Mailbox:
    """The server's behaviour and what it received."""

    messages: list = field(default_factory=list)
    envelopes: list = field(default_factory=list)
    # Answer the next `refuse` DATA commands with this temporary failure.
    refuse: int = 0
    refusal: str = "451 4.3.0 Try again later"
    # Recipients refused for good.
    unknown: set = field(default_factory=set)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.unknown:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refuse > 0:
            self.refuse -= 1
            return self.refusal
        self.envelopes.append(envelope)
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A running SMTP server on a free local port, and Django's SMTP backend pointed at it."""
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "AMF <amf@city.example>"
    mailbox.port = port
    try:
        yield mailbox
    finally:
        controller.stop()
