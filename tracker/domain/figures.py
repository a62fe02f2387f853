"""Result objects of the trust maths: index, share, per-side, escalation and overall figures.

All are frozen dataclasses of plain numbers so they can be compared, cached and turned into
JSON. Index values are on a 0-100 scale where 50 means trust and distrust weigh the same;
``None`` means there is nothing to compute from (no contributions yet).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.domain.types import Side

__all__ = ["IndexFigure", "ShareFigure", "SideFigures", "EscalationFigures", "Figures",
           "index_value", "share_value"]


def index_value(trust: float, distrust: float) -> float | None:
    """The trust index 50 + 50·(T − D)/(T + D), or None when T + D is zero."""
    total = trust + distrust
    if total <= 0:
        return None
    value = 50.0 + 50.0 * (trust - distrust) / total
    return min(100.0, max(0.0, value))


def share_value(contract: float, weight: float) -> float | None:
    """The contract steering share: steering weights / events (both decayed or both plain), 0-1.

    None when there is no event weight to divide by.
    """
    if weight <= 0:
        return None
    return min(1.0, max(0.0, contract / weight))


@dataclass(frozen=True, slots=True)
class IndexFigure:
    """A trust index with the decayed trust (T) and distrust (D) it was computed from.

    ``events`` counts the events that scored at least one factor of this figure (a score of
    0 counts as touched); ``low_confidence`` is true when that count is below the setting
    ``low_confidence_below``.
    """

    value: float | None
    trust: float
    distrust: float
    events: int
    low_confidence: bool


@dataclass(frozen=True, slots=True)
class ShareFigure:
    """Decayed contract steering share 0-1 (None without events) and its event count."""

    value: float | None
    weight: float
    events: int
    low_confidence: bool


@dataclass(frozen=True, slots=True)
class SideFigures:
    """The figures computed from one side's events only (that side's view)."""

    personal: IndexFigure
    system: IndexFigure
    contract_share: ShareFigure
    events: int


@dataclass(frozen=True, slots=True)
class EscalationFigures:
    """Escalation rate and ladder figures.

    - ``per_month``: escalations per month at each level (0-6) over the last
      ``window_days`` days; ``per_month_total`` sums them; ``counts`` is the all-time
      number of escalation events per level.
    - ``days_at_level``: total days that issue chains spent at each level (open chains
      count up to the as-of date); ``mean_days_at_level``: that total divided by the number
      of chains that reached the level (None if none did).
    - ``open_issues`` / ``resolved_issues``: chains still open / closed by an agreement.
    - ``resolved_low_share``: share of resolved chains resolved at level ≤
      ``low_resolution_level`` (default 1); None when nothing is resolved yet.
    """

    window_days: int
    per_month: dict[int, float]
    per_month_total: float
    counts: dict[int, int]
    days_at_level: dict[int, float]
    mean_days_at_level: dict[int, float | None]
    open_issues: int
    resolved_issues: int
    resolved_low: int
    resolved_low_share: float | None


@dataclass(frozen=True, slots=True)
class Figures:
    """Everything the tracker computes for one project as of one date."""

    personal: IndexFigure
    system: IndexFigure
    contract_share: ShareFigure
    events: int
    by_side: dict[Side, SideFigures]
    by_factor: dict[str, IndexFigure]
    escalations: EscalationFigures
    last_event_on: date | None = None
    """Date of the latest event counted, or None when there is none."""
