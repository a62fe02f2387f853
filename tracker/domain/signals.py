"""The five signals (docs/model.md) and the `Flag` / `Assessment` results.

Each rule looks at one check date and returns a `Flag` or None. A flag carries a code, a
severity ("warning" or "alert"), a plain-language message in Dutch and English that cites
the numbers, JSON-ready evidence (numbers, windows and the ids of the events behind it) and
the keys of the suggested interventions. The crowding_out hysteresis lives in
`tracker.domain.series`; the rule here only says whether the condition holds at one date.
Windows are half-open day ranges (start, end]: "the last 90 days" at day c is (c − 90, c].
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.domain import interventions
from tracker.domain.engine import Engine, WindowStats
from tracker.domain.figures import Figures
from tracker.domain.messages import (crowding_message, gap_message, over_reliance_message, silence_message,
                                     silence_since_start_message, surge_message)
from tracker.domain.types import Dimension, EventFacts, Kind, Side, Steering

__all__ = ["Flag", "Assessment", "CrowdingCheck", "crowding_check", "crowding_flag",
           "over_reliance", "escalation_surge", "perception_gap", "silence", "EPS"]

EPS = 1e-9  # tolerance so that e.g. 0.35 − 0.20 still counts as a rise of 0.15


@dataclass(frozen=True, slots=True)
class Flag:
    """One raised signal with its explanation, evidence and suggested interventions."""

    code: str
    severity: str
    message: dict[str, str]
    evidence: dict
    interventions: tuple[str, ...]


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


def _r(x: float | None, digits: int) -> float | None:
    return None if x is None else round(x, digits)


def _iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


def _window_json(w: WindowStats) -> dict:
    return {"from": _iso(w.start + 1), "to": _iso(w.end), "events": w.events,
            "contract_share": _r(w.contract_share, 3), "personal_trust": _r(w.personal, 1),
            "system_trust": _r(w.system, 1), "escalations": w.escalations}


def _keys(code: str) -> tuple[str, ...]:
    return tuple(i.key for i in interventions.for_signal(code))


def _has(e: EventFacts, dim: Dimension, sign: int = 0) -> bool:
    """True if ``e`` scored ``dim`` (with the given sign: −1, +1, or 0 for any)."""
    return any(s.dimension is dim and (sign == 0 or s.value * sign > 0) for s in e.scores)


@dataclass(frozen=True, slots=True)
class CrowdingCheck:
    """The crowding_out condition at one check date, with the numbers behind it."""

    recent: WindowStats
    previous: WindowStats
    share_rise: float | None
    personal_drop: float | None
    condition: bool


def crowding_check(engine: Engine, day: int) -> CrowdingCheck:
    """Steering share up ≥ rise and personal trust down ≥ drop, last window vs the one before."""
    s = engine.settings
    recent = engine.window(day, s.crowding_window_days)
    previous = engine.window(day, s.crowding_window_days, offset=s.crowding_window_days)
    rise = drop = None
    if recent.contract_share is not None and previous.contract_share is not None:
        rise = recent.contract_share - previous.contract_share
    if recent.personal is not None and previous.personal is not None:
        drop = previous.personal - recent.personal
    condition = (recent.events >= s.min_events_per_window
                 and previous.events >= s.min_events_per_window
                 and rise is not None and rise >= s.crowding_share_rise - EPS
                 and drop is not None and drop >= s.crowding_personal_drop - EPS)
    return CrowdingCheck(recent, previous, rise, drop, condition)


def crowding_flag(engine: Engine, figures: Figures, check: CrowdingCheck, raised_on: int,
                  clear_checks: int) -> Flag:
    """The crowding_out flag while raised (``clear_checks`` > 0 means held by hysteresis)."""
    s = engine.settings
    personal = figures.personal.value
    rose = check.recent.escalations > check.previous.escalations
    low = personal is not None and personal < s.crowding_alert_below
    ids = engine.ids_in(check.recent.start, check.recent.end,
                        lambda e: e.steering is not Steering.RELATIONAL
                        or _has(e, Dimension.PERSONAL, -1), s.max_evidence_events)
    evidence = {
        "window_days": s.crowding_window_days, "recent": _window_json(check.recent),
        "previous": _window_json(check.previous), "share_rise": _r(check.share_rise, 3),
        "personal_drop": _r(check.personal_drop, 1), "personal_trust": _r(personal, 1),
        "escalations_rose": rose, "state": "held" if clear_checks else "raised",
        "raised_on": _iso(raised_on), "clear_checks": clear_checks,
        "clear_checks_needed": s.hysteresis_clear_weeks, "event_ids": ids}
    return Flag("crowding_out", "alert" if rose or low else "warning",
                crowding_message(check, personal, rose, low, clear_checks,
                                 date.fromordinal(raised_on), s), evidence,
                _keys("crowding_out"))


def over_reliance(engine: Engine, figures: Figures, day: int) -> Flag | None:
    """Blind trust: high personal trust, weak or falling system trust, almost no contract use."""
    s = engine.settings
    personal, system = figures.personal, figures.system
    share = figures.contract_share.value
    if (personal.value is None or personal.events < s.over_reliance_min_events
            or personal.value < s.over_reliance_personal_min - EPS
            or share is None or share > s.over_reliance_share_max + EPS):
        return None
    recent = engine.window(day, s.crowding_window_days)
    previous = engine.window(day, s.crowding_window_days, offset=s.crowding_window_days)
    drop = None
    if (recent.system is not None and previous.system is not None
            and min(recent.events, previous.events) >= s.min_events_per_window):
        drop = previous.system - recent.system
    weak = system.value is not None and system.value <= s.over_reliance_system_max + EPS
    falling = drop is not None and drop >= s.over_reliance_system_drop - EPS
    if not (weak or falling):
        return None
    ids = engine.ids_in(recent.start, recent.end, lambda e: _has(e, Dimension.PERSONAL, 1),
                        s.max_evidence_events)
    evidence = {"personal_trust": _r(personal.value, 1), "personal_events": personal.events,
                "system_trust": _r(system.value, 1), "system_events": system.events,
                "contract_share": _r(share, 3), "system_drop": _r(drop, 1),
                "window_days": s.crowding_window_days, "recent": _window_json(recent),
                "previous": _window_json(previous), "event_ids": ids}
    return Flag("over_reliance", "warning",
                over_reliance_message(personal.value, system.value, share, drop if falling else None,
                                      weak, s), evidence, _keys("over_reliance"))


def escalation_surge(engine: Engine, day: int) -> Flag | None:
    """Escalations in the last 30 days ≥ 2 and ≥ 2× the monthly rate of the 90 days before."""
    s = engine.settings
    start = day - s.surge_window_days
    recent = engine.count_escalations(start, day)
    baseline = engine.count_escalations(start - s.surge_baseline_days, start)
    recent_rate = recent * s.month_days / s.surge_window_days
    base_rate = baseline * s.month_days / s.surge_baseline_days
    if recent < s.surge_min_count or recent_rate < s.surge_factor * base_rate - EPS:
        return None
    i, j = engine.span(start, day)
    top = max(e.escalation_level or 0 for e in engine.events[i:j] if e.kind is Kind.ESCALATION)
    ids = engine.ids_in(start, day, lambda e: e.kind is Kind.ESCALATION, s.max_evidence_events)
    evidence = {"window_days": s.surge_window_days, "baseline_days": s.surge_baseline_days,
                "recent_count": recent, "baseline_count": baseline,
                "recent_per_month": round(recent_rate, 2), "baseline_per_month": round(base_rate, 2),
                "highest_level": top, "event_ids": ids}
    return Flag("escalation_surge", "alert" if top >= s.surge_alert_level else "warning",
                surge_message(recent, base_rate, top, s), evidence, _keys("escalation_surge"))


def perception_gap(engine: Engine, figures: Figures, day: int) -> Flag | None:
    """The sides' personal (or system) trust differ by ≥ 20 points, each side ≥ 5 events."""
    s = engine.settings
    gaps: dict[str, dict] = {}
    for dim in (Dimension.PERSONAL, Dimension.SYSTEM):
        client = getattr(figures.by_side[Side.CLIENT], dim.value)
        contractor = getattr(figures.by_side[Side.CONTRACTOR], dim.value)
        if client.value is None or contractor.value is None:
            continue
        if min(client.events, contractor.events) < s.perception_gap_min_events:
            continue
        diff = client.value - contractor.value
        if abs(diff) >= s.perception_gap_points - EPS:
            gaps[dim.value] = {"client": round(client.value, 1), "contractor": round(contractor.value, 1),
                               "difference": round(diff, 1), "client_events": client.events,
                               "contractor_events": contractor.events}
    if not gaps:
        return None
    dims = [Dimension(d) for d in gaps]
    ids = engine.ids_in(day - s.crowding_window_days, day,
                        lambda e: any(_has(e, d) for d in dims), s.max_evidence_events)
    alert = any(abs(g["difference"]) >= s.perception_gap_alert_points - EPS for g in gaps.values())
    evidence = {"gaps": gaps, "threshold_points": s.perception_gap_points, "event_ids": ids}
    return Flag("perception_gap", "alert" if alert else "warning", gap_message(gaps),
                evidence, _keys("perception_gap"))


def silence(engine: Engine, day: int, started_on: date | None = None) -> Flag | None:
    """No event logged for ≥ 42 days (the caller only asks for active projects).

    Without any event the clock runs from ``started_on``, the project's start date, if given.
    """
    s = engine.settings
    last = engine.last_event_before(day)
    since = last.occurred_on if last is not None else started_on
    if since is None or day - since.toordinal() < s.silence_days:
        return None
    days = day - since.toordinal()
    if last is not None:
        evidence = {"days_since_last_event": days, "last_event_on": since.isoformat(),
                    "threshold_days": s.silence_days, "event_ids": [last.id]}
        message = silence_message(days, since)
    else:
        evidence = {"days_since_start": days, "project_started_on": since.isoformat(),
                    "threshold_days": s.silence_days, "event_ids": []}
        message = silence_since_start_message(days, since)
    return Flag("silence", "alert" if days >= s.silence_alert_days else "warning", message, evidence,
                _keys("silence"))
