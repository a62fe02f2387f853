"""Feeds a project's events from the database into the pure trust model."""
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable
from datetime import date

from flask import current_app
from sqlalchemy import select

from tracker.domain.settings import TrustSettings
from tracker.domain.types import EventFacts, Score
from tracker.extensions import db
from tracker.models import Event, EventScore, Factor


def trust_settings() -> TrustSettings:
    """The deployment's thresholds: defaults overridden by the TRUST_SETTINGS config."""
    return TrustSettings.from_mapping(current_app.config.get("TRUST_SETTINGS") or {})


def settings_key(settings: TrustSettings) -> str:
    """A short fingerprint of the trust settings, for cache keys."""
    return hashlib.sha1(json.dumps(settings.to_dict(), sort_keys=True).encode()).hexdigest()[:12]


def score_maker() -> Callable[[int, int], Score]:
    """(factor id, value) → Score, each distinct pair built once and shared.

    Score objects are immutable and a project has at most factors × 5 distinct ones; factor
    keys and dimensions come from one small lookup instead of a join.
    """
    factors = {fid: (key, dim) for fid, key, dim in
               db.session.connection().execute(select(Factor.id, Factor.key, Factor.dimension))}
    shared: dict[tuple[int, int], Score] = {}

    def make(factor_id: int, value: int) -> Score:
        score = shared.get((factor_id, value))
        if score is None:
            score = shared[(factor_id, value)] = Score(*factors[factor_id], value)
        return score
    return make


def load_facts(project_id: int, until: date | None = None) -> list[EventFacts]:
    """The project's events (up to ``until``) as plain facts, read with column queries, no ORM objects."""
    run = db.session.connection().execute  # Core rows: no ORM result processing on ~6,000 rows
    make_score = score_maker()
    in_scope = [Event.project_id == project_id]
    if until is not None:
        in_scope.append(Event.occurred_on <= until)
    scores: dict[int, list[Score]] = defaultdict(list)
    for event_id, factor_id, value in run(
            select(EventScore.event_id, EventScore.factor_id, EventScore.value)
            .join(Event, Event.id == EventScore.event_id).where(*in_scope)).all():
        scores[event_id].append(make_score(factor_id, value))
    rows = run(
        select(Event.id, Event.occurred_on, Event.side, Event.kind, Event.steering,
               Event.escalation_level, Event.links_to_id, Event.retracted_at, Event.title)
        .where(*in_scope)).all()
    return [EventFacts(id=r[0], occurred_on=r[1], side=r[2], kind=r[3], steering=r[4],
                       escalation_level=r[5], scores=tuple(scores.get(r[0], ())), links_to=r[6],
                       retracted=r[7] is not None, title=r[8]) for r in rows]
