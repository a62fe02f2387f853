"""A project's event facts as one stored row, so a worker that has not seen the project skips reading every event."""
from datetime import datetime

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from tracker.extensions import db


class FactsSnapshot(db.Model):
    """The trust model's view of a project's events (JSON), as of one event-data version.

    A cache like `ProjectSummary`: rows changed after ``events_version`` are merged on top when
    it is read (`tracker.services.facts_snapshot`), and deleting every row loses nothing.
    ``rows`` is the number of event rows it holds (retracted ones included): a read that finds
    a different number after merging falls back to reading the events. ``format`` names the
    payload layout, so a release that changes it ignores older rows instead of misreading them.
    """

    __tablename__ = "facts_snapshot"

    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"),
                                            primary_key=True)
    events_version: Mapped[int]
    changed_at: Mapped[datetime | None]
    rows: Mapped[int]
    format: Mapped[int]
    payload: Mapped[str] = mapped_column(Text)
