"""What the shared project dashboard shows: the trust history plus SQL aggregates, as plain values.

The trust history comes from `trust.history` (cached in process per event-data version). Heat map,
escalation ladder and timeline are GROUP BY or column queries, never ORM objects.
"""
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, String, func, select, type_coerce, union_all

from tracker.domain.history import EvidenceEvent, TrendPoint, TrustHistory
from tracker.domain.months import month_key, month_range
from tracker.domain.signals import Flag
from tracker.domain.types import Side
from tracker.extensions import db
from tracker.models import Event, EventScore, EventViewScore, Factor, Project
from tracker.services.events.queries import catalogue, counted, escalations_per_month, month_columns
from tracker.services.trust.history import trust_history
from tracker.services.actions.queries import ActionRow, list_actions

TIMELINE_LIMIT = 2500
EVIDENCE_SHOWN = 8


@dataclass(frozen=True)
class Filters:
    """Date range (``date_to`` is the as-of date) and the side whose view is shown (None: both)."""

    date_from: date | None
    date_to: date
    side: Side | None = None


def default_filters() -> Filters:
    """Everything up to today, both sides."""
    return Filters(date_from=None, date_to=date.today(), side=None)


@dataclass(frozen=True)
class Headline:
    """One headline figure with its change over the last 30 days."""

    value: float | None
    change: float | None
    events: int | None = None
    low_confidence: bool = False


@dataclass(frozen=True)
class SignalView:
    """A raised flag with the first few events behind it."""

    flag: Flag
    events: list[EvidenceEvent]
    more: int


@dataclass
class Dashboard:
    """Everything one dashboard page needs."""

    filters: Filters
    history: TrustHistory
    headline: dict[str, Headline]
    signals: list[SignalView]
    timeline: list[tuple]
    heat: list[tuple[str, str, float, int]]
    ladder: list[tuple[str, int, int]]
    factors: list[tuple[str, str, str]]
    actions: list[ActionRow] = field(default_factory=list)
    timeline_total: int = 0  # events in the period; the timeline holds at most TIMELINE_LIMIT

    @property
    def series(self) -> list[TrendPoint]:
        """Weekly points inside the date range."""
        start = self.filters.date_from
        return [p for p in self.history.series if start is None or p.as_of >= start]

    def actions_for(self, code: str) -> list[ActionRow]:
        """The actions answering signal ``code`` (open ones first)."""
        return [a for a in self.actions if a.signal == code]

    @property
    def months(self) -> list[str]:
        """Every month "YYYY-MM" of the shown period (from the first event at the earliest)."""
        first, start, end = self.history.first_event_on, self.filters.date_from, self.filters.date_to
        begin = max(d for d in (start, first) if d) if first else None
        if begin is None or begin > end:
            return []
        return month_range(month_key(begin.year, begin.month), month_key(end.year, end.month))


def _headline(history: TrustHistory, side: Side | None) -> dict[str, Headline]:
    """Personal, system, steering share, open issues and escalations with their 30-day change."""
    now, before = history.current.figures, history.previous
    view, past = (now.by_side[side], before.by_side[side]) if side else (now, before)
    out = {}
    for name in ("personal", "system", "contract_share"):
        a, b = getattr(view, name), getattr(past, name)
        digits = 3 if name == "contract_share" else 1  # as shown: 0.1 point, 0.1 percentage point
        change = None if a.value is None or b.value is None else round(a.value - b.value, digits) + 0.0
        out[name] = Headline(a.value, change, a.events, a.low_confidence)
    open_now, open_before = now.escalations.open_issues, before.escalations.open_issues
    out["open_issues"] = Headline(open_now, open_now - open_before)
    out["escalations"] = Headline(history.escalations_recent,
                                  history.escalations_recent - history.escalations_before)
    return out


def _signals(history: TrustHistory) -> list[SignalView]:
    """Flags with their newest evidence events first."""
    views = []
    for flag in history.current.flags:
        ids = reversed(flag.evidence.get("event_ids", []))
        events = [history.evidence[i] for i in ids if i in history.evidence]
        views.append(SignalView(flag, events[:EVIDENCE_SHOWN], max(0, len(events) - EVIDENCE_SHOWN)))
    return views


def _scope(query: Select, project_id: int, filters: Filters) -> Select:
    """Restrict an event query to the project's counted events in the date range and side."""
    return counted(query, [project_id], until=filters.date_to, since=filters.date_from,
                   side=filters.side)


def timeline_query(project_id: int, filters: Filters) -> Select:
    """The latest events of the period, newest first, as plain columns (side, kind and steering as
    their stored words: a timeline has thousands of rows, and enum members cost a lookup each)."""
    words = [type_coerce(column, String) for column in (Event.side, Event.kind, Event.steering)]
    query = _scope(select(Event.id, Event.occurred_on, *words,
                          Event.escalation_level, Event.planned, Event.title), project_id, filters)
    return query.order_by(Event.occurred_on.desc(), Event.id.desc()).limit(TIMELINE_LIMIT)


def heat_query(project_id: int, filters: Filters) -> Select:
    """Mean score and count per factor and month, over both views of each event: one GROUP BY.

    The event's own scores belong to the side that logged it; the other party's view
    (`EventViewScore`) to the other side, so a side filter keeps the views of that side.
    """
    own = _scope(select(EventScore.factor_id, Event.occurred_on, EventScore.value)
                 .join(Event, Event.id == EventScore.event_id), project_id, filters)
    other = counted(select(EventViewScore.factor_id, Event.occurred_on, EventViewScore.value)
                    .join(Event, Event.id == EventViewScore.event_id), [project_id],
                    until=filters.date_to, since=filters.date_from)
    if filters.side:
        other = other.where(Event.side != filters.side)
    scores = union_all(own, other).subquery()
    year, month = month_columns(scores.c.occurred_on)
    query = (select(Factor.key, year, month, func.avg(scores.c.value), func.count())
             .join(Factor, Factor.id == scores.c.factor_id))
    return query.group_by(Factor.key, year, month)


def ladder_query(project_id: int, filters: Filters) -> Select:
    """Escalations per month and level in the period."""
    return escalations_per_month([project_id], until=filters.date_to, since=filters.date_from,
                                 side=filters.side)


def factor_labels(lang: str) -> list[tuple[str, str, str]]:
    """(key, label, dimension) of every factor in catalogue order."""
    return [(f.key, f.label(lang), f.dimension.value) for f in catalogue()]


def build_dashboard(project: Project, filters: Filters, lang: str = "en") -> Dashboard:
    """Collect the dashboard of a project for the given filters."""
    history = trust_history(project, filters.date_to)
    run = db.session.execute
    timeline = [tuple(r) for r in reversed(run(timeline_query(project.id, filters)).all())]
    total = len(timeline) if len(timeline) < TIMELINE_LIMIT else db.session.scalar(
        _scope(select(func.count()).select_from(Event), project.id, filters))
    heat = [(key, month_key(y, m), float(mean), n)
            for key, y, m, mean, n in run(heat_query(project.id, filters))]
    ladder = [(month_key(y, m), int(lv), n) for y, m, lv, n in run(ladder_query(project.id, filters))]
    return Dashboard(filters=filters, history=history, headline=_headline(history, filters.side),
                     signals=_signals(history), timeline=timeline, heat=heat, ladder=ladder,
                     factors=factor_labels(lang), actions=list_actions(project.id, filters.date_to),
                     timeline_total=total)
