"""Logging, editing and retracting events, with their revision history."""
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from tracker.database import write_transaction
from tracker.extensions import db
from tracker.models import Event, EventRevision, EventScore, Project, User
from tracker.models.base import utcnow
from tracker.services import audit
from tracker.services.errors import EditConflict, ValidationFailed
from tracker.services.events.merging import merge, resolved_input, state_at
from tracker.services.events.queries import factor_ids
from tracker.services.events.representation import event_json
from tracker.services.events.rules import EventInput, check_event
from tracker.services.portfolio.overview import refresh as refresh_summaries
from tracker.services.webhooks import queue_webhooks

_FIELDS = ("occurred_on", "side", "kind", "steering", "escalation_level", "planned",
           "title", "description", "links_to_id")
RETRACTED_MESSAGE = _l("This event has been retracted and can no longer be edited.")
Also = Callable[[Event], None] | None  # runs inside the write transaction once the change is made


def announce(event: Event, event_type: str, project: Project | None = None) -> None:
    """Queue the event's webhooks ("event.created" / "event.changed") in the current transaction."""
    project = project or db.session.get(Project, event.project_id)
    queue_webhooks(project.id, event_type, lambda: {"event": event_json(event, project)})


def linkable_events(project: Project, exclude_id: int | None = None,
                    keep_id: int | None = None) -> dict[int, date]:
    """Event id → date of the project's events an event may link to.

    Retracted events are left out, except `keep_id` (an existing link stays valid).
    """
    query = select(Event.id, Event.occurred_on).where(Event.project_id == project.id)
    if keep_id is not None:
        query = query.where((Event.retracted_at.is_(None)) | (Event.id == keep_id))
    else:
        query = query.where(Event.retracted_at.is_(None))
    if exclude_id is not None:
        query = query.where(Event.id != exclude_id)
    return dict(db.session.execute(query).all())


def _plain(value: Any) -> Any:
    """A JSON-friendly form of a field value."""
    if isinstance(value, date):
        return value.isoformat()
    return value.value if hasattr(value, "value") else value


@contextmanager
def versioned_write(event: Event) -> Iterator[None]:
    """A write transaction on ``event`` that ends in EditConflict when another writer saved first."""
    try:
        with write_transaction():
            yield
    except StaleDataError:
        db.session.rollback()
        db.session.refresh(event)
        raise EditConflict(event.version) from None


def event_state(event: Event, keys: dict[int, str] | None = None) -> dict[str, Any]:
    """The event's user-editable state as JSON-friendly values."""
    keys = keys if keys is not None else {v: k for k, v in factor_ids().items()}
    state = {name: _plain(getattr(event, name)) for name in _FIELDS}
    state["scores"] = dict(sorted((keys[s.factor_id], s.value) for s in event.scores))
    return state


def input_state(data: EventInput) -> dict[str, Any]:
    """The same shape as `event_state`, for input that has not been saved."""
    state = {name: _plain(getattr(data, name)) for name in _FIELDS}
    state["title"] = (data.title or "").strip()
    state["description"] = data.description or ""
    state["scores"] = dict(sorted(data.scores.items()))
    return state


def validate(project: Project, data: EventInput, ids: dict[str, int],
             event: Event | None = None) -> None:
    """Raise ValidationFailed when the input breaks a rule."""
    linkable = linkable_events(project, exclude_id=event.id if event else None,
                               keep_id=event.links_to_id if event else None)
    errors = check_event(data, set(ids), today=date.today(), linkable=linkable)
    if event is not None and data.side != event.side:
        errors.setdefault("side", []).append(str(_l("The side of an event cannot change.")))
    if errors:
        raise ValidationFailed(errors)


def _apply(event: Event, data: EventInput, ids: dict[str, int]) -> None:
    """Copy the input onto the event, replacing its scores."""
    for name in _FIELDS:
        setattr(event, name, getattr(data, name))
    event.title = data.title.strip()
    event.description = data.description or ""
    replace_scores(event.scores, data.scores, ids, EventScore)


def replace_scores(scores: list, wanted_by_key: dict[str, int], ids: dict[str, int], make) -> None:
    """Make a scores collection hold exactly ``wanted_by_key`` (factor key → value), in place.

    Rows for kept factors are updated rather than replaced, so their ids stay stable.
    """
    wanted = {ids[key]: value for key, value in wanted_by_key.items()}
    for score in list(scores):
        if score.factor_id not in wanted:
            scores.remove(score)
        else:
            score.value = wanted.pop(score.factor_id)
    for factor_id, value in wanted.items():
        scores.append(make(factor_id=factor_id, value=value))


def new_event(project: Project, data: EventInput, author: User | None, ids: dict[str, int],
              ref: str | None = None) -> Event:
    """Add an event and its first revision to the session (no commit; callers own the transaction)."""
    event = Event(project_id=project.id, created_by_id=author.id if author else None, ref=ref,
                  revisions=[])  # an empty list, so appending below needs no lazy load
    _apply(event, data, ids)
    db.session.add(event)
    db.session.flush()
    keys = {v: k for k, v in ids.items()}
    event.revisions.append(EventRevision(version=1, action="created", changes=event_state(event, keys),
                                         changed_by_id=author.id if author else None))
    announce(event, "event.created", project)
    return event


def log_event(project: Project, data: EventInput, author: User) -> Event:
    """Validate and store a new event with its first revision."""
    ids = factor_ids()
    validate(project, data, ids)
    with write_transaction():
        event = new_event(project, data, author, ids)
    refresh_summaries([project.id])
    return event


def _refuse_retracted(event: Event) -> None:
    """Retracted events are closed: ValidationFailed."""
    if event.is_retracted:
        raise ValidationFailed({"event": [str(RETRACTED_MESSAGE)]}, str(RETRACTED_MESSAGE))


def edit_event(event: Event, data: EventInput, editor: User, based_on_version: int,
               choices: dict[str, str] | None = None, also: Also = None) -> Event:
    """Save an edit made to `based_on_version`; EditConflict if someone saved in between.

    With `choices` (field → "mine"/"theirs", from the conflict screen) an edit that crossed
    another one is merged instead: only the fields this editor changed are applied, and every
    field both changed must have a choice (else EditConflict again). A retracted event cannot
    be edited (ValidationFailed), and its side never changes.
    """
    _refuse_retracted(event)
    ids = factor_ids()
    keys = {v: k for k, v in ids.items()}
    project = db.session.get(Project, event.project_id)
    validate(project, data, ids, event)
    with versioned_write(event):
        db.session.refresh(event)
        _refuse_retracted(event)
        if event.version != based_on_version:
            data = _merged(event, data, based_on_version, choices, keys)
            validate(project, data, ids, event)
        before = event_state(event, keys)
        _apply(event, data, ids)
        after = event_state(event, keys)
        changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        if not changes:
            return event
        event.updated_at = utcnow()
        db.session.flush()  # bumps event.version, or raises StaleDataError on a race
        event.revisions.append(EventRevision(version=event.version, action="edited",
                                             changes=changes, changed_by_id=editor.id))
        announce(event, "event.changed", project)
        if also:
            also(event)
    refresh_summaries([event.project_id])
    return event


def _merged(event: Event, data: EventInput, based_on_version: int, choices: dict[str, str] | None,
            keys: dict[int, str]) -> EventInput:
    """The saved event with this editor's changes merged in; EditConflict until every clash is chosen."""
    if choices is None:
        raise EditConflict(event.version)
    mine = input_state(data)
    result = merge(state_at(event, based_on_version), event_state(event, keys), mine)
    merged = resolved_input(result, mine, choices, event.side)
    if merged is None:
        raise EditConflict(event.version)
    return merged


def conflict_view(event: Event, data: EventInput, based_on_version: int):
    """(base, saved, mine) event states and their merge, for the conflict screen."""
    keys = {v: k for k, v in factor_ids().items()}
    base, saved, mine = state_at(event, based_on_version), event_state(event, keys), input_state(data)
    return base, saved, mine, merge(base, saved, mine)


def retract_event(event: Event, reason: str, editor: User, based_on_version: int,
                  also: Also = None) -> Event:
    """Mark an event retracted with a reason; it stays in history but no longer counts."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed({"reason": [str(_l("Give a reason for the retraction."))]})
    if len(reason) > 2000:
        raise ValidationFailed({"reason": [str(_l("The reason can be at most %(n)d characters.",
                                                  n=2000))]})
    with write_transaction():
        db.session.refresh(event)
        if event.version != based_on_version:
            raise EditConflict(event.version)
        if event.is_retracted:
            return event
        event.retracted_at = utcnow()
        event.retracted_by_id = editor.id
        event.retraction_reason = reason
        event.updated_at = event.retracted_at
        db.session.flush()
        event.revisions.append(EventRevision(version=event.version, action="retracted",
                                             changes={}, note=reason, changed_by_id=editor.id))
        project = db.session.get(Project, event.project_id)
        audit.record("event.retract", actor=editor, project=project,
                     target=f"event #{event.id}", details={"reason": reason[:500]})
        announce(event, "event.changed", project)
        if also:
            also(event)
    refresh_summaries([event.project_id])
    return event
