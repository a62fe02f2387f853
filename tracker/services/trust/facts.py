"""Feeds a project's events from the database into the pure trust model."""
import hashlib
import json
from collections import defaultdict
from datetime import date

from flask import current_app
from sqlalchemy import select

from tracker.domain.settings import TrustSettings
from tracker.domain.types import SCORE_VALUES, EventFacts, Score
from tracker.extensions import db
from tracker.models import Event, EventScore, EventView, EventViewScore
from tracker.services.events.queries import catalogue


def trust_settings() -> TrustSettings:
    """The deployment's thresholds: defaults overridden by the TRUST_SETTINGS config."""
    return TrustSettings.from_mapping(current_app.config.get("TRUST_SETTINGS") or {})


def settings_key(settings: TrustSettings) -> str:
    """A short fingerprint of the trust settings, for cache keys."""
    return hashlib.sha1(json.dumps(settings.to_dict(), sort_keys=True).encode()).hexdigest()[:12]


def score_table() -> dict[int, tuple[Score, ...]]:
    """Factor id → its Score objects for each value in SCORE_VALUES, built once per read.

    Score objects are immutable, so every event with the same factor and value shares one;
    looking them up by position needs no key object per score row.
    """
    return {f.id: tuple(Score(f.key, f.dimension, v) for v in SCORE_VALUES) for f in catalogue()}


def _plain_rows(statement) -> list[tuple]:
    """The rows of a Core statement as the driver's plain tuples, read from its cursor.

    For the thousands of integer-only score rows of a project this skips building a Row
    object per row; use it only for columns that need no type conversion.
    """
    result = db.session.connection().execute(statement)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


def load_facts(project_id: int, until: date | None = None) -> list[EventFacts]:
    """The project's events (up to ``until``) as plain facts, read with column queries, no ORM objects."""
    in_scope = [Event.project_id == project_id]
    if until is not None:
        in_scope.append(Event.occurred_on <= until)
    table, low = score_table(), SCORE_VALUES.start
    scores: dict[int, list[Score]] = defaultdict(list)
    for event_id, factor_id, value in _plain_rows(
            select(EventScore.event_id, EventScore.factor_id, EventScore.value)
            .join(Event, Event.id == EventScore.event_id).where(*in_scope)):
        scores[event_id].append(table[factor_id][value - low])
    views = _other_views(in_scope, table)
    rows = db.session.connection().execute(  # Core rows: no ORM objects
        select(Event.id, Event.occurred_on, Event.side, Event.kind, Event.steering,
               Event.escalation_level, Event.links_to_id, Event.retracted_at, Event.title)
        .where(*in_scope)).all()
    return [EventFacts(id=r[0], occurred_on=r[1], side=r[2], kind=r[3], steering=r[4],
                       escalation_level=r[5], scores=tuple(scores.get(r[0], ())), links_to=r[6],
                       retracted=r[7] is not None, title=r[8], other_view=views.get(r[0])) for r in rows]


def _other_views(in_scope: list, table: dict[int, tuple[Score, ...]]) -> dict[int, tuple[Score, ...]]:
    """Event id → the other party's scores, for the events in scope that have its view."""
    views: dict[int, list[Score]] = {event_id: [] for (event_id,) in _plain_rows(
        select(EventView.event_id).join(Event, Event.id == EventView.event_id).where(*in_scope))}
    if views:
        low = SCORE_VALUES.start
        for event_id, factor_id, value in _plain_rows(
                select(EventViewScore.event_id, EventViewScore.factor_id, EventViewScore.value)
                .join(Event, Event.id == EventViewScore.event_id).where(*in_scope)):
            views[event_id].append(table[factor_id][value - low])
    return {event_id: tuple(scores) for event_id, scores in views.items()}
