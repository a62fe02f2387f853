"""The signals read from the trust figures: crowding_out, over_reliance and perception_gap
(docs/model.md §6.1, §6.2, §6.4). Each is a read function (raising and clearing rule at one check)
and a flag function (the flag while shown); `tracker.domain.series` walks them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.domain.engine import Engine, WindowStats
from tracker.domain.figures import Figures
from tracker.domain.messages import crowding_message, gap_message, over_reliance_message
from tracker.domain.signals import (EPS, Check, Flag, Latched, Reading, finish, has_score, intervention_keys,
                                    rounded, state_evidence, window_json)
from tracker.domain.types import Dimension, Side, Steering

__all__ = ["CrowdingCheck", "crowding_check", "read_crowding", "crowding_flag", "read_over_reliance",
           "over_reliance_flag", "read_gap", "gap_flag"]


# ------------------------------------------------------------------------------ crowding_out
@dataclass(frozen=True, slots=True)
class CrowdingCheck:
    """The crowding_out condition at one check date, with the numbers behind it."""

    recent: WindowStats
    previous: WindowStats
    share_rise: float | None
    personal_drop: float | None
    condition: bool


def crowding_check(engine: Engine, day: int, check: Check | None = None) -> CrowdingCheck:
    """Steering share up ≥ rise and personal trust down ≥ drop, last window vs the one before.

    Both windows need ``min_events_per_window`` events with a non-zero personal score, and the
    earlier window must lie within the project's history.
    """
    s = engine.settings
    check = check or Check(engine, day)
    recent, previous = check.recent, check.previous
    rise = drop = None
    if recent.contract_share is not None and previous.contract_share is not None:
        rise = recent.contract_share - previous.contract_share
    if recent.personal is not None and previous.personal is not None:
        drop = previous.personal - recent.personal
    condition = (engine.in_history(previous) and recent.personal_scored >= s.min_events_per_window
                 and previous.personal_scored >= s.min_events_per_window
                 and rise is not None and rise >= s.crowding_share_rise - EPS
                 and drop is not None and drop >= s.crowding_personal_drop - EPS)
    return CrowdingCheck(recent, previous, rise, drop, condition)


def read_crowding(check: Check) -> Reading:
    """crowding_out has no margin: it clears after ``hysteresis_clear_weeks`` failing checks."""
    c = crowding_check(check.engine, check.day, check)
    return Reading("crowding_out", c.condition, c.condition, c)


def crowding_flag(engine: Engine, figures: Figures, reading: Reading, latched: Latched) -> Flag:
    """The crowding_out flag while shown (raised, or held by the hysteresis)."""
    s = engine.settings
    check: CrowdingCheck = reading.data
    personal = figures.personal.value
    rose = check.recent.escalations > check.previous.escalations
    low = personal is not None and personal < s.crowding_alert_below
    ids = engine.ids_in(check.recent.start, check.recent.end,
                        lambda e: e.steering is not Steering.RELATIONAL
                        or has_score(e, Dimension.PERSONAL, -1), s.max_evidence_events)
    evidence = {
        "window_days": s.crowding_window_days, "recent": window_json(check.recent),
        "previous": window_json(check.previous), "share_rise": rounded(check.share_rise, 3),
        "personal_drop": rounded(check.personal_drop, 1), "personal_trust": rounded(personal, 1),
        "escalations_rose": rose, "event_ids": ids, **state_evidence(reading, latched)}
    message = crowding_message(check, personal, rose, low, latched.quiet,
                               date.fromordinal(latched.since), s)
    return Flag("crowding_out", "alert" if rose or low else "warning", message, evidence,
                intervention_keys("crowding_out"), date.fromordinal(latched.since))


# ------------------------------------------------------------------------------ over_reliance
@dataclass(frozen=True, slots=True)
class _Blind:
    personal: float | None
    personal_weight: float
    system: float | None
    share: float | None
    drop: float | None
    weak: bool
    falling: bool


def read_over_reliance(check: Check) -> Reading:
    """Blind trust: high personal trust, weak or falling system trust, almost no contract use.

    Raised when personal trust ≥ ``over_reliance_personal_min`` (from at least
    ``over_reliance_min_events`` weighted events with a non-zero personal score), share ≤
    ``over_reliance_share_max``, and system trust ≤ ``over_reliance_system_max`` or fell ≥
    ``over_reliance_system_drop`` from the earlier window to a recent window below
    ``over_reliance_system_ceiling``. Held while the same holds with every threshold relaxed by
    ``over_reliance_clear_margin`` points (the share by as many percentage points).
    """
    s = check.settings
    personal, weight = check.index("personal")
    system, _ = check.index("system")
    share = check.share()
    if personal is None or weight < s.over_reliance_min_events - EPS or share is None:
        return Reading("over_reliance", False, False)
    m = s.over_reliance_clear_margin
    if personal < s.over_reliance_personal_min - m - EPS or share > s.over_reliance_share_max + m / 100 + EPS:
        return Reading("over_reliance", False, False)
    recent, previous = check.recent, check.previous
    drop = None
    if (recent.system is not None and previous.system is not None and check.engine.in_history(previous)
            and min(recent.system_scored, previous.system_scored) >= s.min_events_per_window):
        drop = previous.system - recent.system

    def blind(margin: float) -> tuple[bool, bool]:
        weak = system is not None and system <= s.over_reliance_system_max + margin + EPS
        falling = (drop is not None and drop >= s.over_reliance_system_drop - margin - EPS
                   and recent.system < s.over_reliance_system_ceiling + margin - EPS)
        return weak, falling
    weak, falling = blind(0.0)
    raises = (personal >= s.over_reliance_personal_min - EPS
              and share <= s.over_reliance_share_max + EPS and (weak or falling))
    holds = raises or any(blind(m))
    return Reading("over_reliance", raises, holds,
                   _Blind(personal, weight, system, share, drop, weak, falling))


def over_reliance_flag(engine: Engine, figures: Figures, reading: Reading, latched: Latched) -> Flag:
    """The over_reliance flag (always a warning: warmth is not a fault, it needs securing)."""
    s = engine.settings
    day = engine.cur
    b: _Blind | None = reading.data
    recent = engine.window(day, s.crowding_window_days)
    previous = engine.window(day, s.crowding_window_days, offset=s.crowding_window_days)
    ids = engine.ids_in(recent.start, recent.end, lambda e: has_score(e, Dimension.PERSONAL, 1),
                        s.max_evidence_events)
    personal, system = figures.personal, figures.system
    share = figures.contract_share.value
    drop = b.drop if b else None
    evidence = {"personal_trust": rounded(personal.value, 1), "personal_events": personal.events,
                "personal_weighted_events": rounded(b.personal_weight, 1) if b else None,
                "system_trust": rounded(system.value, 1), "system_events": system.events,
                "contract_share": rounded(share, 3), "system_drop": rounded(drop, 1),
                "system_ceiling": s.over_reliance_system_ceiling,
                "window_days": s.crowding_window_days, "recent": window_json(recent),
                "previous": window_json(previous), "event_ids": ids}
    weak, falling = (b.weak, b.falling) if b else (False, False)
    message = over_reliance_message(personal.value, system.value, share,
                                    drop if falling and not weak else None, weak, s, recent.system)
    return finish("over_reliance", "warning", message, evidence, reading, latched)


# ------------------------------------------------------------------------------ perception_gap
def read_gap(check: Check) -> Reading:
    """The sides' personal (or system) trust differ by ≥ ``perception_gap_points``, each side
    with ≥ ``perception_gap_min_events`` events with a non-zero score in that dimension; held
    while a difference is at least ``perception_gap_clear_margin`` points less than that."""
    s = check.settings
    gaps: dict[str, dict] = {}
    for dim in ("personal", "system"):
        client, n_client = check.index(dim, "client")
        contractor, n_contractor = check.index(dim, "contractor")
        if client is None or contractor is None:
            continue
        if min(n_client, n_contractor) < s.perception_gap_min_events - EPS:
            continue
        gaps[dim] = {"client": client, "contractor": contractor, "difference": client - contractor,
                     "client_weight": n_client, "contractor_weight": n_contractor}
    widest = max((abs(g["difference"]) for g in gaps.values()), default=0.0)
    raises = widest >= s.perception_gap_points - EPS
    holds = widest >= s.perception_gap_points - s.perception_gap_clear_margin - EPS
    return Reading("perception_gap", raises, holds, gaps)


def gap_flag(engine: Engine, figures: Figures, reading: Reading, latched: Latched) -> Flag:
    """The perception_gap flag: the dimensions at or over the threshold (while held: within the
    margin, or every dimension that can be compared)."""
    s = engine.settings
    limit = s.perception_gap_points if reading.raises else s.perception_gap_points - s.perception_gap_clear_margin
    chosen = {d: g for d, g in reading.data.items() if abs(g["difference"]) >= limit - EPS} or reading.data
    by_side = figures.by_side
    gaps = {d: {"client": round(g["client"], 1), "contractor": round(g["contractor"], 1),
                "difference": round(g["difference"], 1),
                "client_events": getattr(by_side[Side.CLIENT], d).events,
                "contractor_events": getattr(by_side[Side.CONTRACTOR], d).events,
                "client_weighted_events": round(g["client_weight"], 1),
                "contractor_weighted_events": round(g["contractor_weight"], 1)}
            for d, g in chosen.items()}
    dims = [Dimension(d) for d in gaps]
    day = engine.cur
    ids = engine.ids_in(day - s.crowding_window_days, day,
                        lambda e: any(has_score(e, d) for d in dims), s.max_evidence_events)
    alert = any(abs(g["difference"]) >= s.perception_gap_alert_points - EPS for g in gaps.values())
    evidence = {"gaps": gaps, "threshold_points": s.perception_gap_points,
                "clear_below_points": s.perception_gap_points - s.perception_gap_clear_margin,
                "event_ids": ids}
    return finish("perception_gap", "alert" if alert else "warning", gap_message(gaps), evidence,
                  reading, latched)
