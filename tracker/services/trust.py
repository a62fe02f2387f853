"""Feeds a project's events from the database into the pure trust model."""
from collections import defaultdict
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


def load_facts(project_id: int, until: date | None = None) -> list[EventFacts]:
    """The project's events as plain facts, read with two column queries (no ORM objects)."""
    event_query = select(Event.id, Event.occurred_on, Event.side, Event.kind, Event.steering,
                         Event.escalation_level, Event.links_to_id, Event.retracted_at,
                         Event.title).where(Event.project_id == project_id)
    score_query = (select(EventScore.event_id, Factor.key, Factor.dimension, EventScore.value)
                   .join(Factor, Factor.id == EventScore.factor_id)
                   .join(Event, Event.id == EventScore.event_id)
                   .where(Event.project_id == project_id))
    if until is not None:
        event_query = event_query.where(Event.occurred_on <= until)
        score_query = score_query.where(Event.occurred_on <= until)
    scores: dict[int, list[Score]] = defaultdict(list)
    for event_id, key, dimension, value in db.session.execute(score_query):
        scores[event_id].append(Score(key, dimension, value))
    return [
        EventFacts(id=row.id, occurred_on=row.occurred_on, side=row.side, kind=row.kind,
                   steering=row.steering, escalation_level=row.escalation_level,
                   scores=tuple(scores.get(row.id, ())), links_to=row.links_to_id,
                   retracted=row.retracted_at is not None, title=row.title)
        for row in db.session.execute(event_query)
    ]


def assess(project: Project, as_of: date | None = None) -> Assessment:
    """Figures and signals of a project as of a date (default today)."""
    as_of = as_of or date.today()
    return evaluate(load_facts(project.id, as_of), as_of, trust_settings(), active=project.is_active)


def assess_weekly(project: Project, as_of: date | None = None) -> list[Assessment]:
    """One assessment per week end, from the first event to the as-of date."""
    as_of = as_of or date.today()
    return weekly(load_facts(project.id, as_of), as_of, trust_settings(), active=project.is_active)
