"""Synthetic project histories: each signal fires in its story and stays quiet elsewhere."""
from datetime import date

import pytest

from tracker.domain.series import Hysteresis
from tracker.domain.settings import TrustSettings
from tracker.domain.trust import evaluate, weekly

from .helpers import day, ev, phase


def healthy(start: int = 0, days: int = 182):
    """Good collaboration with normal contract use (one in four events contractual)."""
    return phase(start, days, 2,
                 steering=lambda i: "contractual" if i % 4 == 0 else "relational",
                 p_openness=lambda i: -1 if i % 7 == 0 else 1,
                 s_procedures=lambda i: 1 if i % 3 else None)


def spiral(start: int, days: int = 91, escalations: bool = True):
    """Hardening: mostly contractual, personal scores mostly negative, escalations."""
    events = phase(start, days, 2,
                   steering=lambda i: "contractual" if i % 10 < 7 else "relational",
                   p_openness=lambda i: 1 if i % 3 == 0 else -1)
    if escalations:
        events += phase(start + 1, days, 10, kind="escalation", level=2, steering="contractual")
    return events


def recovery(start: int, days: int = 154):
    return phase(start, days, 2, p_benevolence=2, s_information=1)


def states(series):
    """Per weekly point: None, "raised" or "held" for crowding_out."""
    out = []
    for a in series:
        flag = a.flag("crowding_out")
        out.append(flag.evidence["state"] if flag else None)
    return out


def test_weekly_points_are_sundays_then_as_of():
    events = [ev(0), ev(9)]
    series = weekly(events, day(30))
    assert [a.as_of for a in series] == [day(6), day(13), day(20), day(27), day(30)]
    assert all(a.as_of.weekday() == 6 for a in series[:-1])
    assert [a.as_of for a in weekly(events, day(27))][-1] == day(27)
    assert weekly([], day(30)) == [] and weekly([ev(40)], day(30)) == []


def test_healthy_partnership_with_contract_use_raises_nothing():
    events = healthy(0, 364)
    events += [ev(50, id=1, kind="issue"), ev(53, kind="escalation", level=1, links=1),
               ev(58, kind="agreement", links=1)]
    series = weekly(events, day(364))
    assert all(a.flags == [] for a in series), [a.codes for a in series if a.flags]
    final = series[-1].figures
    assert 0.2 < final.contract_share.value < 0.3 and final.personal.value > 60


def test_hardening_spiral_raises_crowding_out_as_alert():
    events = healthy() + spiral(182)
    a = evaluate(events, day(272))
    flag = a.flag("crowding_out")
    assert flag is not None and flag.severity == "alert"
    ev_ = flag.evidence
    assert ev_["share_rise"] >= 0.15 and ev_["personal_drop"] >= 7.5
    assert ev_["escalations_rose"] is True and ev_["state"] == "raised"
    assert ev_["recent"]["events"] >= 6 and ev_["previous"]["events"] >= 6
    assert ev_["event_ids"] and len(ev_["event_ids"]) <= 50
    assert "0.15" not in flag.message["en"] and "Contract steering is rising" in flag.message["en"]
    assert flag.interventions == ("person_to_person", "ugly_picture", "work_in_pairs",
                                  "success_intervision")


def test_milder_hardening_without_escalations_is_a_warning():
    mild = phase(182, 91, 2, steering=lambda i: "contractual" if i % 2 else "relational",
                 p_openness=lambda i: -1 if i % 10 == 0 else 1)
    a = evaluate(phase(0, 182, 2, p_openness=1) + mild, day(272))
    flag = a.flag("crowding_out")
    assert flag is not None and flag.severity == "warning"
    assert flag.evidence["escalations_rose"] is False and flag.evidence["personal_trust"] >= 50


def test_contract_use_alone_never_raises_crowding_out():
    relational = phase(0, 182, 2, p_openness=1, s_contract=1)
    contractual = phase(182, 182, 2, steering="contractual", p_openness=1, s_contract=-1)
    series = weekly(relational + contractual, day(364))
    assert all("crowding_out" not in a.codes for a in series)
    assert series[-1].figures.contract_share.value > 0.85


def test_too_few_events_per_window_does_not_fire():
    sparse = phase(0, 182, 40, p_openness=1) + phase(182, 91, 20, steering="contractual",
                                                     p_openness=-2)
    assert "crowding_out" not in evaluate(sparse, day(272)).codes


def test_blind_trust_raises_over_reliance_warning():
    events = phase(0, 60, 2, p_openness=2, p_reciprocity=2,
                   s_contract=lambda i: -1 if i % 3 == 0 else None)
    a = evaluate(events, day(60))
    flag = a.flag("over_reliance")
    assert flag is not None and flag.severity == "warning"
    assert flag.evidence["personal_trust"] == 100.0 and flag.evidence["system_trust"] == 0.0
    assert flag.interventions[0] == "explicit_agreements"


def test_blind_trust_with_falling_system_trust():
    # System trust falls from 100 to about 60: not weak yet (> 50), but below the ceiling of 65.
    before = phase(0, 90, 2, p_openness=2, s_information=1)
    after = phase(90, 90, 2, p_openness=2, s_information=lambda i: -1 if i % 2 == 0 else 1)
    flag = evaluate(before + after, day(180)).flag("over_reliance")
    assert flag is not None and flag.evidence["system_trust"] > 50
    assert flag.evidence["system_drop"] >= 7.5


def test_a_dip_in_near_perfect_system_trust_is_not_blind_trust():
    # The same fall that used to raise over_reliance: 100 down to 75, ending above the ceiling.
    before = phase(0, 90, 2, p_openness=2, s_information=1)
    after = phase(90, 90, 2, p_openness=2, s_information=lambda i: -1 if i % 4 == 0 else 1)
    a = evaluate(before + after, day(180))
    assert a.figures.system.value > 65 and "over_reliance" not in a.codes
    assert "over_reliance" in evaluate(before + after, day(180),
                                       TrustSettings(over_reliance_system_ceiling=85)).codes


def test_no_over_reliance_with_normal_contract_use_or_unknown_system():
    with_contract = phase(0, 60, 2, p_openness=2, s_contract=-1,
                          steering=lambda i: "contractual" if i % 4 == 0 else "relational")
    assert "over_reliance" not in evaluate(with_contract, day(60)).codes
    no_system = phase(0, 60, 2, p_openness=2)
    assert "over_reliance" not in evaluate(no_system, day(60)).codes


@pytest.mark.parametrize("contractor_scores,severity", [
    (lambda i: 1 if i % 2 else -1, "alert"),      # 100 vs 50
    (lambda i: -1 if i % 4 == 0 else 1, "warning"),  # 100 vs 75
])
def test_one_side_much_more_positive_raises_perception_gap(contractor_scores, severity):
    client = phase(0, 60, 6, side="client", p_openness=2)
    contractor = phase(1, 72, 3, side="contractor", p_openness=contractor_scores)
    flag = evaluate(client + contractor, day(75)).flag("perception_gap")
    assert flag is not None and flag.severity == severity
    gap = flag.evidence["gaps"]["personal"]
    assert gap["client"] == 100.0 and gap["difference"] >= 20
    assert "system" not in flag.evidence["gaps"]


def test_perception_gap_needs_five_events_per_side():
    client = phase(0, 60, 6, side="client", p_openness=2)
    contractor = phase(1, 12, 3, side="contractor", p_openness=-1)  # 4 events
    assert "perception_gap" not in evaluate(client + contractor, day(75)).codes


@pytest.mark.parametrize("as_of,expected", [(141, None), (142, "warning"), (184, "alert")])
def test_project_gone_quiet_raises_silence(as_of, expected):
    events = phase(0, 101, 5, p_openness=1)  # last event on day 100
    flag = evaluate(events, day(as_of)).flag("silence")
    assert (flag.severity if flag else None) == expected


def test_no_silence_on_an_inactive_project():
    events = phase(0, 101, 5, p_openness=1)
    assert evaluate(events, day(200), active=False).flags == []
    assert all(a.flags == [] for a in weekly(events, day(200), active=False))


@pytest.mark.parametrize("age,expected", [(41, None), (42, "warning"), (83, "warning"), (84, "alert")])
def test_a_project_without_any_event_goes_silent_from_its_start(age, expected):
    flag = evaluate([], day(age), started_on=day(0)).flag("silence")
    assert (flag.severity if flag else None) == expected
    if flag:
        assert flag.evidence == {"days_since_start": age, "project_started_on": day(0).isoformat(),
                                 "threshold_days": 42, "event_ids": []}
        assert "since the project started" in flag.message["en"] and "start van het project" in flag.message["nl"]


def test_the_start_date_matters_only_while_there_are_no_events():
    assert evaluate([], day(200)).flag("silence") is None  # no start date given: nothing to count from
    assert evaluate([], day(200), started_on=day(0), active=False).flags == []
    events = [ev(190, p_openness=1)]
    assert evaluate(events, day(200), started_on=day(0)).flag("silence") is None  # logged 10 days ago
    gone = evaluate(events, day(250), started_on=day(0)).flag("silence")
    assert gone.evidence["last_event_on"] == day(190).isoformat()


@pytest.mark.parametrize("levels,severity", [((1, 1, 2), "warning"), ((1, 4, 2), "alert")])
def test_escalation_surge(levels, severity):
    events = [ev(10, kind="escalation", level=1)]
    events += [ev(n, kind="escalation", level=lv) for n, lv in zip((100, 110, 115), levels)]
    flag = evaluate(events, day(120), active=False).flag("escalation_surge")
    assert flag is not None and flag.severity == severity
    assert flag.evidence["recent_count"] == 3 and flag.evidence["baseline_count"] == 1
    assert len(flag.evidence["event_ids"]) == 3


def test_no_surge_when_the_usual_rate_is_already_high_or_only_one():
    usual = [ev(n, kind="escalation") for n in (5, 20, 35, 50, 65, 80)]  # 2 per month
    recent = [ev(n, kind="escalation") for n in (100, 110, 115)]
    assert "escalation_surge" not in evaluate(usual + recent, day(120), active=False).codes
    assert "escalation_surge" not in evaluate([ev(110, kind="escalation")], day(120)).codes


def test_hysteresis_needs_two_consecutive_clear_checks():
    h = Hysteresis(needed=2)
    shown = [h.step(c, n) for n, c in enumerate([False, True, False, True, False, False, False])]
    assert shown == [False, True, True, True, True, False, False]


def test_recovery_clears_crowding_out_only_after_two_clear_weekly_checks():
    events = healthy() + spiral(182) + recovery(273)
    series = weekly(events, day(427))
    seq = states(series)
    assert "raised" in seq and "held" in seq and seq[-1] is None
    for before, after in zip(seq, seq[1:]):
        assert not (before == "raised" and after is None), "cleared after a single clear check"
        if before == "held":
            assert after in ("raised", None)
    held = [a for a in series if a.flag("crowding_out") and a.flag("crowding_out").evidence["state"] == "held"]
    assert "2 weekly checks in a row" in held[0].flag("crowding_out").message["en"]
    for a in series[::5]:  # evaluate walks the same weekly checks
        assert evaluate(events, a.as_of).codes == a.codes


def test_longer_hysteresis_holds_the_flag_longer():
    events = healthy() + spiral(182) + recovery(273)
    seq = states(weekly(events, day(427), TrustSettings(hysteresis_clear_weeks=3)))
    first_held = seq.index("held")
    assert seq[first_held:first_held + 3] == ["held", "held", None]


def test_evaluate_equals_last_weekly_item():
    events = healthy() + spiral(182)
    as_of = date(2024, 9, 25)
    last = weekly(events, as_of)[-1]
    single = evaluate(events, as_of)
    assert single.codes == last.codes and single.as_of == last.as_of
    assert single.figures.personal.value == pytest.approx(last.figures.personal.value)
    assert single.figures.events == last.figures.events


def test_a_gap_whose_views_can_no_longer_be_compared_clears_after_its_quiet_weeks():
    client = phase(0, 120, 3, side="client", p_openness=2)
    contractor = phase(1, 30, 3, side="contractor", p_openness=-1)  # then the contractor stops scoring
    series = weekly(client + contractor, day(120), TrustSettings(half_life_days=20), active=False)
    shown = [a.flag("perception_gap") for a in series]
    first = next(i for i, f in enumerate(shown) if f)
    held = next(f for f in shown[first:] if f and not f.evidence["gaps"])
    assert held.evidence["state"] == "held" and "can no longer be compared" in held.message["en"]
    assert shown[-1] is None and sum(1 for a, b in zip(shown, shown[1:]) if bool(a) != bool(b)) == 2
