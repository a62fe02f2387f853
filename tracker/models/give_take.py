"""Give and take: what each party brings to and gets from the partnership, per round."""
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain.types import Side
from tracker.extensions import db
from tracker.models.base import enum_column, utcnow
from tracker.models.user import User


class GiveTakeEntry(db.Model):
    """One party's bring and get points (0–5) in one category for one round."""

    __tablename__ = "give_take_entry"
    __table_args__ = (
        UniqueConstraint("project_id", "round_label", "side", "category",
                         name="uq_give_take_entry_round_side_category"),
        CheckConstraint("bring BETWEEN 0 AND 5", name="bring_range"),
        CheckConstraint('"get" BETWEEN 0 AND 5', name="get_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    round_label: Mapped[str] = mapped_column(String(60))
    recorded_on: Mapped[date]
    side: Mapped[Side] = mapped_column(enum_column(Side, "give_take_side"))
    category: Mapped[str] = mapped_column(String(20))
    bring: Mapped[int]
    get: Mapped[int]
    comment: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    recorded_by: Mapped[User | None] = relationship()
