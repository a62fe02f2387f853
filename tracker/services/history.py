"""A project's trust history (weekly points, current flags, figures 30 days earlier), cached.

The trust model needs every event of the project, so the history is computed once per
event-data version and as-of date and kept in a small in-process cache. The version
(`data_version.data_versions`) changes with any new, edited or retracted event, so the cache never
serves stale figures; the facts come from `facts_cache`, which reads as few rows as it can. The
dashboard and the 4c leadership rule both read it.
"""
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

from tracker.domain.engine import Engine
from tracker.domain.figures import Figures, index_value
from tracker.domain.series import check_days, walk
from tracker.domain.signals import Assessment
from tracker.domain.snapshot import figures_from
from tracker.extensions import db
from tracker.models import Project
from tracker.services.charts.base import TrendPoint
from tracker.services.data_version import DataVersion, data_versions
from tracker.services.portfolio import remember, settings_key
from tracker.services.facts_cache import current_facts
from tracker.services.trust import trust_settings

CHANGE_DAYS = 30
_CACHE_SIZE = 32
_SIDES = (None, "client", "contractor")


@dataclass(frozen=True)
class EvidenceEvent:
    """An event behind a signal, for a link."""

    id: int
    occurred_on: date
    title: str
    side: str


@dataclass(frozen=True)
class TrustHistory:
    """The expensive part: weekly points, the assessment at as-of and the figures 30 days earlier."""

    series: list[TrendPoint]
    current: Assessment
    previous: Figures
    escalations_recent: int
    escalations_before: int
    evidence: dict[int, EvidenceEvent]
    first_event_on: date | None = None


def _point(engine: Engine, day: int) -> TrendPoint:
    """The weekly point at the engine's rolled date: the same sums `figures_from` reads."""
    values = {}
    for side in _SIDES:
        for dim in ("personal", "system"):
            values[(side, dim)] = (index_value(engine.decayed(("T", dim, side)),
                                               engine.decayed(("D", dim, side))),
                                   engine.count(("dim", dim, side)))
        weight = engine.decayed(("n", side))
        share = min(1.0, max(0.0, engine.decayed(("c", side)) / weight)) if weight > 0 else None
        values[(side, "contract_share")] = (share, engine.count(("ev", side)))
    return TrendPoint(date.fromordinal(day), values)


def compute_history(facts: list, as_of: date, settings, active: bool,
                    started_on: date | None = None) -> TrustHistory:
    """Flags at ``as_of`` (with hysteresis), figures 30 days before and the weekly points.

    One engine (one sort of the events); the weekly points read only the decayed sums the
    lines need instead of building full figures every week.
    """
    engine = Engine(facts, settings)
    current = next(walk(engine, as_of, every_week=False, active=active, started_on=started_on))
    day = as_of.toordinal()
    engine.roll_to(day - CHANGE_DAYS)
    previous = figures_from(engine)
    recent = engine.count_escalations(day - CHANGE_DAYS, day)
    before = engine.count_escalations(day - 2 * CHANGE_DAYS, day - CHANGE_DAYS)
    first = engine.events[0].occurred_on if engine.events else None
    series = []
    for check in (check_days(first, as_of) if first and first <= as_of else []):
        engine.roll_to(check)
        series.append(_point(engine, check))
    wanted = {i for flag in current.flags for i in flag.evidence.get("event_ids", ())}
    evidence = {f.id: EvidenceEvent(f.id, f.occurred_on, f.title, f.side.value)
                for f in facts if f.id in wanted}
    return TrustHistory(series, current, previous, recent, before, evidence, first)


_cache: "OrderedDict[tuple, TrustHistory]" = OrderedDict()
_lock = threading.Lock()


def trust_history(project: Project, as_of: date) -> TrustHistory:
    """The project's trust history as of a date, from the cache while its events are unchanged."""
    settings = trust_settings()
    version = data_versions([project.id]).get(project.id, DataVersion())
    key = (str(db.engine.url), project.id, version, as_of, project.is_active, project.start_date,
           settings_key(settings))
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    facts = [f for f in current_facts(project.id, version) if f.occurred_on <= as_of]
    history = compute_history(facts, as_of, settings, project.is_active, project.start_date)
    if as_of == date.today():
        remember(project, history.current, version, as_of)  # keeps the coach overview warm
    with _lock:
        _cache[key] = history
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return history
