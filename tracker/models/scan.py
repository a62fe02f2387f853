"""Collaboration scan rounds, the responses in them and their answers."""
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain.types import Side
from tracker.extensions import db
from tracker.models.base import enum_column, utcnow
from tracker.models.user import User


class ScanRound(db.Model):
    """A period in which the members of both parties answer the scan."""

    __tablename__ = "scan_round"
    __table_args__ = (
        UniqueConstraint("project_id", "name", name="uq_scan_round_project_name"),
        CheckConstraint("closes_on >= opens_on", name="closes_after_opens"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    opens_on: Mapped[date]
    closes_on: Mapped[date]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    created_by: Mapped[User | None] = relationship()
    responses: Mapped[list["ScanResponse"]] = relationship(back_populates="round",
                                                           cascade="all, delete-orphan")

    def is_open(self, today: date) -> bool:
        """True while answers are accepted (from opens_on through closes_on)."""
        return self.opens_on <= today <= self.closes_on


class ScanResponse(db.Model):
    """One person's answers in a round: a member (user) or an imported respondent id."""

    __tablename__ = "scan_response"
    __table_args__ = (
        UniqueConstraint("round_id", "user_id", name="uq_scan_response_round_user"),
        UniqueConstraint("round_id", "respondent", name="uq_scan_response_round_respondent"),
        CheckConstraint("user_id IS NOT NULL OR respondent IS NOT NULL", name="someone"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("scan_round.id", ondelete="CASCADE"),
                                          index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    respondent: Mapped[str | None] = mapped_column(String(64))
    side: Mapped[Side] = mapped_column(enum_column(Side, "scan_side"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    round: Mapped[ScanRound] = relationship(back_populates="responses")
    answers: Mapped[list["ScanAnswer"]] = relationship(back_populates="response",
                                                       cascade="all, delete-orphan",
                                                       lazy="selectin")

    def answer_map(self) -> dict[str, int | None]:
        """Statement key → score (None for "don't know")."""
        return {a.statement: a.score for a in self.answers}


class ScanAnswer(db.Model):
    """The score (1–5, NULL for "don't know") one response gave one statement."""

    __tablename__ = "scan_answer"
    __table_args__ = (CheckConstraint("score IS NULL OR score BETWEEN 1 AND 5",
                                      name="score_range"),)

    response_id: Mapped[int] = mapped_column(ForeignKey("scan_response.id", ondelete="CASCADE"),
                                             primary_key=True)
    statement: Mapped[str] = mapped_column(String(40), primary_key=True)
    score: Mapped[int | None]

    response: Mapped[ScanResponse] = relationship(back_populates="answers")
