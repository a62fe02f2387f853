"""The other party's view of an event: its own factor scores and a short note."""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Text
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from tracker.domain.types import Side
from tracker.extensions import db
from tracker.models.base import utcnow
from tracker.models.event import Event
from tracker.models.factor import Factor
from tracker.models.user import User

NOTE_MAX = 1000


class EventView(db.Model):
    """How the party that did not log an event saw it (at most one per event; the event's own
    scores are the logging side's view). Changes are recorded in the event's history."""

    __tablename__ = "event_view"

    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), primary_key=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    event: Mapped[Event] = relationship(backref=backref("other_view", uselist=False, lazy="selectin",
                                                        cascade="all, delete-orphan"))
    scores: Mapped[list["EventViewScore"]] = relationship(back_populates="view", cascade="all, delete-orphan",
                                                          lazy="selectin")
    created_by: Mapped[User | None] = relationship()

    @property
    def side(self) -> Side:
        """The party whose view this is: the one that did not log the event."""
        return Side.CONTRACTOR if self.event.side is Side.CLIENT else Side.CLIENT

    def score_map(self) -> dict[str, int]:
        """Factor key → score for the factors this view touched."""
        return {s.factor.key: s.value for s in self.scores}


class EventViewScore(db.Model):
    """One factor score (−2…+2) of the other party's view of an event."""

    __tablename__ = "event_view_score"
    __table_args__ = (CheckConstraint("value BETWEEN -2 AND 2", name="value_range"),)

    event_id: Mapped[int] = mapped_column(ForeignKey("event_view.event_id", ondelete="CASCADE"),
                                          primary_key=True)
    factor_id: Mapped[int] = mapped_column(ForeignKey("factor.id"), primary_key=True)
    value: Mapped[int]

    view: Mapped[EventView] = relationship(back_populates="scores")
    factor: Mapped[Factor] = relationship(lazy="joined")
