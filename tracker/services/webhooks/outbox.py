"""Queue webhook messages in the caller's transaction: they commit with their cause or not at all."""
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Project
from tracker.models.base import utcnow
from tracker.models.webhook import WebhookDelivery, WebhookEndpoint
from tracker.services.events.representation import timestamp

# Types a receiver can subscribe to; signal.* and action.due are queued by the code that owns them.
EVENT_TYPES = ("event.created", "event.changed", "signal.raised", "signal.cleared", "action.due")


def queue_webhooks(project_id: int, event_type: str,
                   data: dict[str, Any] | Callable[[], dict[str, Any]]) -> int:
    """Add one delivery per enabled endpoint of the project subscribed to ``event_type``.

    Call it inside the write transaction of the change it reports (no commit here). Returns
    how many were queued. The body follows the Standard Webhooks shape: type, timestamp, data
    (the project's code plus ``data``; a callable is only called when someone subscribed).
    """
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown webhook event type {event_type!r}")
    endpoints = db.session.scalars(select(WebhookEndpoint).where(
        WebhookEndpoint.project_id == project_id, WebhookEndpoint.is_enabled.is_(True))).all()
    wanted = [e for e in endpoints if event_type in (e.event_types or [])]
    if not wanted:
        return 0
    code = db.session.get(Project, project_id).code
    now = utcnow()
    body = {"type": event_type, "timestamp": timestamp(now),
            "data": {"project": code, **(data() if callable(data) else data)}}
    for endpoint in wanted:
        db.session.add(WebhookDelivery(message_id=f"msg_{uuid.uuid4().hex}", endpoint_id=endpoint.id,
                                       event_type=event_type, payload=body, next_attempt_at=now))
    return len(wanted)
