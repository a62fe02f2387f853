"""Deliver due webhook messages: claim, sign, send, and retry with exponential backoff.

Safe to run concurrently: a worker claims a message with a conditional UPDATE (it moves the
message's next attempt a lease ahead), so only one worker sends it at a time. A message is
retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (about 28 hours in all); when the last
attempt fails it is marked failed and its endpoint is switched off, which the managers see on
the endpoint's page and in the audit log.
"""
import json
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update
from standardwebhooks import Webhook

from tracker.database import write_transaction
from tracker.extensions import db
from tracker.models.base import utcnow
from tracker.models.webhook import RESPONSE_KEPT, WebhookDelivery, WebhookEndpoint
from tracker.models import MemberRole, MemberSide
from tracker.services import audit
from tracker.services.notify.compose import MailContent, greeting, queue_user_mail
from tracker.services.notify.links import absolute_url
from tracker.services.notify.notices import members
from tracker.services.webhooks.addresses import url_problem
from tracker.services.webhooks.teams import adaptive_card

RETRY_DELAYS = (timedelta(seconds=5), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2),
                timedelta(hours=5), timedelta(hours=10), timedelta(hours=10))
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
LEASE = timedelta(minutes=5)
TIMEOUT_SECONDS = 10
BATCH = 100

Sender = Callable[[str, bytes, dict[str, str]], tuple[int, str]]


@dataclass
class Report:
    """What one run did."""

    delivered: int = 0
    retrying: int = 0
    failed: int = 0
    disabled: list[int] = field(default_factory=list)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not an instruction: following it could reach a private address."""

    def redirect_request(self, *args, **kwargs):
        return None


def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    """POST the body; (status, start of the answer). Network errors raise OSError."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status, response.read(RESPONSE_KEPT).decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read(RESPONSE_KEPT).decode("utf-8", "replace")


def signed(endpoint: WebhookEndpoint, delivery: WebhookDelivery, now: datetime) -> tuple[bytes, dict[str, str]]:
    """The body in the endpoint's format and the Standard Webhooks headers that sign it."""
    payload = delivery.payload
    if endpoint.payload_format == "teams":
        payload = adaptive_card(payload, current_app.config.get("BASE_URL") or "")
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    headers = {"content-type": "application/json", "user-agent": "tracker-webhooks/1",
               "webhook-id": delivery.message_id, "webhook-timestamp": str(int(now.replace(tzinfo=timezone.utc).timestamp())),
               "webhook-signature": Webhook(endpoint.secret).sign(delivery.message_id, now, text)}
    return text.encode("utf-8"), headers


def _due_ids(now: datetime) -> list[int]:
    """Pending messages of enabled endpoints whose time has come, oldest first."""
    return list(db.session.scalars(
        select(WebhookDelivery.id).join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
        .where(WebhookDelivery.status == "pending", WebhookDelivery.next_attempt_at <= now,
               WebhookEndpoint.is_enabled.is_(True))
        .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id).limit(BATCH)))


def _claim(delivery_id: int, now: datetime) -> bool:
    """Take the message for this worker; False when another worker took it first."""
    with write_transaction():
        result = db.session.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.id == delivery_id, WebhookDelivery.status == "pending",
                   WebhookDelivery.next_attempt_at <= now)
            .values(next_attempt_at=now + LEASE, attempts=WebhookDelivery.attempts + 1))
    return result.rowcount == 1


def _attempt(delivery: WebhookDelivery, now: datetime, send: Sender) -> tuple[int | None, str | None, str | None]:
    """(status, answer, error) of one try; nothing is sent to a refused address."""
    endpoint = delivery.endpoint
    problem = url_problem(endpoint.url, allow_private=current_app.config.get("WEBHOOKS_ALLOW_PRIVATE", False))
    if problem:
        return None, None, problem
    body, headers = signed(endpoint, delivery, now)
    try:
        status, answer = send(endpoint.url, body, headers)
    except (OSError, ValueError) as error:
        return None, None, f"{type(error).__name__}: {error}"[:RESPONSE_KEPT]
    return status, answer[:RESPONSE_KEPT], None


def _record(delivery_id: int, now: datetime, status: int | None, answer: str | None,
            error: str | None, report: Report) -> None:
    """Store the outcome: delivered, retry later, or failed (and the endpoint switched off)."""
    with write_transaction():
        delivery = db.session.get(WebhookDelivery, delivery_id)
        delivery.last_attempt_at, delivery.response_status = now, status
        delivery.response_body, delivery.error = answer, error
        if status is not None and 200 <= status < 300:
            delivery.status = "delivered"
            report.delivered += 1
        elif delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = "failed"
            report.failed += 1
            if _disable(delivery.endpoint, now):
                report.disabled.append(delivery.endpoint_id)
        else:
            delivery.next_attempt_at = now + RETRY_DELAYS[delivery.attempts - 1]
            report.retrying += 1


def _disable(endpoint: WebhookEndpoint, now: datetime) -> bool:
    """Switch off an endpoint that kept failing; its managers see why (page, audit log, a mail)."""
    if not endpoint.is_enabled:
        return False
    endpoint.is_enabled = False
    endpoint.disabled_reason = (f"Switched off on {now:%Y-%m-%d %H:%M} UTC: a message failed "
                                f"{MAX_ATTEMPTS} times over more than a day.")
    audit.record("webhook.disabled", actor=None, project=endpoint.project, target=endpoint.url,
                 details={"endpoint": endpoint.id})
    _tell_managers(endpoint)
    return True


def _tell_managers(endpoint: WebhookEndpoint) -> None:
    """Mail the project's managers (each in their language) that the endpoint was switched off."""
    project = endpoint.project
    link = absolute_url("webhooks.index", code=project.code)
    for seat in members(project, lambda m: m.role == MemberRole.MANAGER and m.side != MemberSide.COACH):
        user = seat.user
        queue_user_mail(user, "webhook_disabled", lambda user=user: MailContent(
            subject=_("A webhook of %(project)s was switched off", project=project.name), greeting=greeting(user),
            intro=[_("Messages to %(url)s failed for more than a day, so the tracker stopped sending them.",
                     url=endpoint.url),
                   _("Check the receiving system, then switch the endpoint on again on the project's webhooks "
                     "page; messages from now on will be sent.")],
            action_label=_("Open the webhooks page"), action_url=link))


def deliver_due(now: datetime | None = None, send: Sender = post) -> Report:
    """Send every due message once (claimed first); returns what happened."""
    report = Report()
    now = now or utcnow()
    db.session.commit()  # a fresh read: another worker may have sent some already
    for delivery_id in _due_ids(now):
        if not _claim(delivery_id, now):
            continue
        delivery = db.session.get(WebhookDelivery, delivery_id)
        status, answer, error = _attempt(delivery, now, send)
        _record(delivery_id, now, status, answer, error, report)
    return report
