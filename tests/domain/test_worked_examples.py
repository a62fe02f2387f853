"""The worked examples of docs/model.md, so the page stays true."""
from datetime import date

import pytest

from tracker.domain.trust import compute_figures, evaluate, weekly
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
            e(12, date(2024, 6, 29), "relational", 1)]


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
    assert a.codes == ["escalation_surge"] and a.flags[0].severity == "warning"


def test_silence_without_events_counts_from_the_start_date():
    """§6.5: started 1 March, nothing logged → warning on 12 April, alert on 24 May."""
    start = date(2026, 3, 1)
    assert evaluate([], date(2026, 4, 11), started_on=start).flag("silence") is None
    assert evaluate([], date(2026, 4, 12), started_on=start).flag("silence").severity == "warning"
    assert evaluate([], date(2026, 5, 24), started_on=start).flag("silence").severity == "alert"
