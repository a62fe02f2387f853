"""Stamp every change to a project's events with a new `Project.events_version`, in the same flush.

The project's counter goes up by one per flush that touches its events, and each touched event
row records the new value in `changed_version`. Caches key on the counter, and a cache that has
seen version n can read just the rows with `changed_version > n`.
"""
from collections import defaultdict
from itertools import chain

from sqlalchemy import event, inspect, select, update
from sqlalchemy.orm import Session

from tracker.models.event import Event, EventScore
from tracker.models.project import Project

# session.info key: ids of the projects whose events this session changed (for `history.warm_changed`).
CHANGED_PROJECTS = "tracker.events_changed"
_events = Event.__table__
_projects = Project.__table__


def _touched(session: Session, obj) -> tuple[int, Event | int] | None:
    """(project id, event object or id) for an Event or EventScore; None for anything else."""
    if isinstance(obj, EventScore):
        if obj.event is None:  # attached by id only: ask the database, without an autoflush
            project_id = session.connection().scalar(select(_events.c.project_id)
                                                     .where(_events.c.id == obj.event_id))
            return (project_id, obj.event_id) if project_id is not None else None
        obj = obj.event
    if isinstance(obj, Event) and obj.project_id is not None:
        return obj.project_id, obj
    return None


@event.listens_for(Session, "before_flush")
def stamp_event_changes(session: Session, _context, _instances) -> None:
    """Raise the counter of each touched project and stamp its touched events with the new value."""
    touched: dict[int, list] = defaultdict(list)
    for obj in chain(session.new, session.dirty, session.deleted):
        found = _touched(session, obj)
        if found is not None:
            touched[found[0]].append(found[1])
    if touched:
        session.info.setdefault(CHANGED_PROJECTS, set()).update(touched)
    conn = session.connection()  # Core statements: no autoflush from inside the flush
    for project_id, events in touched.items():
        # On PostgreSQL this row lock also puts concurrent writers of one project in commit order.
        version = conn.execute(update(_projects).where(_projects.c.id == project_id)
                               .values(events_version=_projects.c.events_version + 1)
                               .returning(_projects.c.events_version)).scalar_one()
        stored = set()
        for item in events:
            if isinstance(item, Event) and inspect(item).pending:
                item.changed_version = version  # a new row: written by this flush's INSERT
            else:
                stored.add(item.id if isinstance(item, Event) else item)
        if stored:
            # Core, not the attribute: the ORM would count it as an edit and bump `Event.version`.
            conn.execute(update(_events).where(_events.c.id.in_(stored)).values(changed_version=version))
