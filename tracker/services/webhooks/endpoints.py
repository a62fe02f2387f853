"""Registering, listing, switching on and removing a project's webhook endpoints (managers only)."""
import base64
import secrets
from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from tracker.database import write_transaction
from tracker.extensions import db
from tracker.models import User
from tracker.models.webhook import URL_MAX, WebhookDelivery, WebhookEndpoint
from tracker.services import audit
from tracker.services.access import ProjectAccess
from tracker.services.errors import Forbidden, NotFound, ValidationFailed
from tracker.services.webhooks.addresses import url_problem
from tracker.services.webhooks.outbox import EVENT_TYPES

FORMATS = ("standard", "teams")
DELIVERIES_SHOWN = 50


@dataclass(frozen=True)
class NewEndpoint:
    """A registered endpoint and its signing secret, shown once."""

    endpoint: WebhookEndpoint
    secret: str


def may_manage(access: ProjectAccess) -> bool:
    """A party's managers register webhooks (coaches and members do not)."""
    return access.can_log


def _require(access: ProjectAccess) -> None:
    if not may_manage(access):
        raise Forbidden()


def check_endpoint(url: str, event_types: list[str], payload_format: str) -> dict[str, list[str]]:
    """Field → problems with a new endpoint."""
    errors: dict[str, list[str]] = {}
    url = (url or "").strip()
    problem = str(_l("The address can be at most %(n)d characters.", n=URL_MAX)) if len(url) > URL_MAX \
        else url_problem(url, allow_private=current_app.config.get("WEBHOOKS_ALLOW_PRIVATE", False))
    if problem:
        errors["url"] = [problem]
    if not event_types or any(t not in EVENT_TYPES for t in event_types):
        errors["event_types"] = [str(_l("Choose at least one kind of message."))]
    if payload_format not in FORMATS:
        errors["payload_format"] = [str(_l("Choose a format."))]
    return errors


def register(access: ProjectAccess, url: str, event_types: list[str], payload_format: str,
             actor: User) -> NewEndpoint:
    """Add an endpoint with a fresh `whsec_` secret; ValidationFailed for a refused address."""
    _require(access)
    errors = check_endpoint(url, event_types, payload_format)
    if errors:
        raise ValidationFailed(errors)
    secret = "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode("ascii")
    with write_transaction():
        endpoint = WebhookEndpoint(project_id=access.project.id, url=url.strip(), secret=secret,
                                   event_types=[t for t in EVENT_TYPES if t in event_types],
                                   payload_format=payload_format, created_by_id=actor.id)
        db.session.add(endpoint)
        db.session.flush()
        audit.record("webhook.create", actor=actor, project=access.project, target=endpoint.url,
                     details={"endpoint": endpoint.id, "types": endpoint.event_types})
    return NewEndpoint(endpoint, secret)


def endpoints(access: ProjectAccess) -> list[WebhookEndpoint]:
    """The project's endpoints, oldest first."""
    return list(db.session.scalars(select(WebhookEndpoint).where(
        WebhookEndpoint.project_id == access.project.id).order_by(WebhookEndpoint.id)))


def project_endpoint(access: ProjectAccess, endpoint_id: int) -> WebhookEndpoint:
    """An endpoint of this project; NotFound for any other."""
    endpoint = db.session.scalar(select(WebhookEndpoint).where(
        WebhookEndpoint.id == endpoint_id, WebhookEndpoint.project_id == access.project.id))
    if endpoint is None:
        raise NotFound()
    return endpoint


def deliveries(endpoint: WebhookEndpoint) -> list[WebhookDelivery]:
    """The endpoint's latest messages with their answers, newest first."""
    return list(db.session.scalars(select(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint.id)
                                   .order_by(WebhookDelivery.id.desc()).limit(DELIVERIES_SHOWN)))


def pending_counts(access: ProjectAccess) -> dict[int, int]:
    """Endpoint id → messages still waiting to be delivered."""
    return dict(db.session.execute(
        select(WebhookDelivery.endpoint_id, func.count())
        .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
        .where(WebhookEndpoint.project_id == access.project.id, WebhookDelivery.status == "pending")
        .group_by(WebhookDelivery.endpoint_id)).all())


def enable(access: ProjectAccess, endpoint_id: int, actor: User) -> WebhookEndpoint:
    """Switch a switched-off endpoint back on; its waiting messages go out on the next run."""
    _require(access)
    with write_transaction():
        endpoint = project_endpoint(access, endpoint_id)
        if not endpoint.is_enabled:
            endpoint.is_enabled, endpoint.disabled_reason = True, None
            audit.record("webhook.enable", actor=actor, project=access.project, target=endpoint.url,
                         details={"endpoint": endpoint.id})
    return endpoint


def remove(access: ProjectAccess, endpoint_id: int, actor: User) -> None:
    """Delete an endpoint and its delivery log (the audit log keeps that it existed)."""
    _require(access)
    with write_transaction():
        endpoint = project_endpoint(access, endpoint_id)
        audit.record("webhook.remove", actor=actor, project=access.project, target=endpoint.url,
                     details={"endpoint": endpoint.id})
        db.session.execute(WebhookDelivery.__table__.delete().where(WebhookDelivery.endpoint_id == endpoint.id))
        db.session.delete(endpoint)
