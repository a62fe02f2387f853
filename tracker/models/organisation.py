"""Organisations: the parties (client, contractor, consultancy) users belong to."""
from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from tracker.extensions import db
from tracker.models.base import utcnow


class Organisation(db.Model):
    """A party in one or more partnerships."""

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Everyone of this organisation signs in with a second factor (admins always do).
    mfa_required: Mapped[bool] = mapped_column(default=False)

    def __repr__(self) -> str:
        return f"<Organisation {self.name!r}>"
