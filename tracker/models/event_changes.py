"""Raise `Project.events_version` in the same flush as any change to the project's events.

The trust-history cache is keyed on this counter, so a new, edited or retracted event (or a
changed score) makes every worker compute the history again. Raising it inside the flush puts
it in the same transaction as the change, whichever service made it.
"""
from itertools import chain

from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from tracker.models.event import Event, EventScore
from tracker.models.project import Project

_events = Event.__table__
_projects = Project.__table__


def _project_of(session: Session, obj) -> int | None:
    """The project id of an Event or EventScore; None for anything else."""
    if isinstance(obj, EventScore):
        if obj.event is None:  # attached by id only: ask the database, without an autoflush
            return session.connection().scalar(select(_events.c.project_id)
                                               .where(_events.c.id == obj.event_id))
        obj = obj.event
    return obj.project_id if isinstance(obj, Event) else None


@event.listens_for(Session, "before_flush")
def count_event_changes(session: Session, _context, _instances) -> None:
    """Raise the counter of each project whose events this flush changes (once per flush)."""
    touched = {_project_of(session, obj) for obj in chain(session.new, session.dirty, session.deleted)}
    touched.discard(None)
    conn = session.connection() if touched else None  # Core: no autoflush from inside the flush
    for project_id in sorted(touched):  # one order for every writer: no lock-order deadlocks
        # On PostgreSQL this row lock also puts concurrent writers of one project in commit order.
        conn.execute(update(_projects).where(_projects.c.id == project_id)
                     .values(events_version=_projects.c.events_version + 1))
