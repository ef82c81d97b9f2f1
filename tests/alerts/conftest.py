"""A real SMTP server on loopback (aiosmtpd), started by the tests, that can misbehave on purpose."""

import email
import socket
import threading

import pytest
from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """What the server received; ``fault`` makes it refuse (a code), stall, or hang up after some messages."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()
        self.refuse_with = None  # e.g. "451 Try again later" or "550 No such user"
        self.hang_up_after = None  # accept this many, then drop the connection
        self.stall = None  # a threading.Event: DATA waits on it (a server that stops answering)
        self.on_data = None  # called before answering DATA (the test may kill a worker there)

    async def handle_DATA(self, server, session, envelope):
        if self.stall is not None:
            # A server that stops answering: the client gives up (EMAIL_TIMEOUT); what it was sending is not
            # accepted, as a real server drops a message whose client went away before the final reply.
            self.stall.wait(5)
            return "421 Timed out"
        if self.on_data is not None:
            answer = self.on_data(envelope)
            if answer:
                return answer
        if self.refuse_with:
            return self.refuse_with
        with self.lock:
            if self.hang_up_after is not None and len(self.messages) >= self.hang_up_after:
                server.transport.abort()  # the connection drops: no reply at all
                return "421 Closing"
            self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]


@pytest.fixture
def smtp(settings):
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 2
    settings.ALERTS_RETRY_SECONDS = 0
    settings.ALERTS_RATE_PER_SECOND = 0
    mailbox.port = port
    yield mailbox
    if mailbox.stall is not None:
        mailbox.stall.set()
    controller.stop()
