"""A project's trust history (weekly points, current flags, figures 30 days earlier), cached.

The trust model needs every event of the project, so a history is computed once per
fingerprint (event-data version, as-of date, active flag, start date, settings) and kept in a
small in-process cache; as of today it is also stored (`history_store`) for every worker. The
version (`data_version.data_versions`) changes with any new, edited or retracted event, so no
cache serves stale figures. A request that changed events computes the new history before it
answers (`warm_changed`), and the nightly `refresh-summaries` does the same for the new day
(`store_all`), so dashboard views rarely compute anything. The facts come from `facts_cache`,
which reads as few rows as it can. The dashboard and the 4c leadership rule both read it.
"""
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from tracker.domain.engine import Engine
from tracker.domain.figures import Figures, index_value
from tracker.domain.series import check_days, walk
from tracker.domain.signals import Assessment
from tracker.domain.snapshot import figures_from
from tracker.extensions import db
from tracker.models import Project
from tracker.models.event_changes import CHANGED_PROJECTS
from tracker.services import history_store
from tracker.services.charts.base import TrendPoint
from tracker.services.data_version import DataVersion, data_versions
from tracker.services.facts_cache import current_facts
from tracker.services.portfolio import remember, source_of
from tracker.services.trust import trust_settings

CHANGE_DAYS = 30
_CACHE_SIZE = 32
_SIDES = (None, "client", "contractor")
log = logging.getLogger(__name__)


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
    """The project's trust history as of a date: from this process, the stored row, or computed.

    Histories as of today are stored (`history_store`), so a worker that has not computed one
    reads it as one row; other dates are computed on demand and kept in this process only.
    """
    settings = trust_settings()
    version = data_versions([project.id]).get(project.id, DataVersion())
    fingerprint = f"{source_of(version, project.is_active, settings, project.start_date)}|{as_of}"
    key = (str(db.engine.url), project.id, fingerprint)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    today = as_of == date.today()
    history = history_store.read(project.id, fingerprint, TrustHistory) if today else None
    if history is None:
        facts = [f for f in current_facts(project.id, version) if f.occurred_on <= as_of]
        history = compute_history(facts, as_of, settings, project.is_active, project.start_date)
        if today:
            history_store.write(project.id, fingerprint, history)
    if today:
        remember(project, history.current, version, as_of)  # keeps the coach overview warm
    with _lock:
        _cache[key] = history
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return history


def warm_changed() -> None:
    """Compute today's history of every project whose events this request changed.

    Runs after a request that logged, edited, retracted or imported events, so the next view
    of the dashboard, in any worker, reads the stored history instead of computing it.
    """
    changed = db.session.info.pop(CHANGED_PROJECTS, None)
    if not changed:
        return
    for project in db.session.scalars(select(Project).where(Project.id.in_(changed))):
        try:
            trust_history(project, date.today())
        except Exception:  # noqa: BLE001 - the change is saved; the next view computes the history again
            log.exception("trust history of project %s not computed after a change", project.id)
            db.session.rollback()  # leave the session usable for the rest of the request


def store_all() -> int:
    """Bring today's stored history of every project up to date (the nightly job); returns the count."""
    ids = db.session.scalars(select(Project.id).order_by(Project.id)).all()
    for project_id in ids:
        trust_history(db.session.get(Project, project_id), date.today())
    return len(ids)
