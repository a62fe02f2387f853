"""A project's computed trust history as one stored row, so no worker computes it twice."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tracker.extensions import db
from tracker.models.base import utcnow


class StoredHistory(db.Model):
    """The dashboard's trust history (weekly points, flags, figures) for one fingerprint, as JSON.

    ``key`` names everything the history was computed from: the event-data version, the as-of
    date, the project's active flag and start date, the trust settings and the layout of the
    result classes. A row whose key differs from the one a request asks for is simply not
    used. A cache: deleting every row loses nothing.
    """

    __tablename__ = "stored_history"

    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"),
                                            primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)
    payload: Mapped[str] = mapped_column(Text)
