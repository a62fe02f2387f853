"""The other party's view of an event: adding or changing it, and merging a party's own event into
the same event logged by the other party (it becomes that event's second view).

Every change is a revision of the event (action ``view``), so the event's history shows who gave
which view when; the event's version rises, so concurrent edits conflict instead of overwriting.
"""
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker.domain.types import SCORE_VALUES
from tracker.extensions import db
from tracker.models import Event, EventRevision, EventView, EventViewScore, Project, User
from tracker.models.base import utcnow
from tracker.models.event_view import NOTE_MAX
from tracker.services import audit
from tracker.services.errors import EditConflict, ValidationFailed
from tracker.services.events.changes import announce, replace_scores, versioned_write
from tracker.services.events.queries import factor_ids
from tracker.services.portfolio.overview import refresh as refresh_summaries

VIEW_ACTION = "view"


def view_state(event: Event) -> dict[str, Any] | None:
    """The other party's view as JSON-friendly values (None when it gave none)."""
    view = event.other_view
    if view is None:
        return None
    return {"scores": dict(sorted(view.score_map().items())), "note": view.note}


def check_view(scores: dict[str, int], note: str, keys: set[str]) -> dict[str, list[str]]:
    """Field → messages for a view that breaks a rule (empty when valid)."""
    errors: dict[str, list[str]] = {}
    for key, value in scores.items():
        if key not in keys:
            errors.setdefault("scores", []).append(str(_l("Unknown factor: %(key)s.", key=key)))
        elif value not in SCORE_VALUES:
            errors.setdefault(f"score_{key}", []).append(str(_l("A score runs from -2 to +2.")))
    if len(note or "") > NOTE_MAX:
        errors.setdefault("note", []).append(str(_l("The note can be at most %(n)d characters.", n=NOTE_MAX)))
    return errors


def _refuse(event: Event) -> None:
    """A retracted event takes no view: ValidationFailed."""
    if event.is_retracted:
        message = str(_l("This event has been retracted and can no longer be changed."))
        raise ValidationFailed({"event": [message]}, message)


def _apply_view(event: Event, scores: dict[str, int], note: str, author: User | None,
                ids: dict[str, int]) -> None:
    """Create or replace the other party's view on ``event`` (no flush)."""
    view = event.other_view
    if view is None:
        view = EventView(event_id=event.id, created_by_id=author.id if author else None, scores=[])
        db.session.add(view)
        event.other_view = view
    view.note = (note or "").strip()
    view.updated_at = utcnow()
    replace_scores(view.scores, scores, ids, EventViewScore)


def _record(event: Event, author: User | None, changes: dict, note: str | None = None) -> None:
    """Bump the event's version and add a ``view`` revision with ``changes``."""
    event.updated_at = utcnow()
    db.session.flush()  # bumps event.version, or raises StaleDataError on a race
    event.revisions.append(EventRevision(version=event.version, action=VIEW_ACTION, changes=changes,
                                         note=note, changed_by_id=author.id if author else None))
    announce(event, "event.changed")


def add_imported_view(event: Event, scores: dict[str, int], note: str, author: User | None) -> None:
    """Give a stored event without one the other party's view from an import (inside the caller's
    write transaction; the import has checked the values and that the event has no view yet)."""
    _apply_view(event, scores, note, author, factor_ids())
    _record(event, author, view_changes(None, {"scores": dict(sorted(scores.items())), "note": note}))


def save_view(event: Event, scores: dict[str, int], note: str, author: User,
              based_on_version: int) -> Event:
    """Add or change the other party's view of ``event``: its scores and a short note.

    The caller checks that ``author`` may speak for the other party (`ProjectAccess.may_give_view`).
    EditConflict when the event changed since ``based_on_version``.
    """
    _refuse(event)
    ids = factor_ids()
    errors = check_view(scores, note, set(ids))
    if errors:
        raise ValidationFailed(errors)
    with versioned_write(event):
        db.session.refresh(event)
        _refuse(event)
        if event.version != based_on_version:
            raise EditConflict(event.version)
        before = view_state(event)
        _apply_view(event, scores, note, author, ids)
        after = {"scores": dict(sorted(scores.items())), "note": (note or "").strip()}
        if before == after:
            return event
        _record(event, author, view_changes(before, after))
    refresh_summaries([event.project_id])
    return event


def view_changes(before: dict | None, after: dict) -> dict[str, list]:
    """Revision changes: the other party's scores and note, old → new."""
    before = before or {"scores": {}, "note": ""}
    changes = {}
    if before["scores"] != after["scores"]:
        changes["view_scores"] = [before["scores"], after["scores"]]
    if before["note"] != after["note"]:
        changes["view_note"] = [before["note"], after["note"]]
    return changes


def merge_candidates(event: Event, days: int = 31) -> list[Event]:
    """The other party's events ``event`` may be merged into: same project, not retracted, without
    a second view yet, within ``days`` of it; nearest in date first."""
    rows = db.session.execute(
        select(Event).where(Event.project_id == event.project_id, Event.side != event.side,
                            Event.retracted_at.is_(None), Event.id != event.id)
        .order_by(Event.occurred_on.desc(), Event.id.desc())).scalars()
    found = [e for e in rows if e.other_view is None and abs((e.occurred_on - event.occurred_on).days) <= days]
    return sorted(found, key=lambda e: (abs((e.occurred_on - event.occurred_on).days), e.id))


def merge_into(own: Event, target: Event, author: User, own_version: int) -> Event:
    """Merge ``own`` (an event of the author's side) into ``target``, the same event as the other
    party logged it: ``own``'s scores become ``target``'s second view (its title and description
    the view's note), links to ``own`` move to ``target``, and ``own`` is retracted with a reason
    naming ``target``. Nothing is deleted: both histories show the merge. Returns ``target``.
    """
    _check_merge(own, target)
    ids = factor_ids()
    keys = {v: k for k, v in ids.items()}
    note = _merge_note(own)
    with versioned_write(own):
        db.session.refresh(own)
        db.session.refresh(target)
        _check_merge(own, target)
        if own.version != own_version:
            raise EditConflict(own.version)
        scores = {keys[s.factor_id]: s.value for s in own.scores}
        _apply_view(target, scores, note, author, ids)
        changes = view_changes(None, {"scores": dict(sorted(scores.items())), "note": note})
        changes["merged_from"] = [None, own.id]
        _record(target, author, changes)
        for linking in db.session.execute(select(Event).where(Event.links_to_id == own.id)).scalars():
            linking.links_to_id = target.id
            linking.updated_at = utcnow()
            db.session.flush()
            linking.revisions.append(EventRevision(version=linking.version, action="edited",
                                                   changes={"links_to_id": [own.id, target.id]},
                                                   changed_by_id=author.id))
        reason = str(_l("Merged into event #%(id)d: it is the same event, now with both views.",
                        id=target.id))
        own.retracted_at, own.retracted_by_id, own.retraction_reason = utcnow(), author.id, reason
        own.updated_at = own.retracted_at
        db.session.flush()
        own.revisions.append(EventRevision(version=own.version, action="retracted", changes={},
                                           note=reason, changed_by_id=author.id))
        audit.record("event.merge", actor=author, project=db.session.get(Project, own.project_id),
                     target=f"event #{own.id}", details={"into": target.id})
    refresh_summaries([own.project_id])
    return target


def _merge_note(own: Event) -> str:
    """The merged event's title and description as the view's note (cut to the note's length)."""
    text = own.title if not own.description else f"{own.title}\n\n{own.description}"
    return text[:NOTE_MAX]


def _check_merge(own: Event, target: Event) -> None:
    """ValidationFailed unless ``own`` can become ``target``'s second view."""
    problems = []
    if own.project_id != target.project_id or own.id == target.id:
        problems.append(_l("Choose another event of this project."))
    elif own.side == target.side:
        problems.append(_l("Choose an event the other party logged."))
    if own.is_retracted or target.is_retracted:
        problems.append(_l("Retracted events cannot be merged."))
    if target.other_view is not None:
        problems.append(_l("That event already has your party's view."))
    if own.other_view is not None:
        problems.append(_l("Your event already has the other party's view; merge the other way round."))
    if problems:
        messages = [str(p) for p in problems]
        raise ValidationFailed({"target": messages}, messages[0])
