"""Read-only event queries: filtered lists, counts and links, from plain values."""
from collections.abc import Iterable
from datetime import date

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, extract, func, literal_column, or_, select

from tracker.domain.types import Kind, Side, Steering
from tracker.extensions import db
from tracker.models import Event, EventScore, Factor

LINK_TARGET_LIMIT = 200


def month_columns(column):
    """Year and month of a date column, for GROUP BY month (portable across SQLite and PostgreSQL)."""
    return extract("year", column), extract("month", column)


def counted(query: Select, project_ids: Iterable[int], *, until: date, since: date | None = None,
            side: Side | None = None) -> Select:
    """Restrict an event query to the projects' counted (not retracted) events from ``since`` to
    ``until`` (both included), of one side when given."""
    query = query.where(Event.project_id.in_(list(project_ids)), Event.retracted_at.is_(None),
                        Event.occurred_on <= until)
    if since is not None:
        query = query.where(Event.occurred_on >= since)
    return query.where(Event.side == side) if side else query


def escalations_per_month(project_ids: Iterable[int], *, until: date, since: date | None = None,
                          side: Side | None = None) -> Select:
    """(year, month, level, escalations) of the projects' counted escalations: one GROUP BY."""
    year, month = month_columns(Event.occurred_on)
    level = func.coalesce(Event.escalation_level, literal_column("0"))
    query = counted(select(year, month, level, func.count()), project_ids, until=until,
                    since=since, side=side)
    return query.where(Event.kind == Kind.ESCALATION).group_by(year, month, level)


SEARCH_WORDS = 8  # more words than this are ignored: each one is a LIKE over two columns

_SORTS = {
    "newest": (Event.occurred_on.desc(), Event.id.desc()),
    "oldest": (Event.occurred_on.asc(), Event.id.asc()),
    "changed": (Event.updated_at.desc(), Event.id.desc()),
    "title": (func.lower(Event.title).asc(), Event.id.asc()),
    "level": (func.coalesce(Event.escalation_level, -1).desc(), Event.occurred_on.desc(), Event.id.desc()),
}


def _like(word: str) -> str:
    """A LIKE pattern matching the word anywhere, with LIKE's own wildcards taken literally."""
    escaped = word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def matching(query: Select, search: str) -> Select:
    """Keep events whose title or description holds every word of `search` (any case)."""
    for word in search.split()[:SEARCH_WORDS]:
        pattern = _like(word)
        query = query.where(or_(func.lower(Event.title).like(pattern, escape="\\"),
                                func.lower(Event.description).like(pattern, escape="\\")))
    return query


def filtered_events(project_id: int, *, kind: Kind | str | None = None,
                    side: Side | str | None = None, steering: Steering | str | None = None,
                    escalation_level: int | None = None, date_from: date | None = None,
                    date_to: date | None = None, include_retracted: bool = True,
                    search: str | None = None, sort: str = "newest") -> Select:
    """A query of one project's events (newest first unless `sort` says otherwise); `None` means "no filter"."""
    query = select(Event).where(Event.project_id == project_id)
    if search:
        query = matching(query, search)
    if kind:
        query = query.where(Event.kind == Kind(kind))
    if side:
        query = query.where(Event.side == Side(side))
    if steering:
        query = query.where(Event.steering == Steering(steering))
    if escalation_level is not None:
        query = query.where(Event.escalation_level == escalation_level)
    if date_from is not None:
        query = query.where(Event.occurred_on >= date_from)
    if date_to is not None:
        query = query.where(Event.occurred_on <= date_to)
    if not include_retracted:
        query = query.where(Event.retracted_at.is_(None))
    return query.order_by(*_SORTS.get(sort, _SORTS["newest"]))


def event_page(project_id: int, *, page: int, per_page: int, **filters) -> Pagination:
    """One page of `filtered_events` (an out-of-range page is simply empty)."""
    return db.paginate(filtered_events(project_id, **filters), page=page, per_page=per_page,
                       error_out=False, max_per_page=500)


def counts_by_kind(project_id: int) -> dict[Kind, int]:
    """Number of events of each kind, retracted ones left out (every kind present, 0 if none)."""
    rows = db.session.execute(
        select(Event.kind, func.count()).where(Event.project_id == project_id,
                                               Event.retracted_at.is_(None))
        .group_by(Event.kind)).all()
    counts = {kind: 0 for kind in Kind}
    counts.update({Kind(kind): n for kind, n in rows})
    return counts


def recent_events(project_id: int, limit: int = 10) -> list[Event]:
    """The project's latest events (retracted ones included, marked by the caller)."""
    return list(db.session.execute(filtered_events(project_id).limit(limit)).scalars())


def linking_events(event: Event) -> list[Event]:
    """Events of the same project that link to this one, oldest first."""
    return list(db.session.execute(
        select(Event).where(Event.project_id == event.project_id, Event.links_to_id == event.id)
        .order_by(Event.occurred_on, Event.id)).scalars())


def link_targets(project_id: int, *, exclude_id: int | None = None, keep_id: int | None = None,
                 limit: int = LINK_TARGET_LIMIT) -> list[Event]:
    """Recent events an event may link to (not retracted, except `keep_id`), newest first."""
    query = select(Event).where(Event.project_id == project_id)
    alive = Event.retracted_at.is_(None)
    query = query.where(or_(alive, Event.id == keep_id) if keep_id is not None else alive)
    if exclude_id is not None:
        query = query.where(Event.id != exclude_id)
    events = list(db.session.execute(
        query.order_by(Event.occurred_on.desc(), Event.id.desc()).limit(limit)).scalars())
    if keep_id is not None and all(e.id != keep_id for e in events):
        kept = db.session.execute(select(Event).where(Event.project_id == project_id,
                                                      Event.id == keep_id)).scalar_one_or_none()
        events += [kept] if kept else []
    return events


def last_event_dates(project_ids: Iterable[int]) -> dict[int, date]:
    """Project id → date of its latest event that still counts."""
    ids = list(project_ids)
    if not ids:
        return {}
    return dict(db.session.execute(
        select(Event.project_id, func.max(Event.occurred_on))
        .where(Event.project_id.in_(ids), Event.retracted_at.is_(None))
        .group_by(Event.project_id)).all())


def scoring_factors(extra_ids: Iterable[int] = ()) -> list[Factor]:
    """Active factors by position, plus inactive ones an existing event was scored on."""
    extra = list(extra_ids)
    condition = or_(Factor.is_active.is_(True), Factor.id.in_(extra)) if extra else \
        Factor.is_active.is_(True)
    return list(db.session.execute(
        select(Factor).where(condition).order_by(Factor.position, Factor.id)).scalars())


def catalogue() -> list[Factor]:
    """Every factor of the catalogue in catalogue order, active or not (old scores stay readable)."""
    return list(db.session.scalars(select(Factor).order_by(Factor.position, Factor.id)))


def factor_keys() -> list[str]:
    """The factor keys in catalogue order (the CSV's score columns)."""
    return [factor.key for factor in catalogue()]


def factor_ids() -> dict[str, int]:
    """Factor key → id for every factor of the catalogue."""
    return {factor.key: factor.id for factor in catalogue()}


def factor_usage(project_id: int) -> dict[str, dict[str, int]]:
    """Kind → factor key → how many of the project's counted events of that kind scored it."""
    rows = db.session.execute(
        select(Event.kind, Factor.key, func.count())
        .join(EventScore, EventScore.event_id == Event.id).join(Factor, Factor.id == EventScore.factor_id)
        .where(Event.project_id == project_id, Event.retracted_at.is_(None))
        .group_by(Event.kind, Factor.key)).all()
    usage: dict[str, dict[str, int]] = {}
    for kind, key, count in rows:
        usage.setdefault(Kind(kind).value, {})[key] = count
    return usage
