"""The signal change log: which flag was raised or cleared on which project, and when.

`record_signal_changes` is the one place where changes are recorded and announced (mail and
in-app notices, and the `signal.raised` / `signal.cleared` webhooks); it returns the changes.
"""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from tracker.database import write_transaction
from tracker.domain.report import flag_json
from tracker.domain.signals import Flag
from tracker.extensions import db
from tracker.models import Project, SignalChange, SignalWatch
from tracker.services.notify.signal_mail import announce
from tracker.services.trust.history import trust_history
from tracker.services.webhooks import queue_webhooks

RAISED, CLEARED = "raised", "cleared"


@dataclass(frozen=True)
class Active:
    """A flag the log holds as raised."""

    severity: str
    since: date


def active_flags(project_id: int) -> dict[str, Active]:
    """The flags the log holds as raised now: code → severity and since when."""
    latest = (select(SignalChange.code, func.max(SignalChange.id).label("id"))
              .where(SignalChange.project_id == project_id).group_by(SignalChange.code).subquery())
    rows = db.session.execute(select(SignalChange).join(latest, latest.c.id == SignalChange.id)).scalars()
    out = {}
    for row in rows:
        if row.change == RAISED:
            out[row.code] = Active(row.severity, _first_raised(project_id, row))
    return out


def change_log(project_id: int) -> list[dict]:
    """The project's recorded changes, newest first, without the starting state (the API's log)."""
    rows = db.session.scalars(select(SignalChange).where(SignalChange.project_id == project_id,
                                                         SignalChange.baseline.is_(False))
                              .order_by(SignalChange.on_date.desc(), SignalChange.id.desc()))
    return [{"code": r.code, "severity": r.severity, "change": r.change, "on": r.on_date} for r in rows]


def active_since(project_id: int, as_of: date) -> dict[str, date]:
    """Since when each flag has been raised according to the log, for a view as of today or later
    (the log knows the present, not a past date's state); empty before the first jobs run."""
    if as_of < date.today():
        return {}
    return {code: held.since for code, held in active_flags(project_id).items()}


def _first_raised(project_id: int, last: SignalChange) -> date:
    """When the current run of raises began (a severity rise is not a new start)."""
    before = db.session.execute(select(SignalChange).where(
        SignalChange.project_id == project_id, SignalChange.code == last.code,
        SignalChange.id < last.id).order_by(SignalChange.id.desc()).limit(1)).scalar_one_or_none()
    if before is not None and before.change == RAISED:
        return _first_raised(project_id, before)
    return last.on_date


def _diff(flags: dict[str, Flag], active: dict[str, Active], as_of: date) -> list[tuple]:
    """(code, severity, change, on_date, flag) for every flag whose state differs from the log."""
    out = []
    for code, flag in flags.items():
        held = active.get(code)
        if held is None or (held.severity != "alert" and flag.severity == "alert"):
            out.append((code, flag.severity, RAISED, flag.since or as_of, flag))
    for code, held in active.items():
        if code not in flags:
            out.append((code, held.severity, CLEARED, as_of, None))
    return out


def _watch(project_id: int) -> SignalWatch | None:
    """The project's watch row, locked against a concurrent run on PostgreSQL."""
    query = select(SignalWatch).where(SignalWatch.project_id == project_id)
    if db.engine.dialect.name == "postgresql":
        query = query.with_for_update()
    return db.session.execute(query).scalar_one_or_none()


def _webhook_data(change: SignalChange, flag: Flag | None) -> dict:
    """What a signal.raised / signal.cleared webhook says: the code, severity, date and (when
    raised) the flag as the signals JSON writes it."""
    return {"code": change.code, "severity": change.severity, "on": change.on_date.isoformat(),
            "flag": flag_json(flag) if flag is not None and change.change == RAISED else None}


def record_signal_changes(project: Project, as_of: date) -> list[SignalChange]:
    """Compare the project's flags as of a date with the log, record what changed and tell the
    members. A project's first look records its state without telling anyone; a date before
    the last one looked at changes nothing. Safe to run concurrently (one run records)."""
    flags = {f.code: f for f in trust_history(project, as_of).current.flags}  # outside the lock
    try:
        with write_transaction():
            watch = _watch(project.id)
            first = watch is None
            if first:
                watch = SignalWatch(project_id=project.id)
                db.session.add(watch)
                db.session.flush()
            elif watch.last_as_of and as_of < watch.last_as_of:
                return []
            watch.last_as_of = as_of
            changes = [SignalChange(project_id=project.id, code=code, severity=severity, change=change,
                                    on_date=on_date, baseline=first)
                       for code, severity, change, on_date, _flag in _diff(flags, active_flags(project.id), as_of)]
            db.session.add_all(changes)
            db.session.flush()
            if not first:
                for change in changes:
                    announce(project, change, flags.get(change.code))
                    queue_webhooks(project.id, f"signal.{change.change}",
                                   lambda c=change: _webhook_data(c, flags.get(c.code)))
    except IntegrityError:
        return []  # another run created the watch row first and recorded the same state
    return changes
