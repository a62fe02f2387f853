"""What every signal shares (docs/model.md §6): the `Flag` / `Assessment` results, the `Rule` shape,
the `Check` a rule reads, and the helpers that build evidence and messages.

Every signal is a `Rule`: a *reading* at one check date and a *flag* built from a reading while
the flag is shown. A reading says whether the raising rule holds (``raises``) and whether a
raised flag is still held by its clearing margin (``holds``), with the numbers behind both. The
rules are in `tracker.domain.trust_rules` (crowding_out, over_reliance, perception_gap) and
`tracker.domain.activity_rules` (escalation_surge, third_party, silence) and
`tracker.domain.time_box_rule` (time_box_exceeded);
`tracker.domain.series.RULES` lists them in report order. The state across weekly checks —
raised on which day, how many quiet checks in a row — lives in `tracker.domain.series`, which
walks every rule through the same `Hysteresis`: a flag is raised when its rule holds, stays while
the relaxed rule holds, and clears after its ``…_clear_weeks`` consecutive checks outside that
margin. So no value hovering at a threshold makes a flag flap.

A flag carries a code, a severity ("warning" or "alert"), a plain-language message in Dutch and
English that cites the numbers, JSON-ready evidence (numbers, windows and the ids of the events
behind it), the keys of the suggested interventions and ``since``, the day it was last raised.

Evidence floors count events with a non-zero score in the dimension concerned (an event with
only zeros there does not move the index). A comparison window counts only when it lies within
the project's own history (on or after its first event). Windows are half-open day ranges
(start, end]: "the last 90 days" at day c is (c − 90, c].
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker.domain import interventions
from tracker.domain.engine import Engine, WindowStats
from tracker.domain.figures import Figures, index_value, share_value
from tracker.domain.ladder import LadderHistory
from tracker.domain.messages import held_note
from tracker.domain.types import Dimension, EventFacts

__all__ = ["Flag", "Assessment", "Reading", "Latched", "Check", "Rule", "EPS", "rounded", "iso",
           "window_json", "intervention_keys", "has_score", "state_evidence", "finish"]

EPS = 1e-9  # tolerance so that e.g. 0.35 − 0.20 still counts as a rise of 0.15


@dataclass(frozen=True, slots=True)
class Flag:
    """One raised signal with its explanation, evidence, suggested interventions and the day it
    was last raised (``since``; None for flags outside the weekly walk)."""

    code: str
    severity: str
    message: dict[str, str]
    evidence: dict
    interventions: tuple[str, ...]
    since: date | None = None


@dataclass(frozen=True, slots=True)
class Assessment:
    """Figures and flags of a project as of one date."""

    as_of: date
    figures: Figures
    flags: list[Flag]

    def flag(self, code: str) -> Flag | None:
        """The flag with ``code``, if raised."""
        return next((f for f in self.flags if f.code == code), None)

    @property
    def codes(self) -> list[str]:
        """Codes of the raised flags, in report order."""
        return [f.code for f in self.flags]


@dataclass(frozen=True, slots=True)
class Reading:
    """One rule at one check: does it raise, does it still hold a raised flag, and the numbers.

    ``holds`` is the clearing side of the rule (the raising thresholds relaxed by the margin);
    ``raises`` implies ``holds``.
    """

    code: str
    raises: bool
    holds: bool
    data: Any = None


@dataclass(frozen=True, slots=True)
class Latched:
    """What the weekly walk knows about a shown flag: raised on ``since`` (a day ordinal), and
    ``quiet`` consecutive checks outside the clearing margin of the ``needed`` that clear it."""

    since: int
    quiet: int
    needed: int


class Check:
    """One check date of one project: the rolled engine plus the windows several rules share."""

    __slots__ = ("engine", "day", "settings", "active", "started_on", "ladder", "_recent", "_previous")

    def __init__(self, engine: Engine, day: int, active: bool = True,
                 started_on: date | None = None, ladder: LadderHistory | None = None) -> None:
        """``engine`` must already be rolled to ``day``; ``ladder`` gives the agreed time boxes."""
        self.engine, self.day, self.settings = engine, day, engine.settings
        self.active, self.started_on = active, started_on
        self.ladder = ladder if ladder is not None else LadderHistory()
        self._recent: WindowStats | None = None
        self._previous: WindowStats | None = None

    @property
    def recent(self) -> WindowStats:
        """The last ``crowding_window_days`` days."""
        if self._recent is None:
            self._recent = self.engine.window(self.day, self.settings.crowding_window_days)
        return self._recent

    @property
    def previous(self) -> WindowStats:
        """The ``crowding_window_days`` days before the recent window."""
        if self._previous is None:
            days = self.settings.crowding_window_days
            self._previous = self.engine.window(self.day, days, offset=days)
        return self._previous

    def index(self, dim: str, side: str | None = None) -> tuple[float | None, float]:
        """(Headline decayed index, weighted evidence) of a dimension and side: the evidence is
        the number of events with a non-zero score in the dimension, each at its decay weight."""
        e = self.engine
        return (index_value(e.decayed(("T", dim, side)), e.decayed(("D", dim, side))),
                e.decayed(("w", dim, side)))

    def share(self) -> float | None:
        """The headline decayed contract steering share."""
        return share_value(self.engine.decayed(("c", None)), self.engine.decayed(("n", None)))


@dataclass(frozen=True, slots=True)
class Rule:
    """A signal: its reading, its flag builder and the setting that counts its quiet weeks."""

    code: str
    read: Callable[[Check], Reading]
    flag: Callable[[Engine, Figures, Reading, Latched], Flag]
    clear_weeks: str


def rounded(x: float | None, digits: int) -> float | None:
    """``x`` rounded for the evidence, None kept."""
    return None if x is None else round(x, digits)


def iso(ordinal: int) -> str:
    """A day ordinal as YYYY-MM-DD."""
    return date.fromordinal(ordinal).isoformat()


def window_json(w: WindowStats) -> dict:
    """A window's figures for the evidence."""
    return {"from": iso(w.start + 1), "to": iso(w.end), "events": w.events,
            "contract_share": rounded(w.contract_share, 3), "personal_trust": rounded(w.personal, 1),
            "personal_scored": w.personal_scored, "system_trust": rounded(w.system, 1),
            "system_scored": w.system_scored, "escalations": w.escalations}


def intervention_keys(code: str) -> tuple[str, ...]:
    """The keys of the interventions suggested with signal ``code``."""
    return tuple(i.key for i in interventions.for_signal(code))


def has_score(e: EventFacts, dim: Dimension, sign: int = 0) -> bool:
    """True if ``e`` scored ``dim`` (with the given sign: −1, +1, or 0 for any)."""
    return any(s.dimension is dim and (sign == 0 or s.value * sign > 0) for s in e.scores)


def state_evidence(reading: Reading, latched: Latched) -> dict:
    """The hysteresis part of a flag's evidence."""
    return {"state": "raised" if reading.raises else "held", "raised_on": iso(latched.since),
            "clear_checks": latched.quiet, "clear_checks_needed": latched.needed}


def finish(code: str, severity: str, message: dict[str, str], evidence: dict, reading: Reading,
           latched: Latched) -> Flag:
    """The flag, with the hysteresis evidence and, while held, a note in the message."""
    if not reading.raises:
        message = held_note(message, latched.quiet, latched.needed)
    return Flag(code, severity, message, {**evidence, **state_evidence(reading, latched)},
                intervention_keys(code), date.fromordinal(latched.since))
