"""A real SMTP server in the test process (aiosmtpd) and a project whose signals can be driven."""
import socket
import threading
import time
from datetime import date
from email import message_from_bytes, policy
from types import SimpleNamespace

import pytest
from aiosmtpd.controller import Controller

from tests.factories import add_member, make_event, make_project, make_user
from tracker.extensions import db

START = date(2025, 2, 20)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Collector:
    """An SMTP handler that keeps every message it accepts."""

    def __init__(self, delay: float = 0.0) -> None:
        self.messages, self.delay, self.lock = [], delay, threading.Lock()

    async def handle_DATA(self, _server, _session, envelope):  # noqa: N802 - aiosmtpd's hook name
        if self.delay:
            time.sleep(self.delay)
        with self.lock:
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def to(self, address: str) -> list:
        """The messages sent to one address."""
        return [m for m in self.messages if m["To"] == address]


class MailServer:
    """Start and stop a real SMTP server on a fixed port."""

    def __init__(self, app) -> None:
        self.port, self.handler, self.controller = free_port(), Collector(), None
        app.config["SMTP_URL"] = f"smtp://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self) -> list:
        return self.handler.messages


@pytest.fixture
def smtp(app):
    """A running SMTP server the app sends to."""
    server = MailServer(app)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp_down(app):
    """An SMTP URL with no server behind it yet (call .start() to bring it up)."""
    server = MailServer(app)
    yield server
    server.stop()


def seated():
    """A project with a client manager (Dutch), contractor manager, client member, a coach and an
    outsider who has a seat only elsewhere."""
    project = make_project(start_date=START, name="Ring Noord")
    other = make_project(start_date=START, name="Elsewhere")
    people = {}
    for key, side, role in (("client", "client", "manager"), ("contractor", "contractor", "manager"),
                            ("member", "client", "member"), ("coach", "coach", "member")):
        people[key] = make_user(f"{key}@example.test", name=f"{key.title()} Person")
        add_member(project, people[key], side, role)
    people["outsider"] = make_user("outsider@example.test", name="Outsider")
    add_member(other, people["outsider"], "client", "manager")
    make_event(other, people["outsider"], occurred_on=date(2025, 3, 1), kind="moment")
    people["client"].locale = "nl"
    db.session.commit()
    return SimpleNamespace(project=project, other=other, **people)


def third_party_chain(world, on=date(2025, 3, 10)):
    """An issue taken to mediation (level 4): raises `third_party`, always an alert."""
    issue = make_event(world.project, world.client, occurred_on=date(2025, 3, 1), title="Claim: extra piling")
    lifted = make_event(world.project, world.client, occurred_on=date(2025, 3, 5), kind="escalation",
                        escalation_level=3, links_to_id=issue.id, title="To the directors")
    return make_event(world.project, world.contractor, side="contractor", occurred_on=on, kind="escalation",
                      escalation_level=4, links_to_id=lifted.id, title="To mediation", steering="contractual")
