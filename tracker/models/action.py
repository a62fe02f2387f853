"""Actions: a chosen next step with an owner, a due date and a status that gets followed up."""
import enum
from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db
from tracker.models.base import enum_column, utcnow
from tracker.models.user import User


class ActionStatus(enum.StrEnum):
    """Open, in progress, done, or dropped (with a reason)."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class Action(db.Model):
    """An action on a project: from an intervention in the catalogue (or free), answering a
    signal and events, owned by a member of either side or the coach."""

    __tablename__ = "action"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    """Empty: the title of ``intervention_key`` in the reader's language."""
    intervention_key: Mapped[str | None] = mapped_column(String(60))
    signal_code: Mapped[str | None] = mapped_column(String(40))
    event_ids: Mapped[list] = mapped_column(JSON, default=list)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    due_on: Mapped[date | None]
    status: Mapped[ActionStatus] = mapped_column(enum_column(ActionStatus, "action_status"),
                                                 default=ActionStatus.OPEN)
    reason: Mapped[str] = mapped_column(Text, default="")
    """Why it was dropped."""
    notes: Mapped[str] = mapped_column(Text, default="")
    created_on: Mapped[date]
    closed_on: Mapped[date | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
