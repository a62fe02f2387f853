"""Feeds a project's events from the database into the pure trust model."""
from collections import defaultdict
from collections.abc import Callable
from datetime import date

from flask import current_app
from sqlalchemy import select

from tracker.domain.settings import TrustSettings
from tracker.domain.signals import Assessment
from tracker.domain.trust import evaluate, weekly
from tracker.domain.types import EventFacts, Score
from tracker.extensions import db
from tracker.models import Event, EventScore, Factor, Project


def trust_settings() -> TrustSettings:
    """The deployment's thresholds: defaults overridden by the TRUST_SETTINGS config."""
    return TrustSettings.from_mapping(current_app.config.get("TRUST_SETTINGS") or {})


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


def load_facts(project_id: int, until: date | None = None,
               changed_after: int | None = None) -> list[EventFacts]:
    """The project's events as plain facts, read with column queries (no ORM objects).

    ``changed_after`` limits them to the rows changed after that `Project.events_version`.
    """
    run = db.session.connection().execute  # Core rows: no ORM result processing on ~6,000 rows
    make_score = score_maker()
    in_scope = [Event.project_id == project_id]
    if until is not None:
        in_scope.append(Event.occurred_on <= until)
    if changed_after is not None:
        in_scope.append(Event.changed_version > changed_after)
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


def assess(project: Project, as_of: date | None = None) -> Assessment:
    """Figures and signals of a project as of a date (default today)."""
    as_of = as_of or date.today()
    return evaluate(load_facts(project.id, as_of), as_of, trust_settings(), active=project.is_active,
                    started_on=project.start_date)


def assess_weekly(project: Project, as_of: date | None = None) -> list[Assessment]:
    """One assessment per week end, from the first event to the as-of date."""
    as_of = as_of or date.today()
    return weekly(load_facts(project.id, as_of), as_of, trust_settings(), active=project.is_active,
                  started_on=project.start_date)
