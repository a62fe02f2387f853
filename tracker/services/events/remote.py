"""Event writes that arrive through the API: idempotent logging, and the audit line naming the token.

A retry never logs a second event: a client's `Idempotency-Key` (kept per project) or an event
`ref` the project already has returns the event logged the first time. The check and the insert
run in one write transaction, so two concurrent retries cannot both insert.
"""
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from tracker.database import write_transaction
from tracker.extensions import db
from tracker.models import Event, Project, User
from tracker.models.api_token import ApiToken, IdempotencyKey
from tracker.services import audit
from tracker.services.events.changes import new_event, validate
from tracker.services.events.queries import factor_ids
from tracker.services.events.rules import EventInput
from tracker.services.portfolio.overview import refresh as refresh_summaries


@dataclass(frozen=True)
class Logged:
    """The event, and whether this call created it (False: a retry found it)."""

    event: Event
    created: bool


def _known(project: Project, key: str | None, ref: str | None) -> Event | None:
    """The event an earlier request with this key or ref logged."""
    if key:
        event_id = db.session.scalar(select(IdempotencyKey.event_id).where(
            IdempotencyKey.project_id == project.id, IdempotencyKey.key == key))
        if event_id is not None:
            return db.session.get(Event, event_id)
    if ref:
        return db.session.scalar(select(Event).where(Event.project_id == project.id, Event.ref == ref))
    return None


def audited(action: str, token: ApiToken, project: Project):
    """An `also` callback for the change services: the audit line with the token's name."""
    def record(event: Event) -> None:
        audit.record(action, actor=token.user, project=project, target=f"event #{event.id}",
                     details={"token": token.name, "token_id": token.id, "version": event.version})
    return record


def log_once(project: Project, data: EventInput, token: ApiToken, *, ref: str | None,
             key: str | None) -> Logged:
    """Log the event unless this key or ref already logged one; ValidationFailed for bad input."""
    author: User = token.user
    found = _known(project, key, ref)
    if found is not None:
        return Logged(found, False)
    ids = factor_ids()
    validate(project, data, ids)
    try:
        with write_transaction():
            found = _known(project, key, ref)  # again, now holding the write lock
            if found is not None:
                return Logged(found, False)
            event = new_event(project, data, author, ids, ref=ref)
            if key:
                db.session.add(IdempotencyKey(project_id=project.id, key=key, event_id=event.id))
            db.session.flush()
            audited("api.event.create", token, project)(event)
    except IntegrityError:  # PostgreSQL: a concurrent retry inserted the same key or ref first
        found = _known(project, key, ref)
        if found is None:
            raise
        return Logged(found, False)
    refresh_summaries([project.id])
    return Logged(event, True)
