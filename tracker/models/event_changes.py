"""Raise `Project.events_version` in the same flush as any change to a project's events."""
from itertools import chain

from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from tracker.models.event import Event, EventScore
from tracker.models.project import Project


def _project_of(session: Session, obj) -> int | None:
    """The project id an Event or EventScore belongs to (None for other objects)."""
    if isinstance(obj, EventScore):
        if obj.event is None:  # attached by id only: ask the database, without an autoflush
            return session.connection().scalar(select(Event.__table__.c.project_id)
                                               .where(Event.__table__.c.id == obj.event_id))
        obj = obj.event
    return obj.project_id if isinstance(obj, Event) else None


@event.listens_for(Session, "before_flush")
def raise_events_version(session: Session, _context, _instances) -> None:
    """One UPDATE per flush that touches events: every ORM write path is covered in one place."""
    ids = {pid for obj in chain(session.new, session.dirty, session.deleted)
           if (pid := _project_of(session, obj)) is not None}
    if ids:
        # Core statement on the flush's connection: no autoflush, and the row lock it takes on
        # PostgreSQL orders concurrent writers of the same project.
        session.connection().execute(update(Project.__table__).where(Project.__table__.c.id.in_(ids))
                                     .values(events_version=Project.__table__.c.events_version + 1))
