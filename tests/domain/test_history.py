"""The one-pass trust history equals the separate computations it replaces."""
from datetime import timedelta

import pytest

from tests.domain.helpers import D0, day, ev, phase
from tracker.domain.escalation import resolutions
from tracker.domain.history import TrendPoint, trust_history
from tracker.domain.settings import TrustSettings
from tracker.domain.trust import compute_figures, evaluate, weekly

SETTINGS = TrustSettings()


def story():
    """Half a year of calm work, then a hardening quarter with escalations (crowding_out fires)."""
    calm = phase(0, 182, 3, p_openness=1, s_procedures=1)
    hard = phase(182, 91, 2, steering="contractual", p_openness=-2, p_benevolence=-1, s_procedures=1)
    issue = ev(200, kind="issue", id=1)
    raised = ev(210, kind="escalation", level=3, links=1, id=2)
    agreed = ev(240, kind="agreement", links=2, id=3)
    return calm + hard + [issue, raised, agreed]


def same(a, b):
    """Equal up to float rounding (the one pass rolls its sums week by week)."""
    return a == pytest.approx(b) if a is not None and b is not None else a is b


def test_every_weekly_point_equals_the_weekly_figures_and_current_equals_evaluate():
    events, as_of = story(), day(273)
    computed = trust_history(events, as_of, SETTINGS)
    expected = weekly(events, as_of, SETTINGS)
    assert [p.as_of for p in computed.series] == [a.as_of for a in expected]
    for point, assessment in zip(computed.series, expected):
        reference = TrendPoint.from_figures(assessment.as_of, assessment.figures)
        for key, (value, count) in reference.values.items():
            got, got_count = point.get(*key)
            assert got_count == count and same(got, value), (point.as_of, key)
    direct = evaluate(events, as_of, SETTINGS)
    assert computed.current.codes == direct.codes == expected[-1].codes
    assert "crowding_out" in computed.current.codes
    assert same(computed.current.figures.personal.value, direct.figures.personal.value)


def test_the_figures_thirty_days_earlier_and_the_escalation_counts():
    events, as_of = story(), day(230)
    computed = trust_history(events, as_of, SETTINGS, change_days=30)
    earlier = compute_figures(events, as_of - timedelta(days=30), SETTINGS)
    assert computed.previous.events == earlier.events
    assert same(computed.previous.personal.value, earlier.personal.value)
    assert (computed.escalations_recent, computed.escalations_before) == (1, 0)  # day 210 in (200, 230]


def test_evidence_holds_exactly_the_events_behind_the_flags():
    events = story()
    computed = trust_history(events, day(273), SETTINGS)
    wanted = {i for flag in computed.current.flags for i in flag.evidence.get("event_ids", ())}
    assert wanted and set(computed.evidence) == wanted


def test_a_chain_is_resolved_by_an_agreement_anywhere_along_it():
    computed = trust_history(story(), day(273), SETTINGS)
    assert computed.resolved == ((day(240), 40),)  # from the issue (day 200), not from the escalation
    assert resolutions([]) == []


def test_no_events_gives_no_points_and_events_after_the_date_are_ignored():
    empty = trust_history([], D0, SETTINGS, started_on=D0 - timedelta(days=60))
    assert empty.series == [] and empty.first_event_on is None and "silence" in empty.current.codes
    later = trust_history([ev(10, p_openness=1)], day(5), SETTINGS)
    assert later.current.figures.events == 0 and later.series == []


def _recovery_story():
    """The hardening story followed by a calm quarter, so crowding_out is raised and then clears."""
    calm = phase(273, 120, 2, p_openness=2, p_benevolence=1, s_procedures=1)
    return story() + calm


def test_signal_changes_are_exactly_the_weekly_raises_and_clears():
    events, as_of = _recovery_story(), day(393)
    computed = trust_history(events, as_of, SETTINGS)
    expected, shown = [], set()
    for assessment in weekly(events, as_of, SETTINGS):
        now = {f.code: f for f in assessment.flags}
        expected += [(assessment.as_of, code, True) for code in now if code not in shown]
        expected += [(assessment.as_of, code, False) for code in shown if code not in now]
        shown = set(now)
    got = [(c.on, c.code, c.raised) for c in computed.changes]
    assert sorted(got) == sorted(expected)
    assert ("crowding_out", True) in {(c, r) for _d, c, r in got}
    assert ("crowding_out", False) in {(c, r) for _d, c, r in got}


def test_a_raise_keeps_the_flag_and_the_events_behind_it_as_raised():
    events, as_of = _recovery_story(), day(393)
    computed = trust_history(events, as_of, SETTINGS)
    by_id = {e.id: e for e in events}
    for change in computed.changes:
        if not change.raised:
            assert change.flag is None and change.events == ()
            continue
        assert change.flag.code == change.code and change.flag.since == change.on
        ids = [e.id for e in change.events]
        assert sorted(ids) == sorted(change.flag.evidence.get("event_ids", []))
        assert all(by_id[i].occurred_on <= change.on for i in ids)
