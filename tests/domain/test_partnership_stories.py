"""What a process coach expects on realistic partnership histories (tests/domain/partnerships.py).

Each test reads one story week by week and checks the coach's view of it: which flag should come up,
roughly when, that it stays while the pattern lasts, that it clears when the pattern is over, and
that everything else stays quiet. Every story also meets the general rule that on a stable project
no flag switches (is raised or cleared) more than six times a year.
"""
from functools import cache

import pytest

from tracker.domain.trust import evaluate, weekly

from . import partnerships as stories
from .helpers import day


@cache
def run(name: str):
    """(story, its weekly assessments) — computed once per test session."""
    story = getattr(stories, name)()
    return story, weekly(story.events, story.as_of)


def offset(a) -> int:
    """Days from D0 of an assessment."""
    return (a.as_of - day(0)).days


def episodes(series, code: str) -> list[tuple[int, int | None]]:
    """(first day shown, first day no longer shown or None) of each time ``code`` was raised."""
    out, start = [], None
    for a in series:
        shown = code in a.codes
        if shown and start is None:
            start = offset(a)
        elif not shown and start is not None:
            out.append((start, offset(a)))
            start = None
    if start is not None:
        out.append((start, None))
    return out


def switches_per_year(series, code: str) -> float:
    """How often ``code`` was raised or cleared between consecutive checks, per year."""
    shown = [code in a.codes for a in series]
    switches = sum(1 for a, b in zip([False] + shown, shown) if a != b)
    years = (series[-1].as_of - series[0].as_of).days / 365.25
    return switches / years


def quiet(series, code: str, start: int, end: int) -> bool:
    """True when ``code`` is not shown at any check from day ``start`` to day ``end``."""
    return all(code not in a.codes for a in series if start <= offset(a) <= end)


@pytest.mark.parametrize("build", stories.ALL, ids=lambda b: b.__name__)
def test_no_flag_switches_more_than_six_times_a_year(build):
    story, series = run(build.__name__)
    for code in {c for a in series for c in a.codes}:
        assert switches_per_year(series, code) <= 6, (code, episodes(series, code))
    last = evaluate(story.events, story.as_of)  # evaluate walks the same checks
    assert last.codes == series[-1].codes
    assert [f.since for f in last.flags] == [f.since for f in series[-1].flags]


def test_breach_and_repair():
    """A hidden failed pile test comes out: crowding out and a surge at once, the client's view far
    below the contractor's while it hurts, everything quiet again once trust is repaired."""
    story, series = run("breach_and_repair")
    breach = story.marks["breach"]
    for code in ("crowding_out", "escalation_surge", "perception_gap", "over_reliance", "third_party"):
        assert quiet(series, code, 0, breach), code  # eight good months: nothing to report
    (crowd,) = episodes(series, "crowding_out")
    assert breach < crowd[0] <= breach + 42 and crowd[1] is not None
    assert any(a.flag("crowding_out").severity == "alert" for a in series if "crowding_out" in a.codes)
    (surge,) = episodes(series, "escalation_surge")
    assert breach < surge[0] <= breach + 21 and surge[1] <= breach + 120
    (gap,) = episodes(series, "perception_gap")
    assert gap[0] <= breach + 42 and gap[1] is not None
    during = next(a for a in series if offset(a) >= gap[0]).flag("perception_gap")
    assert during.evidence["gaps"]["personal"]["difference"] < 0  # the client is the one hurt
    assert series[-1].flags == []  # repaired


def test_tender_dialogue_turning_into_an_alliance_stays_quiet():
    """The bidder scored the dialogue mostly 0: neutral scores are no evidence of a gap, and the move
    from contract steering to relational steering is no warning either."""
    story, series = run("tender_to_alliance")
    assert all(a.flags == [] for a in series), [(offset(a), a.codes) for a in series if a.flags]
    dialogue = next(a for a in series if offset(a) >= 60).figures.by_side
    assert dialogue["contractor"].personal.events >= 5  # scored, but with zeros and two frustrations


def test_key_person_leaving_one_side():
    """The contractor's project manager leaves: the client's view drops, the contractor's does not.
    One perception_gap that stays through the wobble and clears once the views come together."""
    story, series = run("key_person_leaves")
    change, settled = story.marks["change"], story.marks["settled"]
    assert all(a.flags == [] for a in series if offset(a) <= change)
    (gap,) = episodes(series, "perception_gap")
    assert change < gap[0] <= change + 70
    assert gap[1] is not None and settled <= gap[1] <= settled + 120
    flags = [a.flag("perception_gap") for a in series if "perception_gap" in a.codes]
    assert all(f.evidence["gaps"]["personal"]["difference"] < 0 for f in flags if "personal" in f.evidence["gaps"])
    assert {f.since for f in flags} == {flags[0].since}  # one episode, one start date
    for code in ("crowding_out", "escalation_surge", "over_reliance", "third_party"):
        assert episodes(series, code) == [], code


def test_mediation_and_back():
    """A claim climbs the ladder (both parties log each escalation) and goes to mediation for three months.
    The surge comes and goes; third_party stays up the whole time the claim sits with the mediator
    and clears at the first check after the agreement that brings it back."""
    story, series = run("mediation_and_back")
    mediation, settled = story.marks["mediation"], story.marks["agreed"]
    (surge,) = episodes(series, "escalation_surge")
    assert story.marks["claim"] < surge[0] <= mediation
    (third,) = episodes(series, "third_party")
    assert mediation < third[0] <= mediation + 7 and settled < third[1] <= settled + 7
    assert surge[1] < third[1] - 28  # for weeks only third_party shows that the claim is still open
    flag = next(a for a in series if offset(a) == third[0]).flag("third_party")
    assert flag.severity == "alert" and flag.since == day(third[0])
    chain = flag.evidence["chains"][0]
    assert chain["issue"] == story.marks["issue"] and chain["level"] == 4 and len(chain["event_ids"]) == 8
    assert flag.interventions[0] == "ring_fence_issue"
    assert all("third_party" in a.codes for a in series if third[0] <= offset(a) < third[1])
    peak = next(a for a in series if offset(a) == third[0]).flag("escalation_surge")
    assert peak.evidence["recent_count"] < len(peak.evidence["event_ids"])  # both sides logged it: once


def test_busy_alliance_with_routine_contract_work_stays_quiet():
    """Some 500 events a year, a third of them handled by the contract, the odd escalation and now and
    then two in a month: business as usual, so nothing is raised."""
    story, series = run("busy_alliance")
    assert all(a.flags == [] for a in series), [(offset(a), a.codes) for a in series if a.flags]
    escalations = sorted(offset_ for offset_ in ((e.occurred_on - day(0)).days for e in story.events
                                                if e.kind == "escalation"))
    assert any(b - a <= 30 for a, b in zip(escalations, escalations[1:]))  # two in a month happen
    assert 450 <= len(story.events) * 365 / 540 <= 900


def test_holiday_gap():
    """Nothing logged over the summer: silence (a warning) while it lasts, cleared at the first check
    after logging resumes, and the thin summer windows raise nothing afterwards."""
    story, series = run("holiday_gap")
    gap_from, gap_to = story.marks["gap_from"], story.marks["gap_to"]
    last = max((e.occurred_on - day(0)).days for e in story.events if e.occurred_on < day(gap_from))
    (silence,) = episodes(series, "silence")
    assert last + 42 <= silence[0] < last + 49 and gap_to <= silence[1] <= gap_to + 7
    assert all(a.flag("silence").severity == "warning" for a in series if "silence" in a.codes)
    for code in ("crowding_out", "escalation_surge", "perception_gap", "over_reliance"):
        assert quiet(series, code, gap_from, gap_to + 120), code


def test_blind_trust_in_an_alliance_does_not_flap():
    """Personal trust around 80-90, system trust hovering around the threshold of 50: blind trust is
    raised once and stays raised, however often system trust crosses 50."""
    story, series = run("blind_trust_alliance")
    (blind,) = episodes(series, "over_reliance")
    assert blind[0] <= 120 and blind[1] is None
    system = [a.figures.system.value for a in series if offset(a) >= blind[0]]
    crossings = sum(1 for a, b in zip(system, system[1:]) if (a > 50) != (b > 50))
    assert crossings >= 4  # the value really hovers at the threshold
    flags = [a.flag("over_reliance") for a in series if offset(a) >= blind[0]]
    assert {f.since for f in flags} == {day(blind[0])} and all(f.severity == "warning" for f in flags)


def test_a_dip_in_near_perfect_system_trust_is_no_blind_trust():
    """System trust falls from 100 to about 80 for a quarter: a drop of 20 points, but ending far above
    the ceiling of 65, so over_reliance stays quiet."""
    story, series = run("near_perfect_system_dip")
    assert all(a.flags == [] for a in series), [(offset(a), a.codes) for a in series if a.flags]
    dip = [a for a in series if story.marks["dip"] + 60 <= offset(a) <= story.marks["dip"] + 100]
    assert min(a.figures.system.value for a in dip) < 92


def test_noisy_but_stable_maintenance_contract():
    """A real gap between the parties' views that wavers between roughly 13 and 33 points: one
    perception_gap that stays. Escalations at a steady rate: at most one surge a year."""
    story, series = run("noisy_stable_maintenance")
    (gap,) = episodes(series, "perception_gap")
    assert gap[0] <= 60 and gap[1] is None
    values = [a.figures.by_side["client"].personal.value - a.figures.by_side["contractor"].personal.value
              for a in series if offset(a) >= gap[0]]
    crossings = sum(1 for a, b in zip(values, values[1:]) if (abs(a) >= 20) != (abs(b) >= 20))
    assert crossings >= 6 and min(map(abs, values)) < 20 < max(map(abs, values))
    assert len(episodes(series, "escalation_surge")) <= 2  # two years
    for code in ("crowding_out", "over_reliance", "third_party", "silence"):
        assert episodes(series, code) == [], code
