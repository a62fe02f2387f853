"""The coach overview: the coach's projects with their headline figures and portfolio trends.

Each project's figures, signals and monthly escalation/resolution counts are kept in a
`ProjectSummary` row, tagged with the as-of date and what they were computed from
(`history.source_of`). The rows are written by the services that change events (`refresh`)
and by the nightly `flask tracker refresh-summaries` (`refresh_all`), never by a page view: the
overview computes stale rows within a time budget without storing them, and shows the older
values, marked, for the rest. Nothing here groups or sorts by organisation: coaches see
projects and totals.
"""
import logging
import time
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from flask import current_app
from sqlalchemy import exists, select

from tracker.database import write_cache
from tracker.domain.months import month_key
from tracker.extensions import db
from tracker.models import Membership, MemberSide, Project
from tracker.models.summary import ProjectSummary
from tracker.services.events.queries import escalations_per_month
from tracker.services.trust.facts import settings_key, trust_settings
from tracker.services.trust.history import source_of, trust_history
from tracker.services.trust.version import DataVersion, data_versions

TREND_DAYS = 365
VALUES = ("events", "personal", "personal_events", "system", "system_events", "contract_share",
          "escalations_90d", "open_issues", "last_event_on", "signals", "trends")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PortfolioRow:
    """One coached project in the overview; ``as_of`` None means not computed yet."""

    project_id: int
    code: str
    name: str
    as_of: date | None
    fresh: bool
    values: dict

    def __getattr__(self, name: str):
        """Summary values as attributes (None while the project has no summary yet)."""
        if name in VALUES:
            return self.values.get(name)
        raise AttributeError(name)


def has_coach_seat(user_id: int) -> bool:
    """True when the user coaches at least one project."""
    return bool(db.session.scalar(select(exists().where(
        Membership.user_id == user_id, Membership.side == MemberSide.COACH))))


class Coached(NamedTuple):
    """What the overview needs of a project (enough for `trust_history` too), read as plain columns."""

    id: int
    code: str
    name: str
    is_active: bool
    start_date: date | None


def coached_projects(user_id: int | None, among=None) -> list[Coached]:
    """The projects the user coaches (None: every project with a coach), by code, optionally
    only those whose ids are in ``among``."""
    seat = [Membership.side == MemberSide.COACH]
    if user_id is not None:
        seat.append(Membership.user_id == user_id)
    query = select(Project.id, Project.code, Project.name, Project.is_active, Project.start_date) \
        .where(exists().where(Membership.project_id == Project.id, *seat))
    if among is not None:
        query = query.where(Project.id.in_(list(among)))
    return [Coached(*row) for row in db.session.execute(query.order_by(Project.code))]


def _resolution_trend(resolved, since: date, until: date) -> list[list]:
    """[month, mean days to resolution, chains resolved] per month of resolution in the period."""
    months: dict[str, list[int]] = {}
    for day, days in resolved:
        if since <= day <= until:
            months.setdefault(month_key(day.year, day.month), []).append(days)
    return [[m, sum(d) / len(d), len(d)] for m, d in sorted(months.items())]


def summarise(project: Project | Coached, as_of: date, version: DataVersion | None = None) -> dict:
    """Headline values, signals and monthly trends of one project (from its trust history)."""
    history = trust_history(project, as_of, version)
    settings = trust_settings()
    f = history.current.figures
    months = settings.escalation_rate_window_days / settings.month_days
    since = as_of - timedelta(days=TREND_DAYS - 1)
    escalations = db.session.execute(escalations_per_month([project.id], until=as_of, since=since))
    return {"events": f.events, "personal": f.personal.value, "personal_events": f.personal.events,
            "system": f.system.value, "system_events": f.system.events,
            "contract_share": f.contract_share.value,
            "escalations_90d": round(f.escalations.per_month_total * months),
            "open_issues": f.escalations.open_issues, "last_event_on": f.last_event_on,
            "signals": [{"code": fl.code, "severity": fl.severity} for fl in history.current.flags],
            "trends": {"escalations": [[month_key(y, m), int(lv), n] for y, m, lv, n in escalations],
                       "resolutions": _resolution_trend(history.resolved, since, as_of)}}


def _store(fresh: dict[int, dict], as_of: date, sources: dict[int, str]) -> bool:
    """Write recomputed summaries; False when the database was too busy or full (a later run retries)."""
    def write():
        for pid, values in fresh.items():
            db.session.merge(ProjectSummary(project_id=pid, as_of=as_of, source=sources[pid], **values))
    return write_cache(write, f"{len(fresh)} project summaries")


def summaries(projects: list[Coached], as_of: date, budget_ms: float | None = None,
              store: bool = False) -> list[PortfolioRow]:
    """Rows for the projects: fresh summaries, plus stale ones recomputed within the budget.

    Only ``store=True`` (the nightly job and the services that change events) writes the
    recomputed rows; a page view shows them and leaves the database alone.
    """
    if budget_ms is None:
        budget_ms = current_app.config["COACH_SUMMARY_BUDGET_MS"]
    ids = [p.id for p in projects]
    versions, settings = data_versions(ids), settings_key(trust_settings())
    cols = [getattr(ProjectSummary, name) for name in VALUES]
    stored = {row[0]: row for row in db.session.execute(
        select(ProjectSummary.project_id, ProjectSummary.as_of, ProjectSummary.source, *cols)
        .where(ProjectSummary.project_id.in_(ids)))} if ids else {}
    sources = {p.id: source_of(versions.get(p.id, DataVersion()), p.is_active, settings, p.start_date)
               for p in projects}
    rows, fresh, deadline, slowest = {}, {}, time.perf_counter() + budget_ms / 1000, 0.0
    for project in sorted(projects, key=lambda p: p.id in stored):  # never computed first
        pid, row = project.id, stored.get(project.id)
        started = time.perf_counter()
        if row is not None and row.as_of == as_of and row.source == sources[pid]:
            values, when, ok = {n: getattr(row, n) for n in VALUES}, as_of, True
        elif started + slowest < deadline:  # only start what should finish within the budget
            values = fresh[pid] = summarise(project, as_of, versions.get(pid, DataVersion()))
            slowest = max(slowest, time.perf_counter() - started)
            when, ok = as_of, True
        else:
            values = {n: getattr(row, n) for n in VALUES} if row is not None else {}
            when, ok = (row.as_of if row else None), False
        rows[pid] = PortfolioRow(pid, project.code, project.name, when, ok, values)
    if fresh and store:
        _store(fresh, as_of, sources)
    return [rows[p.id] for p in projects]


def overview(user_id: int, as_of: date) -> list[PortfolioRow]:
    """The coach's projects with their headline figures, by project code (reads only)."""
    return summaries(coached_projects(user_id), as_of)


def refresh(project_ids) -> None:
    """Store today's summary of these projects if they have a coach (after their events changed).

    The change is already committed: a summary that cannot be computed or stored now is
    computed by the next overview or the nightly job instead.
    """
    try:
        summaries(coached_projects(None, among=project_ids), date.today(), budget_ms=float("inf"),
                  store=True)
    except Exception:  # noqa: BLE001 - the events are saved; the summary is only a cache
        log.exception("summaries of projects %s not refreshed after a change", sorted(project_ids))
        db.session.rollback()


def refresh_all(as_of: date) -> int:
    """Bring the summary of every coached project up to date (no time budget); returns their number."""
    return len(summaries(coached_projects(None), as_of, budget_ms=float("inf"), store=True))


def portfolio_trends(rows: list[PortfolioRow]) -> tuple[list, list]:
    """Summed (month, level, escalations) and (month, mean days, resolved) across the rows."""
    escalations: dict[tuple[str, int], int] = {}
    days: dict[str, list[float]] = {}
    for row in rows:
        trends = row.trends or {}
        for month, level, n in trends.get("escalations", []):
            escalations[(month, level)] = escalations.get((month, level), 0) + n
        for month, mean, n in trends.get("resolutions", []):
            total = days.setdefault(month, [0.0, 0])
            total[0] += mean * n
            total[1] += n
    return ([(m, lv, n) for (m, lv), n in sorted(escalations.items())],
            [(m, total / n, n) for m, (total, n) in sorted(days.items()) if n])
