"""The worked examples of docs/model.md, so the page stays true."""
from dataclasses import replace
from datetime import date, timedelta

import pytest

from tracker.domain.series import Hysteresis
from tracker.domain.settings import TrustSettings
from tracker.domain.trust import compute_figures, evaluate, signals_json, weekly
from tracker.domain.types import Dimension, EventFacts, Score, Side

P, S = Dimension.PERSONAL, Dimension.SYSTEM


def test_example_a_indices_decay_and_share():
    events = [
        EventFacts(1, date(2024, 1, 31), "client", "issue", "contractual",
                   scores=(Score("p_openness", P, -2), Score("s_procedures", S, 1))),
        EventFacts(2, date(2024, 3, 1), "contractor", "moment", "relational",
                   scores=(Score("p_openness", P, 1), Score("p_reciprocity", P, 2))),
        EventFacts(3, date(2024, 3, 31), "client", "agreement", "mixed",
                   scores=(Score("p_integrity", P, 1), Score("s_contract", S, -1))),
    ]
    f = compute_figures(events, date(2024, 3, 31))
    assert f.personal.trust == pytest.approx(3.1213, abs=1e-4) and f.personal.distrust == 1.0
    assert round(f.personal.value, 1) == 75.7 and f.personal.low_confidence
    assert round(f.system.value, 1) == 33.3 and f.system.events == 2
    assert round(f.contract_share.value, 3) == 0.453
    assert f.by_side[Side.CLIENT].personal.value == 50.0
    assert f.by_side[Side.CONTRACTOR].personal.value == 100.0
    assert round(f.by_factor["p_openness"].value, 1) == 41.4


def _example_b():
    def e(i, d, steering, value, kind="moment", level=None):
        return EventFacts(i, d, "client", kind, steering, escalation_level=level,
                          scores=(Score("p_openness", P, value),))
    return [e(1, date(2024, 1, 15), "contractual", 1), e(2, date(2024, 2, 1), "relational", 1),
            e(3, date(2024, 2, 15), "relational", 1), e(4, date(2024, 3, 1), "relational", -1),
            e(5, date(2024, 3, 15), "relational", 1), e(6, date(2024, 3, 29), "relational", 1),
            e(7, date(2024, 4, 15), "contractual", 1), e(8, date(2024, 5, 1), "relational", -1),
            e(9, date(2024, 5, 15), "contractual", -1, "escalation", 1),
            e(10, date(2024, 6, 1), "mixed", 1), e(11, date(2024, 6, 15), "contractual", -1),
            e(12, date(2024, 6, 29), "relational", 1),
            EventFacts(13, date(2024, 1, 2), "client", "moment", "relational")]  # the kick-off


def test_example_b_crowding_out_and_hysteresis():
    flag = evaluate(_example_b(), date(2024, 6, 30)).flag("crowding_out")
    assert flag.severity == "alert"
    assert flag.evidence["recent"]["contract_share"] == 0.583
    assert flag.evidence["previous"]["contract_share"] == 0.167
    assert flag.evidence["previous"]["personal_trust"] == 83.3
    assert flag.evidence["recent"]["personal_trust"] == 50.0
    series = weekly(_example_b(), date(2024, 7, 21))[-4:]
    assert [a.as_of.day for a in series] == [30, 7, 14, 21]
    states = [a.flag("crowding_out").evidence["state"] if a.flag("crowding_out") else None
              for a in series]
    assert states == ["raised", "raised", "held", None]
    assert {a.flag("crowding_out").since for a in series[:3]} == {date(2024, 6, 30)}


def test_example_b_the_history_and_the_evidence_floor():
    without_kickoff = [e for e in _example_b() if e.id != 13]  # history starts 15 Jan, after 3 Jan
    assert evaluate(without_kickoff, date(2024, 6, 30)).codes == []
    zeros = [replace(e, scores=(Score("p_openness", P, 0),)) if e.id in (2, 3) else e for e in _example_b()]
    a = evaluate(zeros, date(2024, 6, 30))
    assert a.codes == []  # 6 events in the earlier window, but only 4 with a non-zero personal score


def test_example_c_escalation_ladder():
    events = [EventFacts(1, date(2024, 3, 1), "client", "issue", "relational"),
              EventFacts(2, date(2024, 3, 11), "client", "escalation", "mixed",
                         escalation_level=1, links_to=1),
              EventFacts(3, date(2024, 3, 16), "contractor", "escalation", "contractual",
                         escalation_level=2, links_to=2),
              EventFacts(4, date(2024, 3, 26), "client", "agreement", "relational", links_to=1),
              EventFacts(5, date(2024, 3, 1), "contractor", "issue", "relational"),
              EventFacts(6, date(2024, 3, 5), "client", "agreement", "relational", links_to=5)]
    a = evaluate(events, date(2024, 3, 31))
    esc = a.figures.escalations
    assert (esc.days_at_level[0], esc.days_at_level[1], esc.days_at_level[2]) == (14, 5, 10)
    assert esc.mean_days_at_level[0] == 7 and esc.resolved_low_share == 0.5
    assert round(esc.per_month[1], 2) == 0.33 == round(esc.per_month[2], 2)
    assert a.codes == []  # a month of history: no usual escalation rate to compare with yet


def _example_d(fifth: bool = False) -> list[EventFacts]:
    """Kick-off 1 Jan; 3 Mar-31 May: 117 moments and 3 escalations; June: a moment a day and the
    escalations of the table."""
    events = [EventFacts(1, date(2024, 1, 1), "client", "moment", "relational")]
    n = 100
    for k in range(90):
        for _ in range(2 if k % 10 < 3 else 1):
            events.append(EventFacts(n, date(2024, 3, 3) + timedelta(days=k), "client", "moment", "relational"))
            n += 1
    for d in (date(2024, 3, 15), date(2024, 4, 15), date(2024, 5, 15)):
        events.append(EventFacts(n, d, "client", "escalation", "mixed", escalation_level=1))
        n += 1
    for k in range(30):
        events.append(EventFacts(n + k, date(2024, 6, 1) + timedelta(days=k), "client", "moment", "relational"))
    events += [EventFacts(2, date(2024, 6, 5), "client", "escalation", "contractual", escalation_level=1),
               EventFacts(3, date(2024, 6, 6), "contractor", "escalation", "contractual", escalation_level=1,
                          links_to=2),
               EventFacts(4, date(2024, 6, 12), "client", "escalation", "contractual", escalation_level=2,
                          links_to=2),
               EventFacts(5, date(2024, 6, 20), "contractor", "escalation", "mixed", escalation_level=1)]
    if fifth:
        events.append(EventFacts(6, date(2024, 6, 27), "client", "escalation", "mixed", escalation_level=1))
    return events


def test_example_d_escalation_surge_against_the_projects_own_rate_and_volume():
    assert evaluate(_example_d(), date(2024, 6, 30)).codes == []  # 3 counted < 2 × 2.0
    flag = evaluate(_example_d(fifth=True), date(2024, 6, 30)).flag("escalation_surge")
    ev = flag.evidence
    assert (ev["baseline_events"], ev["baseline_count"], ev["history_days"]) == (120, 3, 90)
    assert ev["usual_count"] == 2.0 and ev["recent_count"] == 4 and len(ev["event_ids"]) == 5
    assert flag.severity == "warning" and ev["highest_level"] == 2


def _example_e(january: date = date(2024, 1, 31)) -> list[EventFacts]:
    def e(i, d, side, value):
        return EventFacts(i, d, side, "moment", "relational", scores=(Score("p_openness", P, value),))
    return ([e(1, january, "contractor", 1), e(2, january, "contractor", 1)]
            + [e(3 + k, date(2024, 3, 31), "contractor", 1) for k in range(4)]
            + [e(10 + k, date(2024, 3, 31), "client", v) for k, v in enumerate((1, 1, 1, 1, -1, -1))])


def test_example_e_perception_gap_weighted_evidence_and_margin():
    flag = evaluate(_example_e(), date(2024, 3, 31)).flag("perception_gap")
    gap = flag.evidence["gaps"]["personal"]
    assert (gap["client"], gap["contractor"], gap["difference"]) == (66.7, 100.0, -33.3)
    assert gap["contractor_weighted_events"] == 5.0 and flag.severity == "warning"
    assert evaluate(_example_e(date(2024, 1, 1)), date(2024, 3, 31)).codes == []  # 4 + 2 × 0.35 < 5
    s = TrustSettings()
    state, shown = Hysteresis(s.perception_gap_clear_weeks), []
    for week, gap_points in enumerate((24, 17, 12, 22, 9, 11, 8, 7)):
        raises = gap_points >= s.perception_gap_points
        holds = gap_points >= s.perception_gap_points - s.perception_gap_clear_margin
        shown.append(state.step(raises, week, holds))
    assert shown == [True, True, True, True, True, True, True, False]


def _example_f(negative: tuple[int, ...]) -> list[EventFacts]:
    events = [EventFacts(1, date(2024, 1, 2), "client", "moment", "relational")]
    for k in range(8):
        for start, offset, value in ((date(2024, 1, 5), 10, 1), (date(2024, 4, 5), 20, -1 if k in negative else 1)):
            events.append(EventFacts(offset + k, start + timedelta(days=11 * k), "client" if k % 2 else "contractor",
                                     "moment", "relational",
                                     scores=(Score("p_openness", P, 2), Score("s_information", S, value))))
    return events


def test_example_f_over_reliance_needs_system_trust_to_end_below_the_ceiling():
    dip = evaluate(_example_f((2, 6)), date(2024, 6, 30))
    assert dip.codes == []  # 100 → 75: a fall of 25, but 75 is above the ceiling of 65
    flag = evaluate(_example_f((1, 4, 6)), date(2024, 6, 30)).flag("over_reliance")
    ev = flag.evidence
    assert ev["previous"]["system_trust"] == 100.0 and ev["recent"]["system_trust"] == 62.5
    assert ev["system_drop"] == 37.5 and ev["system_trust"] > 50 and flag.severity == "warning"


def test_example_g_third_party():
    events = [EventFacts(1, date(2024, 3, 1), "client", "issue", "contractual", title="Claim: extra piling"),
              EventFacts(2, date(2024, 3, 10), "client", "escalation", "contractual", escalation_level=2,
                         links_to=1),
              EventFacts(3, date(2024, 3, 20), "contractor", "escalation", "contractual", escalation_level=3,
                         links_to=2),
              EventFacts(4, date(2024, 4, 1), "client", "escalation", "contractual", escalation_level=4,
                         links_to=3),
              EventFacts(5, date(2024, 5, 15), "client", "agreement", "relational", links_to=1)]
    series = weekly(events, date(2024, 5, 26))
    shown = [a.as_of for a in series if "third_party" in a.codes]
    assert shown[0] == date(2024, 4, 7) and shown[-1] == date(2024, 5, 12) and len(shown) == 6
    assert all(a.codes == ["third_party"] or a.codes == [] for a in series)  # too young for a surge
    flag = next(a for a in series if a.as_of == date(2024, 4, 7)).flag("third_party")
    chain = flag.evidence["chains"][0]
    assert (chain["level"], chain["since"], chain["days_at_level"]) == (4, "2024-04-01", 6)
    assert chain["event_ids"] == [1, 2, 3, 4] and flag.severity == "alert"
    assert signals_json("X", evaluate(events, date(2024, 5, 1)))["flags"][0]["since"] == "2024-04-07"


def test_silence_without_events_counts_from_the_start_date():
    """§6.5: started 1 March, nothing logged → warning on 12 April, alert on 24 May."""
    start = date(2026, 3, 1)
    assert evaluate([], date(2026, 4, 11), started_on=start).flag("silence") is None
    assert evaluate([], date(2026, 4, 12), started_on=start).flag("silence").severity == "warning"
    assert evaluate([], date(2026, 5, 24), started_on=start).flag("silence").severity == "alert"


def test_example_h_one_event_two_views():
    d = date(2024, 3, 31)
    escalation = EventFacts(1, d, "client", "escalation", "contractual", escalation_level=2,
                            scores=(Score("p_openness", P, -2), Score("s_procedures", S, -1)),
                            other_view=(Score("p_openness", P, 1), Score("s_procedures", S, -1)))
    moment = EventFacts(2, d, "contractor", "moment", "relational", scores=(Score("p_openness", P, 1),))
    f = compute_figures([escalation, moment], d)
    assert (f.events, f.contract_share.value, f.escalations.counts[2]) == (2, 0.5, 1)
    assert (f.personal.value, f.personal.events, f.system.value, f.system.events) == (50.0, 2, 0.0, 1)
    client, contractor = f.by_side[Side.CLIENT], f.by_side[Side.CONTRACTOR]
    assert (client.events, client.personal.value, client.contract_share.value) == (1, 0.0, 1.0)
    assert (contractor.events, contractor.personal.value, contractor.contract_share.value) == (2, 100.0, 0.5)
    separate = [replace(escalation, other_view=None),
                EventFacts(3, d, "contractor", "escalation", "contractual", escalation_level=2, links_to=1,
                           scores=(Score("p_openness", P, 1), Score("s_procedures", S, -1))), moment]
    g = compute_figures(separate, d)
    assert (g.events, round(g.contract_share.value, 3), g.escalations.counts[2]) == (3, 0.667, 2)
