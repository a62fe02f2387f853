"""The signals read from what was logged: escalation_surge, third_party and silence
(docs/model.md §6.3, §6.5, §6.6). Each is a read function (raising and clearing rule at one check)
and a flag function (the flag while shown); `tracker.domain.series` walks them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.domain.engine import Engine
from tracker.domain.figures import Figures
from tracker.domain.messages import (silence_message, silence_since_start_message, surge_message,
                                     third_party_message)
from tracker.domain.signals import (EPS, Check, Flag, Latched, Reading, finish, intervention_keys, iso)
from tracker.domain.types import Kind

__all__ = ["read_surge", "surge_flag", "read_third_party", "third_party_flag", "read_silence",
           "silence_flag"]


# ------------------------------------------------------------------------------ escalation_surge
@dataclass(frozen=True, slots=True)
class _Surge:
    recent: int
    baseline: int
    baseline_events: int
    history_days: int
    usual: float


def read_surge(check: Check) -> Reading:
    """Escalations in the last ``surge_window_days`` far above what is usual for this project.

    Escalations count once per issue chain and level (`Engine.count_distinct_escalations`). The usual count
    per window is the larger of the escalation rate and ``surge_volume_share`` × the event rate
    over the ``surge_baseline_days`` before the window, both measured over the part of that
    period within the project's history (at least ``surge_window_days`` of it, or there is no
    usual rate yet). Raised at ≥ ``surge_min_count`` and ≥ ``surge_factor`` × usual; held while
    ≥ 1 and ≥ ``surge_clear_factor`` × usual.
    """
    s, e, day = check.settings, check.engine, check.day
    if e.first is None:
        return Reading("escalation_surge", False, False)
    start = day - s.surge_window_days
    history_days = min(s.surge_baseline_days, start - e.first + 1)
    if history_days < s.surge_window_days:
        return Reading("escalation_surge", False, False)
    recent = e.count_distinct_escalations(start, day)
    lo = start - history_days
    baseline = e.count_distinct_escalations(lo, start)
    events = e.count_events(lo, start)
    usual = max(baseline, s.surge_volume_share * events) * s.surge_window_days / history_days
    raises = recent >= s.surge_min_count and recent >= s.surge_factor * usual - EPS
    holds = raises or (recent >= 1 and recent >= s.surge_clear_factor * usual - EPS)
    return Reading("escalation_surge", raises, holds, _Surge(recent, baseline, events, history_days, usual))


def surge_flag(engine: Engine, figures: Figures, reading: Reading, latched: Latched) -> Flag:
    """The escalation_surge flag: an alert when an escalation in the window reached the alert level."""
    s = engine.settings
    day = engine.cur
    d: _Surge = reading.data
    start = day - s.surge_window_days
    i, j = engine.span(start, day)
    top = max((e.escalation_level or 0 for e in engine.events[i:j] if e.kind is Kind.ESCALATION),
              default=0)
    ids = engine.ids_in(start, day, lambda e: e.kind is Kind.ESCALATION, s.max_evidence_events)
    month = s.month_days
    base_rate = d.baseline * month / d.history_days
    base_events = d.baseline_events * month / d.history_days
    evidence = {"window_days": s.surge_window_days, "baseline_days": s.surge_baseline_days,
                "history_days": d.history_days, "recent_count": d.recent, "baseline_count": d.baseline,
                "baseline_events": d.baseline_events,
                "recent_per_month": round(d.recent * month / s.surge_window_days, 2),
                "baseline_per_month": round(base_rate, 2),
                "baseline_events_per_month": round(base_events, 1),
                "usual_count": round(d.usual, 2), "highest_level": top, "event_ids": ids}
    message = surge_message(d.recent, d.usual, d.history_days, base_rate, base_events, top, s)
    return finish("escalation_surge", "alert" if top >= s.surge_alert_level else "warning", message,
                   evidence, reading, latched)


# ------------------------------------------------------------------------------ third_party
_CHAINS_SHOWN = 5  # a flag describes at most this many chains (evidence says how many are open)


def read_third_party(check: Check) -> Reading:
    """An open issue chain sits at ``third_party_level`` (4: mediation, binding advice, court) or
    higher; it clears when the chain is resolved (a settlement or de-escalation is an agreement)."""
    level = check.settings.third_party_level
    if not any(check.engine.open_by_level[level:]):
        return Reading("third_party", False, False)
    chains = sorted((since, root, lv) for root, (lv, since) in check.engine.open_chains.items() if lv >= level)
    return Reading("third_party", bool(chains), bool(chains), chains)


def third_party_flag(engine: Engine, figures: Figures, reading: Reading, latched: Latched) -> Flag:
    """The third_party flag, always an alert, with each chain's events as evidence."""
    s = engine.settings
    day = engine.cur
    chains, ids, described = [], [], []
    for since, root, level in reading.data[-_CHAINS_SHOWN:]:  # the latest to get there
        members = engine.chain_events(root, day)
        first = members[0] if members else None
        title = (first.title if first and first.title else f"#{root}")
        chain_ids = [e.id for e in members]
        chains.append({"issue": root, "title": title, "level": level, "since": iso(since),
                       "days_at_level": day - since, "event_ids": chain_ids})
        described.append((title, level, date.fromordinal(since), day - since))
        ids += chain_ids
    evidence = {"level_from": s.third_party_level, "open_chains": len(reading.data), "chains": chains,
                "event_ids": ids[-s.max_evidence_events:]}
    return finish("third_party", "alert", third_party_message(described, s), evidence, reading, latched)


# ------------------------------------------------------------------------------ silence
def read_silence(check: Check) -> Reading:
    """No event logged for ≥ ``silence_days`` days on an active project (without any event the
    clock runs from the project's start date, if given)."""
    if not check.active:
        return Reading("silence", False, False)
    s, day = check.settings, check.day
    last = check.engine.last_event_before(day)
    since = last.occurred_on if last is not None else check.started_on
    if since is None:
        return Reading("silence", False, False)
    days = day - since.toordinal()
    quiet = days >= s.silence_days
    return Reading("silence", quiet, quiet, (days, since, last))


def silence_flag(engine: Engine, figures: Figures, reading: Reading, latched: Latched) -> Flag:
    """The silence flag: an alert from ``silence_alert_days``."""
    s = engine.settings
    days, since, last = reading.data
    if last is not None:
        evidence = {"days_since_last_event": days, "last_event_on": since.isoformat(),
                    "threshold_days": s.silence_days, "event_ids": [last.id]}
        message = silence_message(days, since)
    else:
        evidence = {"days_since_start": days, "project_started_on": since.isoformat(),
                    "threshold_days": s.silence_days, "event_ids": []}
        message = silence_since_start_message(days, since)
    if reading.raises:  # keep the evidence of a plain silence flag as it always was
        return Flag("silence", "alert" if days >= s.silence_alert_days else "warning", message, evidence,
                    intervention_keys("silence"), date.fromordinal(latched.since))
    return finish("silence", "warning", message, evidence, reading, latched)
