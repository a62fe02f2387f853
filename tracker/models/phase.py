"""Phase history, the close-out review and the goal setting the 4c suggestion may use."""
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db
from tracker.models.base import enum_column, utcnow
from tracker.models.project import Phase
from tracker.models.user import User


class PhaseChange(db.Model):
    """A move of the partnership from one phase to the next, with its date."""

    __tablename__ = "phase_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    from_phase: Mapped[Phase] = mapped_column(enum_column(Phase, "from_phase"))
    phase: Mapped[Phase] = mapped_column(enum_column(Phase, "to_phase"))
    changed_on: Mapped[date]
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    changed_by: Mapped[User | None] = relationship()


class CloseoutReview(db.Model):
    """The learning-from-successes review made when the partnership lets go."""

    __tablename__ = "closeout_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), unique=True)
    went_well: Mapped[str] = mapped_column(Text, default="")
    own_initiative: Mapped[str] = mapped_column(Text, default="")
    context: Mapped[str] = mapped_column(Text, default="")
    deeper_findings: Mapped[str] = mapped_column(Text, default="")
    lessons: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    updated_by: Mapped[User | None] = relationship()


class GoalSetting(db.Model):
    """A project's own word on whether its goals are open or concrete (for the 4c role)."""

    __tablename__ = "goal_setting"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), unique=True)
    goals: Mapped[str] = mapped_column(String(10))
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
