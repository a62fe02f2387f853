"""Interventions a coach or manager started on a project."""
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db
from tracker.models.base import utcnow
from tracker.models.user import User


class InterventionRecord(db.Model):
    """An intervention from the catalogue, started on a date, shown on the dashboard."""

    __tablename__ = "intervention_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    intervention_key: Mapped[str] = mapped_column(String(60))
    started_on: Mapped[date]
    signal_code: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    recorded_by: Mapped[User | None] = relationship()
