"""The computing core: sorted events, rolling decayed sums and O(log n) window queries.

`Engine` sorts the (non-retracted) events once. Decayed sums are *rolled forward*: moving
the as-of date from c1 to c2 multiplies every sum by 0.5 ** ((c2 − c1) / half_life) and
adds the events in (c1, c2] with their own weight 0.5 ** ((c2 − t) / half_life). Plain
(undecayed) window figures come from prefix sums, found with `bisect`. So a single as-of
date costs O(n log n) for the sort, and every further weekly point costs only
O(new events + sums kept + log n).
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import accumulate

from tracker.domain.escalation import chain_roots, chain_transitions, distinct_escalations
from tracker.domain.figures import index_value, share_value
from tracker.domain.settings import TrustSettings
from tracker.domain.types import ESCALATION_LEVELS, Dimension, EventFacts, Kind

__all__ = ["Engine", "WindowStats"]

_DIMS = (Dimension.PERSONAL, Dimension.SYSTEM)
_DIM_NAMES = tuple(d.value for d in _DIMS)
_LEVELS = tuple(ESCALATION_LEVELS)


@dataclass(frozen=True, slots=True)
class WindowStats:
    """Undecayed figures of the events in the day window (start, end] (ordinals)."""

    start: int
    end: int
    events: int
    contract_share: float | None
    personal: float | None
    personal_scored: int
    """Events in the window with a non-zero personal score (the evidence behind ``personal``)."""
    system: float | None
    system_scored: int
    """Events in the window with a non-zero system score."""
    escalations: int


def _prefix(values: Iterable[float]) -> list[float]:
    """Prefix sums with a leading zero, so sum(values[i:j]) == p[j] - p[i]."""
    return [0.0, *accumulate(values)]


class Engine:
    """Events of one project, prepared for figures at any increasing sequence of dates.

    Sum keys are tuples of plain strings: ("n", side) decayed event count, ("c", side)
    decayed contract weight, ("w", dimension, side) decayed count of the events with a non-zero
    score in the dimension (the weighted evidence floors of the signals), ("T" | "D",
    dimension, side) decayed trust / distrust and
    ("fT" | "fD", factor) per factor, where side None means both sides. Count keys:
    ("ev", side) events, ("dim", dimension, side) events scoring that dimension (zeros
    included), ("f", factor) events scoring that factor. Each key gets a slot in a flat list.
    """

    def __init__(self, events: Iterable[EventFacts], settings: TrustSettings) -> None:
        """Sort once, precompute contributions, prefix sums and issue-chain transitions."""
        self.settings = settings
        self.events: list[EventFacts] = sorted(
            (e for e in events if not e.retracted), key=lambda e: (e.occurred_on.toordinal(), e.id))
        self.ords: list[int] = [e.occurred_on.toordinal() for e in self.events]
        self._dec_slots: dict[tuple, int] = {}
        self._cnt_slots: dict[tuple, int] = {}
        self._parts: dict[tuple, tuple] = {}  # (side, score) → what the score adds
        self._bases: dict[tuple, tuple] = {}  # (side, steering weight) → what every such event adds
        self._windows: dict[tuple, list[float]] = {(t, d): [] for t in ("T", "D", "z")
                                                   for d in _DIM_NAMES}
        self._wslot = {(d, side): self._slot(("w", d, side)) for d in _DIM_NAMES
                       for side in (None, "client", "contractor")}
        self._contrib = [self._contributions(e) for e in self.events]
        self._p_weight = _prefix(e.contract_weight for e in self.events)
        self._p = {key: _prefix(values) for key, values in self._windows.items()}
        esc = [(o, e.escalation_level or 0) for o, e in zip(self.ords, self.events)
               if e.kind is Kind.ESCALATION]
        self.esc_ords = [o for o, _ in esc]
        self.esc_by_level = {lv: [o for o, l in esc if l == lv] for lv in _LEVELS}
        self.distinct_ords = distinct_escalations(self.events)
        self.transitions = chain_transitions(self.events)
        self.first: int | None = self.ords[0] if self.ords else None
        """Day of the first counted event: where the project's own history starts."""
        self._chains: dict[int, list[EventFacts]] | None = None  # chain → its events, on first use
        self.reset()

    # ---------------------------------------------------------------- preparation
    def _slot(self, key: tuple) -> int:
        """The decayed-sum slot of ``key``, assigned on first use."""
        return self._dec_slots.setdefault(key, len(self._dec_slots))

    def _cslot(self, key: tuple) -> int:
        """The count slot of ``key``, assigned on first use."""
        return self._cnt_slots.setdefault(key, len(self._cnt_slots))

    def _score_part(self, side: str, sc) -> tuple:
        """What one score adds for an event of ``side``: count slots, (slot, amount) pairs, window key."""
        dim = sc.dimension._value_
        counts = (self._cslot(("dim", dim, None)), self._cslot(("dim", dim, side)),
                  self._cslot(("f", sc.factor)))
        if not sc.value:
            return counts, (), dim, None, 0.0
        tag = "T" if sc.value > 0 else "D"
        amount = float(abs(sc.value))
        slots = (self._slot((tag, dim, None)), self._slot((tag, dim, side)),
                 self._slot(("f" + tag, sc.factor)))
        return counts, slots, dim, tag, amount

    def _base_part(self, side: str, weight: float) -> tuple:
        """What every event of ``side`` with this steering weight adds, before its scores."""
        dec = {self._slot(("n", None)): 1.0, self._slot(("n", side)): 1.0}
        if weight:
            dec[self._slot(("c", None))] = weight
            dec[self._slot(("c", side))] = weight
        return dec, (self._cslot(("ev", None)), self._cslot(("ev", side)))

    def _contributions(self, e: EventFacts) -> tuple[tuple[tuple[int, float], ...], tuple[int, ...]]:
        """(slot, amount) pairs of decayed sums and count slots for one event.

        Also appends the event's undecayed dimension totals for the window prefix sums. What a
        score adds depends only on (side, score), so it is worked out once per distinct pair:
        this loop runs for every event of the project on every recomputation. An event with the
        other party's view counts once overall and once for each side; each view's scores count
        for its own side and overall.
        """
        side = e.side._value_
        weight = e.contract_weight
        base = self._bases.get((side, weight))
        if base is None:
            base = self._bases[(side, weight)] = self._base_part(side, weight)
        dec, counts = dict(base[0]), set(base[1])
        totals = {("T", "personal"): 0.0, ("D", "personal"): 0.0, ("T", "system"): 0.0,
                  ("D", "system"): 0.0}
        moved = self._add_scores(side, e.scores, dec, counts, totals)
        wslot = self._wslot
        if e.other_view is not None:
            other = e.other_side._value_
            extra = self._bases.get((None, other, weight))
            if extra is None:
                extra = self._bases[(None, other, weight)] = self._view_part(other, weight)
            for slot, amount in extra[0].items():
                dec[slot] = dec.get(slot, 0.0) + amount
            counts.update(extra[1])
            moved_other = self._add_scores(other, e.other_view, dec, counts, totals)
            for dim in moved_other:
                slot = wslot[(dim, other)]
                dec[slot] = dec.get(slot, 0.0) + 1.0
            moved_any = moved | moved_other
        else:
            moved_any = moved
        # The event counts once per dimension (and side) it moved, at its decay weight.
        for dim in moved:
            slot = wslot[(dim, side)]
            dec[slot] = dec.get(slot, 0.0) + 1.0
        for dim in moved_any:
            slot = wslot[(dim, None)]
            dec[slot] = dec.get(slot, 0.0) + 1.0
        windows = self._windows
        for dim in _DIM_NAMES:
            windows[("T", dim)].append(totals[("T", dim)])
            windows[("D", dim)].append(totals[("D", dim)])
            windows[("z", dim)].append(1.0 if dim in moved_any else 0.0)
        return tuple(dec.items()), tuple(counts)

    def _add_scores(self, side: str, scores: tuple, dec: dict, counts: set, totals: dict) -> set[str]:
        """Add one view's scores (of ``side``) to an event's sums; return the dimensions they moved."""
        moved = set()
        parts = self._parts
        for sc in scores:
            part = parts.get((side, sc))
            if part is None:
                part = parts[(side, sc)] = self._score_part(side, sc)
            counts.update(part[0])
            if part[3] is not None:
                moved.add(part[2])
                totals[(part[3], part[2])] += part[4]
                for slot in part[1]:
                    dec[slot] = dec.get(slot, 0.0) + part[4]
        return moved

    def _view_part(self, other: str, weight: float) -> tuple:
        """What the other party's view adds to that side: the event once in its count and share."""
        dec = {self._slot(("n", other)): 1.0}
        if weight:
            dec[self._slot(("c", other))] = weight
        return dec, (self._cslot(("ev", other)),)

    def decayed(self, key: tuple) -> float:
        """Current decayed sum for ``key`` (0.0 if no event ever contributed)."""
        slot = self._dec_slots.get(key)
        return 0.0 if slot is None else self.dec[slot]

    def count(self, key: tuple) -> int:
        """Number of counted events so far for ``key``."""
        slot = self._cnt_slots.get(key)
        return 0 if slot is None else self.cnt[slot]

    def factor_counts(self) -> dict[str, int]:
        """Factor key → events so far that scored it (only factors scored at least once)."""
        return {key[1]: self.cnt[slot] for key, slot in self._cnt_slots.items()
                if key[0] == "f" and self.cnt[slot]}

    # ---------------------------------------------------------------- rolling state
    def reset(self) -> None:
        """Forget the rolled state (back to before the first event)."""
        self.cur: int | None = None
        self._next = 0
        self.dec: list[float] = [0.0] * len(self._dec_slots)
        self.cnt: list[int] = [0] * len(self._cnt_slots)
        self._t_next = 0
        self._chain_cur: int | None = None
        self.open_by_level = [0] * len(_LEVELS)
        self.days_by_level = [0.0] * len(_LEVELS)
        self.visits_by_level = [0] * len(_LEVELS)
        self.resolved = 0
        self.resolved_low = 0
        self._level_of: dict[int, int] = {}
        self.open_chains: dict[int, tuple[int, int]] = {}  # root → (level, day it got there)

    def roll_to(self, ordinal: int) -> None:
        """Advance the decayed sums and chain state to day ``ordinal`` (resets if earlier)."""
        if self.cur is not None and ordinal < self.cur:
            self.reset()
        half_life = self.settings.half_life_days
        if self.cur is not None and ordinal > self.cur:
            factor = 0.5 ** ((ordinal - self.cur) / half_life)
            self.dec = [x * factor for x in self.dec]
        self.cur = ordinal
        ords, n, dec, cnt = self.ords, len(self.ords), self.dec, self.cnt
        while self._next < n and ords[self._next] <= ordinal:
            weight = 0.5 ** ((ordinal - ords[self._next]) / half_life)
            amounts, counts = self._contrib[self._next]
            for slot, amount in amounts:
                dec[slot] += weight * amount
            for slot in counts:
                cnt[slot] += 1
            self._next += 1
        self._roll_chains(ordinal)

    def _advance_days(self, ordinal: int) -> None:
        if self._chain_cur is not None and ordinal > self._chain_cur:
            span = ordinal - self._chain_cur
            for lv, count in enumerate(self.open_by_level):
                if count:
                    self.days_by_level[lv] += count * span
        if self._chain_cur is None or ordinal > self._chain_cur:
            self._chain_cur = ordinal

    def _roll_chains(self, ordinal: int) -> None:
        """Apply the chain transitions up to ``ordinal`` and count the days spent per level."""
        trans = self.transitions
        while self._t_next < len(trans) and trans[self._t_next].ordinal <= ordinal:
            t = trans[self._t_next]
            self._advance_days(t.ordinal)
            if t.action == "open":
                self.open_by_level[t.level] += 1
                self.visits_by_level[t.level] += 1
                self.open_chains[t.root] = (t.level, t.ordinal)
            else:
                self.open_by_level[self._level_of[t.root]] -= 1
                if t.action in ("raise", "lower"):
                    self.open_by_level[t.level] += 1
                    self.visits_by_level[t.level] += 1
                    self.open_chains[t.root] = (t.level, t.ordinal)
                else:
                    self.resolved += 1
                    self.resolved_low += t.level <= self.settings.low_resolution_level
                    self.open_chains.pop(t.root, None)
            self._level_of[t.root] = t.level
            self._t_next += 1
        if self._chain_cur is not None:
            self._advance_days(ordinal)

    # ---------------------------------------------------------------- window queries
    def span(self, start: int, end: int) -> tuple[int, int]:
        """Index range of the events in the day window (start, end]."""
        return bisect_right(self.ords, start), bisect_right(self.ords, end)

    def window(self, end: int, days: int, offset: int = 0) -> WindowStats:
        """Undecayed figures of the window (end − offset − days, end − offset]."""
        hi = end - offset
        lo = hi - days
        i, j = self.span(lo, hi)
        p = self._p
        events = j - i
        weight = self._p_weight[j] - self._p_weight[i]
        idx: dict[str, tuple[float | None, int]] = {}
        for dim in _DIM_NAMES:
            trust = p[("T", dim)][j] - p[("T", dim)][i]
            distrust = p[("D", dim)][j] - p[("D", dim)][i]
            idx[dim] = (index_value(trust, distrust), int(round(p[("z", dim)][j] - p[("z", dim)][i])))
        return WindowStats(
            start=lo, end=hi, events=events,
            contract_share=share_value(weight, events),
            personal=idx["personal"][0], personal_scored=idx["personal"][1],
            system=idx["system"][0], system_scored=idx["system"][1],
            escalations=self.count_escalations(lo, hi))

    def in_history(self, window: WindowStats) -> bool:
        """True when the window lies within the project's own history: its first day is on or
        after the day of the first counted event."""
        return self.first is not None and window.start + 1 >= self.first

    def count_events(self, start: int, end: int) -> int:
        """Events (each once) in the day window (start, end]."""
        i, j = self.span(start, end)
        return j - i

    def count_distinct_escalations(self, start: int, end: int) -> int:
        """Escalations in (start, end], each issue chain and level counted once
        (`escalation.distinct_escalations`)."""
        return bisect_right(self.distinct_ords, end) - bisect_right(self.distinct_ords, start)

    def chain_events(self, root: int, end: int) -> list[EventFacts]:
        """The events of the issue chain ``root`` on or before day ``end``, in date order."""
        if self._chains is None:
            self._chains = {}
            roots = chain_roots(self.events)
            for e in self.events:
                if e.id in roots:
                    self._chains.setdefault(roots[e.id], []).append(e)
        return [e for e in self._chains.get(root, ()) if e.occurred_on.toordinal() <= end]

    def count_escalations(self, start: int, end: int, level: int | None = None) -> int:
        """Escalation events in (start, end], optionally only at ``level``."""
        ords = self.esc_ords if level is None else self.esc_by_level[level]
        return bisect_right(ords, end) - bisect_right(ords, start)

    def ids_in(self, start: int, end: int, keep: Callable[[EventFacts], bool],
               limit: int) -> list[int]:
        """Ids of up to ``limit`` most recent events in (start, end] passing ``keep``, oldest first."""
        i, j = self.span(start, end)
        found: list[int] = []
        for k in range(j - 1, i - 1, -1):
            if len(found) >= limit:
                break
            if keep(self.events[k]):
                found.append(self.events[k].id)
        return found[::-1]

    def last_event_before(self, end: int) -> EventFacts | None:
        """The latest event on or before day ``end``."""
        j = bisect_right(self.ords, end)
        return self.events[j - 1] if j else None
