"""Per-project summary cache for the coach overview, and the index its freshness check uses."""
from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from tracker.extensions import db
from tracker.models.base import utcnow
from tracker.models.event import Event


class ProjectSummary(db.Model):
    """The latest headline figures of one project, valid for one as-of date and event-data version.

    ``source`` fingerprints what the figures were computed from (event count, latest event
    change, trust settings); a row whose ``source`` or ``as_of`` differs is stale and is
    recomputed on the next read. It is a cache: deleting every row loses nothing.
    """

    __tablename__ = "project_summary"

    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"),
                                            primary_key=True)
    as_of: Mapped[date]
    source: Mapped[str] = mapped_column(String(120))
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)
    events: Mapped[int] = mapped_column(default=0)
    personal: Mapped[float | None]
    personal_events: Mapped[int] = mapped_column(default=0)
    system: Mapped[float | None]
    system_events: Mapped[int] = mapped_column(default=0)
    contract_share: Mapped[float | None]
    escalations_90d: Mapped[int] = mapped_column(default=0)
    open_issues: Mapped[int] = mapped_column(default=0)
    last_event_on: Mapped[date | None]
    # [{"code": "crowding_out", "severity": "alert"}, ...] in report order
    signals: Mapped[list] = mapped_column(JSON, default=list)
    # {"escalations": [[month, level, n], ...], "resolutions": [[month, mean days, n], ...]}
    trends: Mapped[dict] = mapped_column(JSON, default=dict)


# The freshness check asks max(updated_at) per project; this index answers it in O(log n)
# instead of reading every event row of the project.
EVENT_CHANGE_INDEX = Index("ix_event_project_updated", Event.project_id, Event.updated_at)
