"""A project's trust history: the weekly points of the trust lines, the assessment at the as-of
date and the figures some days earlier, computed in one pass over the weekly checks.

The weekly check dates (`series.check_days`) are the same ones the signals' hysteresis walks
(`series.Walker`), so one forward roll of the engine serves the hysteresis, the chart points,
the figures ``change_days`` before the as-of date (for the headline changes) and the final
assessment. The last point and ``current`` therefore always agree.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from tracker.domain.engine import Engine
from tracker.domain.escalation import resolutions
from tracker.domain.ladder import LadderHistory
from tracker.domain.figures import Figures, index_value, share_value
from tracker.domain.series import RULES, Walker, check_days
from tracker.domain.settings import TrustSettings
from tracker.domain.readout import figures_from
from tracker.domain.signals import Assessment, Flag, Latched
from tracker.domain.types import EventFacts

__all__ = ["EvidenceEvent", "SignalChange", "TrendPoint", "TrustHistory", "trust_history"]

_SIDES = (None, "client", "contractor")
_LINES = ("personal", "system", "contract_share")


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One weekly point of the trust lines: (side or None, line name) → (value, events)."""

    as_of: date
    values: dict

    def get(self, side: str | None, name: str) -> tuple[float | None, int]:
        """(value, events) of "personal", "system" or "contract_share" for a side (None: both)."""
        return self.values[(side, name)]

    @classmethod
    def from_figures(cls, as_of: date, figures: Figures) -> "TrendPoint":
        """The point of a `Figures` object (the same numbers the engine's sums give)."""
        values = {}
        for side in _SIDES:
            figs = figures.by_side[side] if side else figures
            for name in _LINES:
                fig = getattr(figs, name)
                values[(side, name)] = (fig.value, fig.events)
        return cls(as_of, values)


@dataclass(frozen=True, slots=True)
class EvidenceEvent:
    """An event behind a signal, enough to show and link it."""

    id: int
    occurred_on: date
    title: str
    side: str


@dataclass(frozen=True, slots=True)
class SignalChange:
    """A flag raised or cleared at a weekly check; a raise keeps the flag as it was raised and
    the events behind it then."""

    on: date
    code: str
    raised: bool
    flag: Flag | None = None
    events: tuple[EvidenceEvent, ...] = ()


@dataclass(frozen=True)
class TrustHistory:
    """Weekly points, the assessment at the as-of date, the figures ``change_days`` earlier,
    escalations in the last and the previous ``change_days``, the events behind the flags, and
    (date resolved, days it took) of every issue chain resolved by the as-of date, and every flag
    raised or cleared at the weekly checks (``changes``, oldest first)."""

    series: list[TrendPoint]
    current: Assessment
    previous: Figures
    escalations_recent: int
    escalations_before: int
    evidence: dict[int, EvidenceEvent]
    first_event_on: date | None = None
    resolved: tuple[tuple[date, int], ...] = ()
    deescalations: frozenset[int] = frozenset()
    """Ids of the agreements that brought an escalated issue back down (lowered or settled it)."""
    changes: tuple[SignalChange, ...] = ()


def _point(engine: Engine, day: int) -> TrendPoint:
    """The weekly point at the engine's rolled date, from the decayed sums `figures_from` reads."""
    values = {}
    for side in _SIDES:
        for dim in ("personal", "system"):
            values[(side, dim)] = (index_value(engine.decayed(("T", dim, side)),
                                               engine.decayed(("D", dim, side))),
                                   engine.count(("dim", dim, side)))
        values[(side, "contract_share")] = (
            share_value(engine.decayed(("c", side)), engine.decayed(("n", side))),
            engine.count(("ev", side)))
    return TrendPoint(date.fromordinal(day), values)


def trust_history(events: Iterable[EventFacts], as_of: date, settings: TrustSettings,
                  active: bool = True, started_on: date | None = None,
                  change_days: int = 30, ladder: LadderHistory | None = None) -> TrustHistory:
    """The trust history as of ``as_of`` (events after it are ignored), in one engine pass.

    ``current`` equals `trust.evaluate(events, as_of, …)`; each point of ``series`` equals the
    figures of `trust.weekly` at that week end.
    """
    engine = Engine((e for e in events if e.occurred_on <= as_of), settings)
    first = engine.events[0].occurred_on if engine.events else None
    days = check_days(first, as_of)
    end = as_of.toordinal()
    earlier = end - change_days
    walker = Walker(engine, active, started_on, ladder)
    series: list[TrendPoint] = []
    changes: list[SignalChange] = []
    previous = None
    for day in days:
        if previous is None and day > earlier:
            engine.roll_to(earlier)
            previous = figures_from(engine)
        before = [state.raised_on for state in walker.states]
        walker.step(day)
        changes += _changes(walker, before, day)
        if first is not None:
            series.append(_point(engine, day))
    current = walker.assess(end)
    wanted = {i for flag in current.flags for i in flag.evidence.get("event_ids", ())}
    evidence = {e.id: EvidenceEvent(e.id, e.occurred_on, e.title, e.side.value)
                for e in engine.events if e.id in wanted}
    return TrustHistory(series, current, previous,
                        engine.count_escalations(earlier, end),
                        engine.count_escalations(earlier - change_days, earlier),
                        evidence, first,
                        tuple((date.fromordinal(day), days) for day, days in resolutions(engine.transitions)),
                        frozenset(t.event for t in engine.transitions
                                  if t.action == "lower" or (t.action == "resolve" and t.level > 0)),
                        tuple(changes))


def _changes(walker: Walker, before: list[int | None], day: int) -> list[SignalChange]:
    """The flags the last step raised (with the flag as raised) or cleared; raises are rare, so
    building their flags costs little."""
    out = []
    for rule, was, state, reading in zip(RULES, before, walker.states, walker.readings):
        if was is None and state.raised_on is not None:
            latched = Latched(state.raised_on, state.clear_checks, state.needed)
            flag = rule.flag(walker.engine, figures_from(walker.engine), reading, latched)
            ids = set(flag.evidence.get("event_ids", ()))
            events = tuple(EvidenceEvent(e.id, e.occurred_on, e.title, e.side.value)
                           for e in walker.engine.events if e.id in ids)
            out.append(SignalChange(date.fromordinal(day), rule.code, True, flag, events))
        elif was is not None and state.raised_on is None:
            out.append(SignalChange(date.fromordinal(day), rule.code, False))
    return out
