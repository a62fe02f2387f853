"""The coach overview: the coach's projects with cached headline figures and portfolio trends.

Each project's figures, signals and monthly escalation/resolution counts live in a
`ProjectSummary` row, tagged with the as-of date and a fingerprint of the project's events
(`data_version.data_versions`: the events counter and the latest change). A request recomputes stale
rows within a time budget and shows the older values, marked, for the rest; `refresh_all` (CLI
`flask tracker refresh-summaries`, e.g. nightly) brings every row up to date. Nothing here groups
or sorts by organisation: coaches see projects and totals.
"""
import hashlib
import json
import time
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import Select, exists, func, literal_column, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from tracker.database import write_transaction
from tracker.domain.trust import evaluate
from tracker.domain.types import Kind
from tracker.extensions import db
from tracker.models import Event, MemberSide, Membership, Project
from tracker.models.summary import ProjectSummary
from tracker.services.charts.base import month_key
from tracker.services.event_queries import month_columns
from tracker.services.data_version import DataVersion, data_versions
from tracker.services.facts_cache import current_facts
from tracker.services.trust import trust_settings

TREND_DAYS = 365
VALUES = ("events", "personal", "personal_events", "system", "system_events", "contract_share",
          "escalations_90d", "open_issues", "last_event_on", "signals", "trends")


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


def settings_key(settings) -> str:
    """A short fingerprint of the trust settings."""
    return hashlib.sha1(json.dumps(settings.to_dict(), sort_keys=True).encode()).hexdigest()[:12]


def has_coach_seat(user_id: int) -> bool:
    """True when the user coaches at least one project."""
    return bool(db.session.scalar(select(exists().where(
        Membership.user_id == user_id, Membership.side == MemberSide.COACH))))


def coached_projects(user_id: int | None) -> list[tuple[int, str, str, bool, date]]:
    """(id, code, name, active, start date) of the projects the user coaches (all for None)."""
    query = select(Project.id, Project.code, Project.name, Project.is_active,
                   Project.start_date).order_by(Project.code)
    if user_id is not None:
        query = query.join(Membership, Membership.project_id == Project.id).where(
            Membership.user_id == user_id, Membership.side == MemberSide.COACH)
    return [tuple(row) for row in db.session.execute(query)]


def summary_values(project_id: int, assessment, settings, as_of: date) -> dict:
    """Headline values, signals and monthly trends of one project from its assessment."""
    f = assessment.figures
    months = settings.escalation_rate_window_days / settings.month_days
    run = db.session.execute
    return {"events": f.events, "personal": f.personal.value, "personal_events": f.personal.events,
            "system": f.system.value, "system_events": f.system.events,
            "contract_share": f.contract_share.value,
            "escalations_90d": round(f.escalations.per_month_total * months),
            "open_issues": f.escalations.open_issues, "last_event_on": f.last_event_on,
            "signals": [{"code": fl.code, "severity": fl.severity} for fl in assessment.flags],
            "trends": {"escalations": [[month_key(y, m), int(lv), n] for y, m, lv, n
                                       in run(escalation_query([project_id], as_of))],
                       "resolutions": [[month_key(y, m), float(d or 0), n] for y, m, d, n
                                       in run(resolution_query([project_id], as_of))]}}


def summarise(project_id: int, active: bool, as_of: date, started_on: date | None = None,
              version: DataVersion | None = None) -> dict:
    """Summary values of one project computed from its events (the slow path)."""
    settings = trust_settings()
    if version is None:
        version = data_versions([project_id]).get(project_id, DataVersion())
    facts = [f for f in current_facts(project_id, version) if f.occurred_on <= as_of]
    assessment = evaluate(facts, as_of, settings, active=active, started_on=started_on)
    return summary_values(project_id, assessment, settings, as_of)


def source_of(version: DataVersion, active: bool, settings, started_on: date | None = None) -> str:
    """What a summary was computed from: event version, active flag, start date, settings."""
    return f"{version}|{int(active)}|{started_on or '-'}|{settings_key(settings)}"


def remember(project: Project, assessment, version: DataVersion, as_of: date) -> None:
    """Store a summary the dashboard just computed, unless an up-to-date one is there."""
    settings = trust_settings()
    source = source_of(version, project.is_active, settings, project.start_date)
    row = db.session.execute(select(ProjectSummary.as_of, ProjectSummary.source)
                             .where(ProjectSummary.project_id == project.id)).first()
    if row is None or row.as_of != as_of or row.source != source:
        store({project.id: summary_values(project.id, assessment, settings, as_of)}, as_of,
              {project.id: source})


def store(fresh: dict[int, dict], as_of: date, sources: dict[int, str]) -> None:
    """Write recomputed summaries; a concurrent writer of the same rows wins without error."""
    try:
        with write_transaction():
            for pid, values in fresh.items():
                db.session.merge(ProjectSummary(project_id=pid, as_of=as_of, source=sources[pid],
                                                **values))
    except IntegrityError:
        pass  # another request stored the same summary first; ours is equivalent


def summaries(projects: list[tuple[int, str, str, bool, date]], as_of: date,
              budget_ms: float | None = None) -> list[PortfolioRow]:
    """Rows for the projects: fresh summaries, plus stale ones recomputed within the budget."""
    if budget_ms is None:
        budget_ms = current_app.config["COACH_SUMMARY_BUDGET_MS"]
    ids = [p[0] for p in projects]
    versions, settings = data_versions(ids), trust_settings()
    cols = [getattr(ProjectSummary, name) for name in VALUES]
    stored = {row[0]: row for row in db.session.execute(
        select(ProjectSummary.project_id, ProjectSummary.as_of, ProjectSummary.source, *cols)
        .where(ProjectSummary.project_id.in_(ids)))} if ids else {}
    sources = {pid: source_of(versions.get(pid, DataVersion()), active, settings, start)
               for pid, _c, _n, active, start in projects}
    rows, fresh, deadline, slowest = {}, {}, time.perf_counter() + budget_ms / 1000, 0.0
    for pid, code, name, active, start in sorted(projects, key=lambda p: p[0] in stored):  # missing first
        row = stored.get(pid)
        started = time.perf_counter()
        if row is not None and row.as_of == as_of and row.source == sources[pid]:
            rows[pid] = PortfolioRow(pid, code, name, as_of, True, {n: getattr(row, n) for n in VALUES})
        elif started + slowest < deadline:  # only start what should finish within the budget
            fresh[pid] = summarise(pid, active, as_of, start, versions.get(pid, DataVersion()))
            slowest = max(slowest, time.perf_counter() - started)
            rows[pid] = PortfolioRow(pid, code, name, as_of, True, fresh[pid])
        else:
            values = {n: getattr(row, n) for n in VALUES} if row is not None else {}
            rows[pid] = PortfolioRow(pid, code, name, row.as_of if row else None, False, values)
    if fresh:
        store(fresh, as_of, sources)
    return [rows[pid] for pid, *_ in projects]


def overview(user_id: int, as_of: date) -> list[PortfolioRow]:
    """The coach's projects with their headline figures, by project code."""
    return summaries(coached_projects(user_id), as_of)


def refresh_all(as_of: date) -> int:
    """Bring every project's summary up to date (no time budget); returns the number of projects."""
    return len(summaries(coached_projects(None), as_of, budget_ms=float("inf")))


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


def escalation_query(project_ids: list[int], as_of: date) -> Select:
    """Escalations per month and level over the last year: one GROUP BY."""
    year, month = month_columns(Event.occurred_on)
    return (select(year, month, func.coalesce(Event.escalation_level, literal_column("0")), func.count())
            .where(Event.project_id.in_(project_ids), Event.kind == Kind.ESCALATION,
                   Event.retracted_at.is_(None), Event.occurred_on <= as_of,
                   Event.occurred_on > as_of - timedelta(days=TREND_DAYS))
            .group_by(year, month, func.coalesce(Event.escalation_level, literal_column("0"))))


def _days_between(later, earlier):
    """Whole days between two date columns, in this database's dialect."""
    if db.engine.dialect.name == "sqlite":
        return func.julianday(later) - func.julianday(earlier)
    return later - earlier


def resolution_query(project_ids: list[int], as_of: date) -> Select:
    """Mean days to resolution per month of the resolving agreement: one joined GROUP BY.

    The start is the linked issue, or the issue an escalation lifted when the agreement links to
    the escalation (one hop, which covers how chains are logged in practice).
    """
    target, root = aliased(Event), aliased(Event)
    start = func.coalesce(root.occurred_on, target.occurred_on)
    year, month = month_columns(Event.occurred_on)
    return (select(year, month, func.avg(_days_between(Event.occurred_on, start)), func.count())
            .join(target, target.id == Event.links_to_id)
            .outerjoin(root, (root.id == target.links_to_id) & (target.kind == Kind.ESCALATION)
                       & root.retracted_at.is_(None) & (root.occurred_on <= target.occurred_on))
            .where(Event.project_id.in_(project_ids), Event.kind == Kind.AGREEMENT,
                   Event.retracted_at.is_(None), target.retracted_at.is_(None),
                   target.kind.in_((Kind.ISSUE, Kind.ESCALATION)),
                   target.occurred_on <= Event.occurred_on, Event.occurred_on <= as_of,
                   Event.occurred_on > as_of - timedelta(days=TREND_DAYS))
            .group_by(year, month))
