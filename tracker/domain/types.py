"""Vocabulary of the domain: sides, event kinds, steering, factor dimensions and event facts.

`EventFacts` is the only input the trust maths needs. It is a plain, immutable record of
one logged event; the web app builds it from its database rows, the tests build it by hand.
Construction validates the ranges the domain relies on and turns plain strings into the
matching enum members, so ``EventFacts(..., side="client", ...)`` works as well.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

__all__ = ["Side", "Kind", "Steering", "Dimension", "ESCALATION_LEVELS", "SCORE_VALUES",
           "SIGNAL_CODES", "STEERING_WEIGHT", "Score", "EventFacts"]


class Side(StrEnum):
    """Which party logged an event; the scores are that party's view."""

    CLIENT = "client"
    CONTRACTOR = "contractor"


class Kind(StrEnum):
    """What sort of event it is."""

    ISSUE = "issue"
    ESCALATION = "escalation"
    AGREEMENT = "agreement"
    MOMENT = "moment"


class Steering(StrEnum):
    """How the event was handled: through the relationship, the contract, or both."""

    RELATIONAL = "relational"
    CONTRACTUAL = "contractual"
    MIXED = "mixed"


class Dimension(StrEnum):
    """The two kinds of trust: in the people (personal) or in the surrounding system."""

    PERSONAL = "personal"
    SYSTEM = "system"


#: Codes of the signals (flags) the tracker raises, in the order they are reported.
SIGNAL_CODES: tuple[str, ...] = ("crowding_out", "over_reliance", "escalation_surge",
                                 "third_party", "perception_gap", "silence", "time_box_exceeded")

#: Escalation ladder levels, 0 (signal) to 6 (formal proceedings).
ESCALATION_LEVELS = range(0, 7)

#: Allowed factor score values: -2 strongly feeds distrust ... +2 strongly feeds trust.
SCORE_VALUES = range(-2, 3)

#: Weight of each steering style in the contract steering share (mixed counts half).
STEERING_WEIGHT: dict[Steering, float] = {
    Steering.RELATIONAL: 0.0,
    Steering.MIXED: 0.5,
    Steering.CONTRACTUAL: 1.0,
}


def _is_int(value: object) -> bool:
    """True for real integers (a bool is not accepted as a number here)."""
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True, slots=True)
class Score:
    """One factor score of an event: factor key, its trust dimension and a value -2..2."""

    factor: str
    dimension: Dimension
    value: int

    def __post_init__(self) -> None:
        """Coerce the dimension and reject values outside -2..2."""
        object.__setattr__(self, "dimension", Dimension(self.dimension))
        if not _is_int(self.value) or self.value not in SCORE_VALUES:
            raise ValueError(f"score for {self.factor!r} must be an integer -2..2, got {self.value!r}")
        if not isinstance(self.factor, str) or not self.factor:
            raise ValueError("score factor must be a non-empty string")


@dataclass(frozen=True, slots=True)
class EventFacts:
    """The facts of one event that the trust maths uses.

    ``links_to`` points from an escalation to the issue (or earlier escalation) it lifts, and
    from an agreement to the issue or escalation it resolves. ``retracted`` events are kept
    for the history but excluded from every figure and signal. ``escalation_level`` is
    required for escalations and optional for other kinds.

    ``scores`` are the view of the side that logged the event. ``other_view`` is the other
    party's view of the same event: its own factor scores (possibly none), or None when it
    gave no view. The event counts once overall and once for each side with a view.
    """

    id: int
    occurred_on: date
    side: Side
    kind: Kind
    steering: Steering
    escalation_level: int | None = None
    scores: tuple[Score, ...] = ()
    links_to: int | None = None
    retracted: bool = False
    title: str = ""
    other_view: tuple[Score, ...] | None = None

    def __post_init__(self) -> None:
        """Coerce enum fields and check the ranges the domain depends on."""
        # Rows from the database already carry enum members; coerce only what is not one (fast path).
        for name, enum_type in (("side", Side), ("kind", Kind), ("steering", Steering)):
            value = getattr(self, name)
            if type(value) is not enum_type:
                object.__setattr__(self, name, enum_type(value))
        if type(self.scores) is not tuple:
            object.__setattr__(self, "scores", tuple(self.scores))
        if not isinstance(self.occurred_on, date):
            raise ValueError(f"event {self.id}: occurred_on must be a date")
        level = self.escalation_level
        if level is not None and (not _is_int(level) or level not in ESCALATION_LEVELS):
            raise ValueError(f"event {self.id}: escalation_level must be 0..6, got {level!r}")
        if self.kind is Kind.ESCALATION and level is None:
            raise ValueError(f"event {self.id}: an escalation needs an escalation_level")
        for score in self.scores:
            if not isinstance(score, Score):
                raise ValueError(f"event {self.id}: scores must be Score objects")
        if self.other_view is not None:
            if type(self.other_view) is not tuple:
                object.__setattr__(self, "other_view", tuple(self.other_view))
            if not all(isinstance(score, Score) for score in self.other_view):
                raise ValueError(f"event {self.id}: the other view's scores must be Score objects")

    @property
    def other_side(self) -> Side:
        """The party that did not log the event (whose view ``other_view`` is)."""
        return Side.CONTRACTOR if self.side is Side.CLIENT else Side.CLIENT

    @property
    def contract_weight(self) -> float:
        """This event's contribution to the contract steering share (0, 0.5 or 1)."""
        return STEERING_WEIGHT[self.steering]
