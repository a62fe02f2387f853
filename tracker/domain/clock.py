"""The open-issues register: every open issue chain with its level, days at level and time box.

An *open issue* is an issue chain (`escalation.chain_transitions`) not yet resolved on the as-of
date. Its clock runs from the day it reached its current level: an escalation lifting it higher,
or an agreement lowering it (a de-escalation), restarts the clock. The time box is the one the
project's agreed ladder (`ladder.LadderHistory`) sets for that level on the as-of date; it counts
from the later of the day the issue reached the level and the day that box was agreed. Levels
without a box have no clock: they are listed, never overdue.

Every chain also has its history (open, raise, lower, resolve with dates and the events that
made them), so going back down the ladder is visible next to going up.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker.domain.escalation import Transition, chain_transitions
from tracker.domain.ladder import LadderHistory
from tracker.domain.types import EventFacts

__all__ = ["Step", "OpenIssue", "register", "chain_steps", "overdue_issues"]


@dataclass(frozen=True, slots=True)
class Step:
    """One change in an issue chain: "open", "raise", "lower" or "resolve" at ``level`` on ``day``."""

    day: date
    action: str
    level: int
    event: int

    @property
    def is_deescalation(self) -> bool:
        """True for going back down the ladder (lowered or resolved above level 0)."""
        return self.action == "lower" or (self.action == "resolve" and self.level > 0)


@dataclass(frozen=True, slots=True)
class OpenIssue:
    """One open issue on the as-of date, with its clock (``days_left`` < 0: that many days over)."""

    event: int
    title: str
    level: int
    since: date
    days_at_level: int
    time_box_days: int | None
    due_on: date | None
    days_left: int | None
    steps: tuple[Step, ...] = ()

    @property
    def overdue(self) -> bool:
        """True when the issue has stayed at its level past its time box."""
        return self.days_left is not None and self.days_left < 0

    @property
    def days_over(self) -> int:
        """How many days past the box (0 when not over)."""
        return -self.days_left if self.overdue else 0

    def to_json(self) -> dict[str, Any]:
        """The register row as the command line prints it."""
        return {"event": self.event, "title": self.title, "level": self.level,
                "since": self.since.isoformat(), "days_at_level": self.days_at_level,
                "time_box_days": self.time_box_days, "overdue": self.overdue}


def chain_steps(transitions: Iterable[Transition]) -> dict[int, tuple[Step, ...]]:
    """Chain root → its steps in date order."""
    out: dict[int, list[Step]] = {}
    for t in transitions:
        out.setdefault(t.root, []).append(Step(date.fromordinal(t.ordinal), t.action, t.level, t.event))
    return {root: tuple(steps) for root, steps in out.items()}


def register(events: Iterable[EventFacts], as_of: date, ladder: LadderHistory | None = None) -> list[OpenIssue]:
    """The open issues on ``as_of`` (events after it and retracted ones are ignored), most urgent
    first: overdue by most days, then least time left, then those without a box by days at level."""
    ladder = ladder or LadderHistory()
    kept = sorted((e for e in events if not e.retracted and e.occurred_on <= as_of),
                  key=lambda e: (e.occurred_on, e.id))
    titles = {e.id: e.title for e in kept}
    steps = chain_steps(chain_transitions(kept))
    day = as_of.toordinal()
    out = []
    for root, chain in steps.items():
        last = chain[-1]
        if last.action == "resolve":
            continue
        since = last.day.toordinal()
        box, due = ladder.deadline(last.level, since, day)
        out.append(OpenIssue(root, titles.get(root) or f"#{root}", last.level, last.day, day - since, box,
                             None if due is None else date.fromordinal(due),
                             None if due is None else due - day, chain))
    return sorted(out, key=_urgency)


def _urgency(issue: OpenIssue) -> tuple:
    """Sort key: boxed issues by time left (most over first), then unboxed by days at level."""
    if issue.days_left is None:
        return (1, -issue.days_at_level, issue.event)
    return (0, issue.days_left, issue.event)


def overdue_issues(open_chains: dict[int, tuple[int, int]], ladder: LadderHistory,
                   day: int) -> list[tuple[int, int, int, int, int]]:
    """(root, level, since, box, days over) of the open chains past their box on ``day``.

    ``open_chains`` maps a chain root to (level, day ordinal it got there), as `Engine` keeps it.
    """
    out = []
    for root, (level, since) in open_chains.items():
        box, due = ladder.deadline(level, since, day)
        if due is not None and day > due:
            out.append((root, level, since, box, day - due))
    return sorted(out, key=lambda row: (-row[4], row[0]))
