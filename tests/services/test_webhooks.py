"""Webhooks: queued with their cause, signed per Standard Webhooks, retried with backoff for more
than a day, switched off after that, never sent to private addresses, claimed once when runs overlap."""
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from sqlalchemy import select
from standardwebhooks import Webhook

from tests.factories import add_member, make_event, make_project, make_user
from tracker.extensions import db
from tracker.models.audit import AuditEntry
from tracker.models.base import utcnow
from tracker.models.webhook import WebhookDelivery
from tracker.services.access import project_access
from tracker.services.errors import Forbidden, ValidationFailed
from tracker.services.events.changes import edit_event, event_state
from tracker.services.webhooks import delivery, endpoints
from tracker.services.webhooks.addresses import url_problem


@pytest.fixture
def hooked(app):
    """A project, its client manager and one endpoint for event messages (local addresses allowed)."""
    app.config["WEBHOOKS_ALLOW_PRIVATE"] = True
    project = make_project("HOOK")
    manager = make_user("m@example.test")
    add_member(project, manager, "client", "manager")
    with app.test_request_context():
        new = endpoints.register(project_access(manager, "HOOK"), "http://127.0.0.1:9/hook",
                                 ["event.created", "event.changed"], "standard", manager)
    return project, manager, new


def _deliveries():
    return db.session.scalars(select(WebhookDelivery).order_by(WebhookDelivery.id)).all()


def test_logging_and_changing_an_event_queue_messages_in_the_same_transaction(app, hooked):
    project, manager, _new = hooked
    event = make_event(project, manager, title="Queued")
    from tracker.services.events.rules import EventInput
    state = event_state(event)
    data = EventInput(occurred_on=event.occurred_on, side=event.side, kind=event.kind, steering=event.steering,
                      title="Renamed", scores=state["scores"])
    edit_event(event, data, manager, event.version)
    rows = _deliveries()
    assert [r.event_type for r in rows] == ["event.created", "event.changed"]
    assert rows[0].payload["data"]["event"]["title"] == "Queued"
    assert rows[1].payload["data"]["event"]["title"] == "Renamed" and rows[1].payload["data"]["project"] == "HOOK"


class _Receiver(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((dict(self.headers), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_delivery_is_signed_so_the_receiver_can_verify_it(app, hooked):
    project, manager, new = hooked
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        new.endpoint.url = f"http://127.0.0.1:{server.server_port}/hook"
        db.session.commit()
        make_event(project, manager, title="Signed")
        report = delivery.deliver_due()
    finally:
        server.shutdown()
        server.server_close()
    assert report.delivered == 1
    headers, body = _Receiver.received[-1]
    lower = {k.lower(): v for k, v in headers.items()}
    payload = Webhook(new.secret).verify(body, lower)  # raises when the signature is wrong
    assert payload["type"] == "event.created" and payload["data"]["event"]["title"] == "Signed"
    assert new.secret.startswith("whsec_") and lower["webhook-id"].startswith("msg_")
    assert _deliveries()[0].status == "delivered" and _deliveries()[0].response_status == 204


def test_failures_back_off_for_more_than_a_day_then_the_endpoint_is_switched_off(app, hooked):
    project, manager, new = hooked
    make_event(project, manager)
    now, calls = utcnow(), []

    def failing(url, body, headers):
        calls.append(now)
        return 500, "down"

    for _ in range(delivery.MAX_ATTEMPTS):
        delivery.deliver_due(now, send=failing)
        row = _deliveries()[0]
        now = row.next_attempt_at if row.status == "pending" else now
    assert len(calls) == delivery.MAX_ATTEMPTS
    assert calls[-1] - calls[0] >= timedelta(hours=24)
    row = _deliveries()[0]
    assert row.status == "failed" and row.response_status == 500 and row.response_body == "down"
    db.session.refresh(new.endpoint)
    assert new.endpoint.is_enabled is False and new.endpoint.disabled_reason
    assert db.session.scalar(select(AuditEntry.action).where(AuditEntry.action == "webhook.disabled"))
    from tracker.models import OutboxMail  # the managers are told by mail
    (told,) = db.session.scalars(select(OutboxMail).where(OutboxMail.kind == "webhook_disabled")).all()
    assert told.to_address == manager.email and "/projects/HOOK/webhooks" in told.body_text
    make_event(project, manager)  # a switched-off endpoint gets nothing new
    assert len(_deliveries()) == 1
    assert delivery.deliver_due(now + timedelta(days=2), send=failing).failed == 0


def test_an_overlapping_run_does_not_send_a_claimed_message_again(app, hooked):
    project, manager, _new = hooked
    make_event(project, manager)
    sent = []

    def nested(url, body, headers):
        sent.append(headers["webhook-id"])
        delivery.deliver_due(send=nested)  # a second worker running at the same moment
        return 200, "ok"

    delivery.deliver_due(send=nested)
    assert len(sent) == 1


def test_private_loopback_and_link_local_addresses_are_refused(app):
    for url in ("https://127.0.0.1/x", "https://10.1.2.3/x", "https://169.254.169.254/latest",
                "https://[::1]/x", "https://192.168.0.10/x", "http://93.184.216.34/x", "ftp://host/x",
                "https://user:pw@93.184.216.34/x", "https://localhost/x"):
        with app.test_request_context():
            assert url_problem(url) is not None, url
    assert url_problem("https://93.184.216.34/hook") is None


def test_only_managers_register_and_the_address_is_checked(app):
    project = make_project("HOOK2")
    member, manager = make_user(), make_user()
    add_member(project, member, "client", "member")
    add_member(project, manager, "contractor", "manager")
    with app.test_request_context():
        with pytest.raises(Forbidden):
            endpoints.register(project_access(member, "HOOK2"), "https://93.184.216.34/h", ["event.created"],
                               "standard", member)
        with pytest.raises(ValidationFailed) as refused:
            endpoints.register(project_access(manager, "HOOK2"), "https://127.0.0.1/h", ["event.created"],
                               "standard", manager)
    assert "url" in refused.value.errors


def test_the_teams_format_is_an_adaptive_card_with_a_link(app, hooked):
    project, manager, new = hooked
    app.config["BASE_URL"] = "https://tracker.example"
    new.endpoint.payload_format = "teams"
    db.session.commit()
    event = make_event(project, manager, title="Crane blocked")
    seen = []
    delivery.deliver_due(send=lambda url, body, headers: (seen.append(json.loads(body)), (200, ""))[1])
    card = seen[0]["attachments"][0]["content"]
    assert card["type"] == "AdaptiveCard" and "Crane blocked" in json.dumps(card)
    assert card["actions"][0]["url"] == f"https://tracker.example/projects/HOOK/events/{event.id}"
