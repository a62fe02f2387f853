"""Realistic partnership histories for the story tests (tests/domain/test_partnership_stories.py).

Each story is modelled on a pattern documented in Dutch and UK infrastructure partnerships (design and
construct road contracts, alliances, performance-based maintenance contracts, disputes that went to a
dispute board or mediation). They are noisy on purpose: events arrive on irregular days, both parties
log them, scores vary in size and place, and escalations come at random moments at a steady rate. A
seeded random generator keeps every story the same on every run.

The builders use only `EventFacts`, so `bench/signal_stories.py` can run the same stories against an
older version of the trust model and count how often each flag switches.
"""
from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from itertools import count

from tracker.domain.types import EventFacts

from .helpers import day, score

_ids = count(500_000)

PERSONAL = ("p_competence", "p_integrity", "p_benevolence", "p_openness", "p_continuity", "p_reciprocity")


@dataclass
class Story:
    """A named history, its as-of date and the days that matter in it (offsets from D0)."""

    name: str
    summary: str
    events: list[EventFacts]
    as_of: date
    marks: dict[str, int] = field(default_factory=dict)


class Voices:
    """Each side's scores per dimension: positive about ``p`` of the time, steadily so.

    Real scores are not coin flips: a party that is mostly positive says so fairly steadily. So the
    sign follows error diffusion with a random jitter: a negative score comes when the negatives so
    far fall behind ``1 − p`` by a random amount. The realised share stays near the intended one at
    any moment, while the places of the negative scores (and whether a score is ±1 or ±2) vary.
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.debt: dict[tuple[str, str], float] = {}

    def score(self, side: str, factor: str, p: float, strong: float = 0.3) -> int:
        """A score for ``factor`` from ``side``: positive about ``p`` of the time, ±2 at ``strong``."""
        key = (side, "p" if factor.startswith("p_") else "s")
        rng = self.rng
        debt = self.debt.get(key, rng.random() * 0.5) + (1 - p)
        sign = 1
        if debt >= 0.5 + rng.random():
            debt -= 1
            sign = -1
        self.debt[key] = debt
        return sign * (2 if rng.random() < strong else 1)

    def steering(self, contractual: float, mixed: float = 0.0) -> str:
        """How the next event is handled: contractual about ``contractual`` of the time, mixed about
        ``mixed``, steadily in the same way as the scores."""
        rng = self.rng
        out = "relational"
        for kind, share in (("contractual", contractual), ("mixed", mixed)):
            debt = self.debt.get(("steer", kind), rng.random() * 0.5) + share
            if out == "relational" and debt >= 0.5 + rng.random():
                debt -= 1
                out = kind
            self.debt[("steer", kind)] = debt
        return out


def _event(n: int, side: str, kind: str = "moment", steering: str = "relational",
           level: int | None = None, links: int | None = None,
           scores: dict[str, int] | None = None, title: str = "") -> EventFacts:
    return EventFacts(id=next(_ids), occurred_on=day(n), side=side, kind=kind, steering=steering,
                      escalation_level=level, links_to=links,
                      scores=tuple(score(k, v) for k, v in (scores or {}).items()), title=title)


Scorer = Callable[[Voices, int, str], dict[str, int]]


def stream(v: Voices, start: int, end: int, per_week: float, scorer: Scorer,
           contractual: float | Callable[[int], float] = 0.2, mixed: float = 0.0,
           kinds=("moment", "moment", "issue", "agreement")) -> list[EventFacts]:
    """Events on random days in [start, end) at about ``per_week`` a week, from both sides."""
    rng = v.rng
    out = []
    p = per_week / 7
    for n in range(start, end):
        k = 0
        while rng.random() < p / (k + 1) and k < 4:  # now and then two or three on one day
            side = rng.choice(("client", "contractor"))
            c = contractual(n) if callable(contractual) else contractual
            out.append(_event(n, side, rng.choice(kinds), v.steering(c, mixed), scores=scorer(v, n, side)))
            k += 1
    return out


def escalations(v: Voices, start: int, end: int, per_month: float, level: int = 1,
                steering: str = "mixed") -> list[EventFacts]:
    """Operational escalations at a steady ``per_month`` rate (the gaps between them vary from a third
    of the mean gap to nearly twice it), each lifting its own issue, most settled within weeks."""
    rng = v.rng
    out = []
    gap = 30 / per_month
    at = start + rng.uniform(0, gap)
    while at < end:
        n = int(at)
        at += gap * rng.uniform(0.3, 1.7)
        side = rng.choice(("client", "contractor"))
        issue = _event(n - rng.randint(2, 10), side, "issue", "relational",
                       scores={"s_procedures": rng.choice((0, 1, -1))})
        out.append(issue)
        out.append(_event(n, side, "escalation", steering, level=level, links=issue.id,
                          scores={"s_procedures": rng.choice((1, 0))}))
        if rng.random() < 0.8:
            out.append(_event(min(n + rng.randint(5, 20), end), side, "agreement", "relational",
                              links=issue.id, scores={"p_reciprocity": 1}))
    return out


def warm(p_personal: float = 0.85, p_system: float = 0.8, system_every: float = 0.5) -> Scorer:
    """A scorer for an ordinary, good working relationship."""
    def scorer(v: Voices, n: int, side: str) -> dict[str, int]:
        factor = v.rng.choice(("p_openness", "p_integrity", "p_benevolence", "p_reciprocity"))
        out = {factor: v.score(side, factor, p_personal)}
        if v.rng.random() < system_every:
            factor = v.rng.choice(("s_procedures", "s_information", "s_contract"))
            out[factor] = v.score(side, factor, p_system, 0.1)
        return out
    return scorer


# --------------------------------------------------------------------------------------------- stories
def breach_and_repair(seed: int = 11) -> Story:
    """A design-and-construct road contract: eight good months, then the client finds out that a failed
    pile test was kept quiet. Letters, escalation to the directors, a hard quarter, a settlement, and a
    slow repair over most of a year."""
    v = Voices(random.Random(seed))
    breach = 240
    events = stream(v, 0, breach, 2.5, warm(), contractual=0.2)
    events += escalations(v, 20, breach, 0.3)
    issue = _event(breach, "client", "issue", "contractual", scores={"p_integrity": -2, "p_openness": -2},
                   title="Failed pile test was not reported")
    up2 = _event(breach + 4, "client", "escalation", "contractual", level=2, links=issue.id,
                 scores={"p_integrity": -2})
    up3 = _event(breach + 18, "contractor", "escalation", "contractual", level=3, links=up2.id,
                 scores={"p_benevolence": -1})
    settle = _event(breach + 75, "client", "agreement", "mixed", links=issue.id,
                    scores={"s_contract": 1, "p_reciprocity": 1})
    events += [issue, up2, up3, settle]

    def hard(v: Voices, n: int, side: str) -> dict[str, int]:
        p = 0.15 if side == "client" else 0.35
        factor = v.rng.choice(("p_integrity", "p_openness", "p_benevolence"))
        system = v.rng.choice(("s_procedures", "s_contract"))
        return {factor: v.score(side, factor, p, 0.5), system: v.score(side, system, 0.5, 0.1)}
    events += stream(v, breach + 1, breach + 90, 3.5, hard, contractual=0.65)
    events += [_event(breach + d, v.rng.choice(("client", "contractor")), "escalation", "contractual",
                      level=v.rng.choice((1, 2)), scores={"p_openness": -1}) for d in (9, 30, 41, 58)]

    def repair(v: Voices, n: int, side: str) -> dict[str, int]:
        progress = min(1.0, (n - breach - 90) / 200)
        factor = v.rng.choice(("p_integrity", "p_openness", "p_benevolence", "p_continuity"))
        return {factor: v.score(side, factor, 0.35 + 0.5 * progress),
                "s_procedures": v.score(side, "s_procedures", 0.7, 0.1)}
    events += stream(v, breach + 90, 600, 2.5, repair,
                     contractual=lambda n: max(0.2, 0.55 - (n - breach - 90) / 400))
    events += escalations(v, breach + 120, 600, 0.3)
    return Story("breach_and_repair", "abrupt breach of trust, slow repair", events, day(600),
                 {"breach": breach, "settled": breach + 75, "repaired": breach + 290})


def tender_to_alliance(seed: int = 12) -> Story:
    """A competitive dialogue that turns into an alliance: four months of formal, careful dialogue in
    which the bidder scores personal trust neutral (0) but for two frustrations, then an alliance
    that steers on the relationship."""
    v = Voices(random.Random(seed))
    frustrations = iter((True, False, False, False, False, True) + (False,) * 100)

    def dialogue(v: Voices, n: int, side: str) -> dict[str, int]:
        if side == "contractor":  # the bidder keeps its cards close
            return {"p_openness": -1 if next(frustrations) else 0,
                    "s_procedures": v.score(side, "s_procedures", 0.75, 0)}
        return {"p_competence": v.score(side, "p_competence", 0.85, 0.1),
                "s_procedures": v.score(side, "s_procedures", 0.75, 0)}
    events = stream(v, 0, 120, 1.5, dialogue, contractual=0.6)
    events += stream(v, 120, 500, 3.0, warm(p_personal=0.88, p_system=0.85, system_every=0.6),
                     contractual=0.08, mixed=0.1)
    events += escalations(v, 150, 500, 0.4)
    return Story("tender_to_alliance", "tender dialogue turning into an alliance", events, day(500),
                 {"alliance": 120})


def key_person_leaves(seed: int = 13) -> Story:
    """The contractor's project manager leaves after seven months; the successor works by the book.
    The client feels the loss for four months, the contractor hardly notices. Then the new manager
    finds their feet and the two views come back together."""
    v = Voices(random.Random(seed))
    change = 210
    events = stream(v, 0, change, 3.0, warm(), contractual=0.2)
    events.append(_event(change, "contractor", "moment", "relational", scores={"p_continuity": -1},
                         title="Project manager leaves; successor starts next week"))

    def after(v: Voices, n: int, side: str) -> dict[str, int]:
        if side == "contractor":
            factor = v.rng.choice(("p_openness", "p_reciprocity", "p_competence"))
            return {factor: v.score(side, factor, 0.88)}
        progress = max(0.0, (n - change - 120) / 90)
        factor = v.rng.choice(("p_continuity", "p_openness", "p_benevolence"))
        return {factor: v.score(side, factor, min(0.88, 0.5 + 0.38 * progress)),
                "s_information": v.score(side, "s_information", 0.75, 0)}
    events += stream(v, change + 1, 560, 3.0, after, contractual=0.22)
    events += escalations(v, 30, 560, 0.25)
    return Story("key_person_leaves", "key person leaves one side", events, day(560),
                 {"change": change, "settled": change + 210})


def mediation_and_back(seed: int = 14) -> Story:
    """A claim about unforeseen ground conditions climbs the ladder in six weeks, both parties log the
    escalations, it goes to mediation for three months and comes back to the project as an agreement."""
    v = Voices(random.Random(seed))
    start = 200
    events = stream(v, 0, start, 2.5, warm(), contractual=0.25)
    events += escalations(v, 10, start, 0.3)
    issue = _event(start, "contractor", "issue", "contractual", scores={"s_contract": -2},
                   title="Claim: unforeseen ground conditions")
    chain = [issue]
    for offset, level, side in ((8, 1, "contractor"), (18, 2, "client"), (19, 2, "contractor"),
                                (30, 3, "client"), (31, 3, "contractor"), (40, 4, "client"),
                                (41, 4, "contractor")):
        chain.append(_event(start + offset, side, "escalation", "contractual", level=level,
                            links=chain[-1].id, scores={"p_benevolence": -1, "s_procedures": -1}))
    back = _event(start + 130, "client", "agreement", "relational", links=issue.id,
                  scores={"p_reciprocity": 2, "s_procedures": 1},
                  title="Mediation settled; claim back to the project team")
    events += chain + [back]

    def tense(v: Voices, n: int, side: str) -> dict[str, int]:
        factor = v.rng.choice(("p_openness", "p_benevolence"))
        return {factor: v.score(side, factor, 0.45),
                "s_procedures": v.score(side, "s_procedures", 0.5, 0)}
    events += stream(v, start + 1, start + 130, 2.5, tense, contractual=0.45)
    events += stream(v, start + 131, 560, 2.5, warm(), contractual=0.25)
    events += escalations(v, start + 160, 560, 0.3)
    return Story("mediation_and_back", "dispute to mediation and back", events, day(560),
                 {"claim": start, "mediation": start + 40, "agreed": start + 130,
                  "issue": issue.id})


def busy_alliance(seed: int = 15) -> Story:
    """A water-company alliance with some 500 events a year, many of them routine compensation events
    handled by the contract, and the odd operational escalation (now and then two in a month)."""
    v = Voices(random.Random(seed))
    events = stream(v, 0, 540, 9.5, warm(p_personal=0.88, p_system=0.8), contractual=0.35, mixed=0.1)
    events += escalations(v, 0, 540, 0.8)
    return Story("busy_alliance", "busy healthy alliance with routine contract work", events, day(540))


def holiday_gap(seed: int = 16) -> Story:
    """An ordinary project that logs nothing from early July to late August (the building holiday and
    the summer leave), then picks up again at its usual pace, escalations included."""
    v = Voices(random.Random(seed))
    gap_from, gap_to = 182, 238
    events = stream(v, 0, gap_from, 2.5, warm(), contractual=0.25)
    events += escalations(v, 10, gap_from - 12, 0.5)
    events += stream(v, gap_to, 480, 2.5, warm(), contractual=0.25)
    events += escalations(v, gap_to + 5, 480, 0.5)
    events = [e for e in events if not (day(gap_from) <= e.occurred_on < day(gap_to))]
    return Story("holiday_gap", "a summer with nothing logged", events, day(480),
                 {"gap_from": gap_from, "gap_to": gap_to})


def blind_trust_alliance(seed: int = 17) -> Story:
    """An alliance where everyone gets on well and little is written down: registers lag behind and
    mandates are unclear. Personal trust hovers around 80, system trust around 50 and the contract
    steering share just under 0.10, each drifting a little."""
    v = Voices(random.Random(seed))

    def scorer(v: Voices, n: int, side: str) -> dict[str, int]:
        factor = v.rng.choice(("p_openness", "p_benevolence", "p_reciprocity"))
        out = {factor: v.score(side, factor, 0.8 if (n // 60) % 2 else 0.86, 0.3)}
        if v.rng.random() < 0.6:
            factor = v.rng.choice(("s_information", "s_mandate", "s_contract"))
            out[factor] = v.score(side, factor, 0.42 if (n // 45) % 2 else 0.52, 0.1)
        return out
    events = stream(v, 0, 420, 3.0, scorer, contractual=0.07)
    return Story("blind_trust_alliance", "blind trust in an alliance", events, day(420))


def near_perfect_system_dip(seed: int = 18) -> Story:
    """An alliance with near-perfect system trust that dips for a quarter when a new register is
    introduced: system trust falls from about 100 to about 80 while personal trust stays high."""
    v = Voices(random.Random(seed))

    def before(v: Voices, n: int, side: str) -> dict[str, int]:
        return {"p_openness": v.score(side, "p_openness", 0.95, 0.5), "s_information": 1}

    def dip(v: Voices, n: int, side: str) -> dict[str, int]:
        return {"p_openness": v.score(side, "p_openness", 0.95, 0.5),
                "s_information": v.score(side, "s_information", 0.8, 0)}
    events = stream(v, 0, 200, 3.0, before, contractual=0.02)
    events += stream(v, 200, 300, 3.0, dip, contractual=0.02)
    events += stream(v, 300, 420, 3.0, before, contractual=0.02)
    return Story("near_perfect_system_dip", "near-perfect system trust that dips", events, day(420),
                 {"dip": 200})


def noisy_stable_maintenance(seed: int = 19) -> Story:
    """A performance-based maintenance contract over two years: mixed steering, noisy scores, a real
    difference in how the two parties see each other (the client some 20 points lower, wavering),
    and an operational escalation every three weeks or so."""
    v = Voices(random.Random(seed))

    def scorer(v: Voices, n: int, side: str) -> dict[str, int]:
        wave = 0.06 if (n // 50) % 2 else -0.06  # the client's mood comes and goes
        p = 0.6 + wave if side == "client" else 0.8
        factor = v.rng.choice(("p_openness", "p_integrity", "p_competence"))
        out = {factor: v.score(side, factor, p, 0.3)}
        if v.rng.random() < 0.5:
            factor = v.rng.choice(("s_monitoring", "s_finance", "s_information"))
            out[factor] = v.score(side, factor, 0.65, 0.2)
        return out
    events = stream(v, 0, 730, 3.5, scorer, contractual=0.3, mixed=0.1)
    events += escalations(v, 0, 730, 1.4)
    return Story("noisy_stable_maintenance", "noisy but stable maintenance contract", events, day(730))


ALL = (breach_and_repair, tender_to_alliance, key_person_leaves, mediation_and_back, busy_alliance,
       holiday_gap, blind_trust_alliance, near_perfect_system_dip, noisy_stable_maintenance)
