"""A project's escalation ladder: every proposed, accepted or declined version."""
import enum
from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db
from tracker.models.base import enum_column, utcnow
from tracker.models.user import User


class LadderStatus(enum.StrEnum):
    """Where a version of the ladder stands."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class LadderVersion(db.Model):
    """One version of a project's ladder: proposed by one side, accepted or declined by the other
    (or set directly by an admin). ``levels`` holds the seven rungs in the command-line JSON shape,
    names as {"nl", "en"}; an accepted version applies from ``agreed_on``."""

    __tablename__ = "ladder_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    status: Mapped[LadderStatus] = mapped_column(enum_column(LadderStatus, "ladder_status"))
    levels: Mapped[list] = mapped_column(JSON)
    proposed_side: Mapped[str] = mapped_column(String(20))
    """client, contractor or admin (set directly)."""
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    proposed_at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None]
    agreed_on: Mapped[date | None]
    reason: Mapped[str] = mapped_column(Text, default="")
    """Why the other side declined (or the proposer withdrew)."""

    proposed_by: Mapped[User | None] = relationship(foreign_keys=[proposed_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
