"""Events, their factor scores and their revision history."""
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain.types import Kind, Side, Steering
from tracker.extensions import db
from tracker.models.base import enum_column, utcnow
from tracker.models.factor import Factor
from tracker.models.user import User

REF_MAX = 100


class Event(db.Model):
    """Something that happened between the parties, as one side saw it."""

    __tablename__ = "event"
    __table_args__ = (
        CheckConstraint("escalation_level IS NULL OR escalation_level BETWEEN 0 AND 6",
                        name="escalation_level_range"),
        Index("ix_event_project_occurred", "project_id", "occurred_on"),
        # A reference from another register (or an earlier export) names one event per project.
        Index("uq_event_project_ref", "project_id", "ref", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"))
    occurred_on: Mapped[date]
    side: Mapped[Side] = mapped_column(enum_column(Side, "side"))
    kind: Mapped[Kind] = mapped_column(enum_column(Kind, "kind"))
    steering: Mapped[Steering] = mapped_column(enum_column(Steering, "steering"))
    escalation_level: Mapped[int | None]
    planned: Mapped[bool | None]
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    links_to_id: Mapped[int | None] = mapped_column(ForeignKey("event.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Optimistic locking: an edit based on an older version is a conflict, not an overwrite.
    version: Mapped[int] = mapped_column(default=1)
    retracted_at: Mapped[datetime | None]
    retracted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    retraction_reason: Mapped[str | None] = mapped_column(Text)
    ref: Mapped[str | None] = mapped_column(String(REF_MAX))

    scores: Mapped[list["EventScore"]] = relationship(back_populates="event",
                                                      cascade="all, delete-orphan",
                                                      lazy="selectin")
    revisions: Mapped[list["EventRevision"]] = relationship(
        back_populates="event", order_by="EventRevision.version", cascade="all, delete-orphan")
    links_to: Mapped["Event | None"] = relationship(remote_side=[id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    retracted_by: Mapped[User | None] = relationship(foreign_keys=[retracted_by_id])

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_retracted(self) -> bool:
        """Retracted events stay visible but no longer count."""
        return self.retracted_at is not None

    def score_map(self) -> dict[str, int]:
        """Factor key → score for the factors this event touched."""
        return {s.factor.key: s.value for s in self.scores}


class EventScore(db.Model):
    """One factor score (−2…+2) of one event."""

    __tablename__ = "event_score"
    __table_args__ = (CheckConstraint("value BETWEEN -2 AND 2", name="value_range"),)

    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"),
                                          primary_key=True)
    factor_id: Mapped[int] = mapped_column(ForeignKey("factor.id"), primary_key=True)
    value: Mapped[int]

    event: Mapped[Event] = relationship(back_populates="scores")
    factor: Mapped[Factor] = relationship(lazy="joined")


class EventRevision(db.Model):
    """One saved state of an event: who changed what, when, and why."""

    __tablename__ = "event_revision"
    __table_args__ = (UniqueConstraint("event_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    version: Mapped[int]
    action: Mapped[str] = mapped_column(String(20))  # created | edited | retracted
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    # {"field": [old, new]} for edits; the full field set for "created".
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    note: Mapped[str | None] = mapped_column(Text)

    event: Mapped[Event] = relationship(back_populates="revisions")
    changed_by: Mapped[User | None] = relationship()
