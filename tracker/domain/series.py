"""Weekly checks and the crowding_out hysteresis, shared by `evaluate` and `weekly`.

Check dates are the week ends (Sundays) from the week of the first counted event up to,
but not including, the as-of date, followed by the as-of date itself. crowding_out is raised
at the first check where its condition holds and stays raised until the condition has been
false at ``hysteresis_clear_weeks`` (default 2) consecutive checks, so a single good week
does not make it flap. Because the checks of an earlier date are a prefix of the checks of
a later one, ``weekly(...)[-1]`` and ``evaluate(...)`` at the same date always agree.

Cost: sorting is O(n log n) for n events; each check adds O(log n) for the window
queries, O(k) for the k events that entered since the previous check, and O(g) to decay
the g kept sums (g = 2 × sides × dimensions + factors + a few). A series of w weeks is
therefore O(n log n + w · (g + log n)), not O(w · n).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from tracker.domain.engine import Engine
from tracker.domain.signals import (Assessment, CrowdingCheck, Flag, crowding_check, crowding_flag,
                                    escalation_surge, over_reliance, perception_gap, silence)
from tracker.domain.readout import figures_from

__all__ = ["check_days", "Hysteresis", "assess", "walk"]


def check_days(first: date | None, as_of: date) -> list[int]:
    """Ordinals of the weekly check dates from ``first``'s week end to ``as_of``."""
    if first is None or first > as_of:
        return [as_of.toordinal()]
    sunday = first.toordinal() + (6 - first.weekday())
    end = as_of.toordinal()
    return list(range(sunday, end, 7)) + [end]


@dataclass(slots=True)
class Hysteresis:
    """State of the crowding_out flag across consecutive checks."""

    needed: int
    raised_on: int | None = None
    clear_checks: int = 0

    def step(self, condition: bool, day: int) -> bool:
        """Feed one check; return whether the flag is shown at it."""
        if condition:
            if self.raised_on is None:
                self.raised_on = day
            self.clear_checks = 0
            return True
        if self.raised_on is None:
            return False
        self.clear_checks += 1
        if self.clear_checks >= self.needed:
            self.raised_on, self.clear_checks = None, 0
            return False
        return True


def assess(engine: Engine, day: int, check: CrowdingCheck, state: Hysteresis, shown: bool,
           active: bool, started_on: date | None = None) -> Assessment:
    """Figures and flags at ``day`` (the engine must already be rolled to ``day``)."""
    figures = figures_from(engine)
    flags: list[Flag] = []
    if shown and state.raised_on is not None:
        flags.append(crowding_flag(engine, figures, check, state.raised_on, state.clear_checks))
    for flag in (over_reliance(engine, figures, day), escalation_surge(engine, day),
                 perception_gap(engine, figures, day), silence(engine, day, started_on) if active else None):
        if flag is not None:
            flags.append(flag)
    return Assessment(as_of=date.fromordinal(day), figures=figures, flags=flags)


def walk(engine: Engine, as_of: date, every_week: bool, active: bool,
         started_on: date | None = None) -> Iterator[Assessment]:
    """Run the weekly checks up to ``as_of``; yield an assessment per check or only the last.

    ``started_on`` (the project's start) lets silence fire on a project without any events.
    """
    first = engine.events[0].occurred_on if engine.events else None
    days = check_days(first, as_of)
    if first is None or first > as_of:
        days = days if not every_week else []
    state = Hysteresis(engine.settings.hysteresis_clear_weeks)
    for n, day in enumerate(days):
        check = crowding_check(engine, day)
        shown = state.step(check.condition, day)
        if every_week or n == len(days) - 1:
            engine.roll_to(day)
            yield assess(engine, day, check, state, shown, active, started_on)
