"""The fingerprint of a project's events that every cache of derived figures is keyed on."""
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import Select, func, select

from tracker.extensions import db
from tracker.models import Event, Project


def versions_query(project_ids: list[int]) -> Select:
    """Per project: its events counter and latest updated_at (one index probe each).

    The counter is raised in every transaction that changes the project's events, so it orders
    concurrent writers correctly; the timestamp also notices rows written outside the ORM
    (a restored backup, a hand-run SQL fix).
    """
    latest = select(func.max(Event.updated_at)).where(Event.project_id == Project.id).scalar_subquery()
    return select(Project.id, Project.events_version, latest).where(Project.id.in_(project_ids))


class DataVersion(NamedTuple):
    """Fingerprint of a project's events: `Project.events_version` and the latest `updated_at`."""

    counter: int = 0
    changed: datetime | None = None

    def __str__(self) -> str:
        """The form stored in `ProjectSummary.source`."""
        return f"{self.counter}|{self.changed.isoformat() if self.changed else '-'}"


def data_versions(project_ids: list[int]) -> dict[int, DataVersion]:
    """Project id → fingerprint of its events; any new, edited or retracted event changes it."""
    if not project_ids:
        return {}
    return {pid: DataVersion(n, changed)
            for pid, n, changed in db.session.execute(versions_query(project_ids))}
