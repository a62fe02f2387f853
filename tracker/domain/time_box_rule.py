"""The time_box_exceeded signal (docs/model.md §6.7): an open issue has stayed at its level longer
than the time box the parties agreed for that level on their ladder."""
from __future__ import annotations

from tracker.domain.clock import overdue_issues
from tracker.domain.engine import Engine
from tracker.domain.escalation import level_name
from tracker.domain.figures import Figures
from tracker.domain.messages import days_text
from tracker.domain.signals import Check, Flag, Latched, Reading, finish, iso

__all__ = ["read_time_box", "time_box_flag", "time_box_message"]

_CHAINS_SHOWN = 5  # the message names at most this many issues (the evidence says how many)


def read_time_box(check: Check) -> Reading:
    """Raised (and held) while at least one open issue is past the time box of its level; the
    reading carries (root, level, since, box, days over) of each, most days over first."""
    if not check.ladder.versions or not check.engine.open_chains:
        return Reading("time_box_exceeded", False, False)
    over = overdue_issues(check.engine.open_chains, check.ladder, check.day)
    return Reading("time_box_exceeded", bool(over), bool(over), over)


def time_box_flag(engine: Engine, figures: Figures, reading: Reading, latched: Latched) -> Flag:
    """The flag: a warning, an alert when an issue is over by more than its box again."""
    day = engine.cur
    rows = reading.data or []
    chains, ids, described = [], [], []
    for root, level, since, box, over in rows[:_CHAINS_SHOWN]:
        members = engine.chain_events(root, day)
        title = members[0].title if members and members[0].title else f"#{root}"
        chain_ids = [e.id for e in members]
        chains.append({"issue": root, "title": title, "level": level, "since": iso(since),
                       "days_at_level": day - since, "time_box_days": box, "days_over": over,
                       "event_ids": chain_ids})
        described.append((title, level, box, over))
        ids += chain_ids
    alert = any(over > box for _r, _l, _s, box, over in rows)
    evidence = {"overdue_issues": len(rows), "chains": chains,
                "event_ids": ids[-engine.settings.max_evidence_events:]}
    return finish("time_box_exceeded", "alert" if alert else "warning", time_box_message(described),
                  evidence, reading, latched)


def time_box_message(issues: list[tuple[str, int, int, int]]) -> dict[str, str]:
    """Explain the issues past their box: (title, level, box days, days over) each."""
    if not issues:
        return {"nl": "Geen open kwestie staat nog langer op haar niveau dan de afgesproken termijn.",
                "en": "No open issue is past the agreed time box of its level any more."}
    nl = "; ".join(f"“{t}” staat op niveau {lv} ({level_name(lv, 'nl').lower()}) al {days_text(over, 'nl')} "
                   f"langer dan de afgesproken {days_text(box, 'nl')}"
                   for t, lv, box, over in issues)
    en = "; ".join(f"“{t}” has stayed at level {lv} ({level_name(lv, 'en').lower()}) {days_text(over, 'en')} "
                   f"past the agreed {days_text(box, 'en')}"
                   for t, lv, box, over in issues)
    return {"nl": f"Volgens de escalatieladder had dit al omhoog gemoeten of geregeld moeten zijn: {nl}. "
                  "Til het samen een trede op zoals afgesproken, of leg vast hoe het op dit niveau "
                  "wordt opgelost en wanneer.",
            "en": f"By the agreed escalation ladder this should have gone up a rung or been settled: {en}. "
                  "Take it up one rung together as agreed, or record how and by when it is settled "
                  "at this level."}
