"""Weekly checks and the hysteresis of every signal, shared by `evaluate`, `weekly` and the history.

Check dates are the week ends (Sundays) from the week of the first counted event up to,
but not including, the as-of date, followed by the as-of date itself. At every check each rule
of `RULES` is read and fed to its own `Hysteresis`: the flag is raised at
the first check where the rule holds, stays while the rule (or its relaxed clearing margin)
holds, and clears only after the rule has failed at its ``…_clear_weeks`` setting's number of
consecutive checks. Because the checks of an earlier date are a prefix of the checks of a later
one, ``weekly(...)[-1]`` and ``evaluate(...)`` at the same date always agree.

Cost: sorting is O(n log n) for n events; each check adds O(log n) for the window
queries, O(k) for the k events that entered since the previous check, and O(g) to decay
the g kept sums (g = 2 × sides × dimensions + factors + a few). A series of w weeks is
therefore O(n log n + w · (g + log n)), not O(w · n).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from tracker.domain import activity_rules as activity
from tracker.domain import time_box_rule as time_box
from tracker.domain import trust_rules as trust
from tracker.domain.engine import Engine
from tracker.domain.ladder import LadderHistory
from tracker.domain.readout import figures_from
from tracker.domain.signals import Assessment, Check, Latched, Reading, Rule

__all__ = ["RULES", "check_days", "Hysteresis", "Walker", "walk"]

#: Every signal, in report order (`tracker.domain.types.SIGNAL_CODES`).
RULES: tuple[Rule, ...] = (
    Rule("crowding_out", trust.read_crowding, trust.crowding_flag, "hysteresis_clear_weeks"),
    Rule("over_reliance", trust.read_over_reliance, trust.over_reliance_flag, "over_reliance_clear_weeks"),
    Rule("escalation_surge", activity.read_surge, activity.surge_flag, "surge_clear_weeks"),
    Rule("third_party", activity.read_third_party, activity.third_party_flag, "third_party_clear_weeks"),
    Rule("perception_gap", trust.read_gap, trust.gap_flag, "perception_gap_clear_weeks"),
    Rule("silence", activity.read_silence, activity.silence_flag, "silence_clear_weeks"),
    Rule("time_box_exceeded", time_box.read_time_box, time_box.time_box_flag, "time_box_clear_weeks"),
)


def check_days(first: date | None, as_of: date) -> list[int]:
    """Ordinals of the weekly check dates from ``first``'s week end to ``as_of``."""
    if first is None or first > as_of:
        return [as_of.toordinal()]
    sunday = first.toordinal() + (6 - first.weekday())
    end = as_of.toordinal()
    return list(range(sunday, end, 7)) + [end]


@dataclass(slots=True)
class Hysteresis:
    """State of one flag across consecutive checks (the same mechanism for every signal)."""

    needed: int
    raised_on: int | None = None
    clear_checks: int = 0

    def step(self, raises: bool, day: int, holds: bool | None = None) -> bool:
        """Feed one check; return whether the flag is shown at it.

        ``raises``: the raising rule holds; ``holds`` (default: ``raises``): the relaxed
        clearing rule still holds. A shown flag whose clearing rule fails counts a quiet check
        and clears at the ``needed``-th quiet check in a row.
        """
        if raises:
            if self.raised_on is None:
                self.raised_on = day
            self.clear_checks = 0
            return True
        if self.raised_on is None:
            return False
        if holds:
            self.clear_checks = 0
            return True
        self.clear_checks += 1
        if self.clear_checks >= self.needed:
            self.raised_on, self.clear_checks = None, 0
            return False
        return True


class Walker:
    """Walks one engine through increasing check dates, stepping every signal's hysteresis."""

    def __init__(self, engine: Engine, active: bool = True, started_on: date | None = None,
                 ladder: LadderHistory | None = None) -> None:
        """``started_on`` (the project's start) lets silence fire on a project without events;
        ``ladder`` (the agreed versions) gives the time boxes."""
        self.engine, self.active, self.started_on = engine, active, started_on
        self.ladder = ladder
        s = engine.settings
        self.states = [Hysteresis(getattr(s, rule.clear_weeks)) for rule in RULES]
        self.readings: list[Reading | None] = [None] * len(RULES)

    def step(self, day: int) -> None:
        """Roll the engine to ``day`` and feed every rule's reading to its hysteresis."""
        self.engine.roll_to(day)
        check = Check(self.engine, day, self.active, self.started_on, self.ladder)
        for k, rule in enumerate(RULES):
            reading = rule.read(check)
            self.states[k].step(reading.raises, day, reading.holds)
            self.readings[k] = reading

    def assess(self, day: int) -> Assessment:
        """Figures and the shown flags at ``day``, the date of the latest `step`."""
        engine = self.engine
        figures = figures_from(engine)
        flags = []
        for rule, state, reading in zip(RULES, self.states, self.readings):
            if state.raised_on is not None:
                latched = Latched(state.raised_on, state.clear_checks, state.needed)
                flags.append(rule.flag(engine, figures, reading, latched))
        return Assessment(as_of=date.fromordinal(day), figures=figures, flags=flags)


def walk(engine: Engine, as_of: date, every_week: bool, active: bool,
         started_on: date | None = None, ladder: LadderHistory | None = None) -> Iterator[Assessment]:
    """Run the weekly checks up to ``as_of``; yield an assessment per check or only the last.

    ``started_on`` (the project's start) lets silence fire on a project without any events.
    """
    first = engine.events[0].occurred_on if engine.events else None
    days = check_days(first, as_of)
    if first is None or first > as_of:
        days = days if not every_week else []
    walker = Walker(engine, active, started_on, ladder)
    for n, day in enumerate(days):
        walker.step(day)
        if every_week or n == len(days) - 1:
            yield walker.assess(day)
