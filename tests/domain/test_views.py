"""One event, two views: the other party's scores count for its side and overall, the event once."""
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.history import TrendPoint, trust_history
from tracker.domain.settings import TrustSettings
from tracker.domain.trust import compute_figures, evaluate, weekly
from tracker.domain.types import Side

from .helpers import day, ev, score
from .test_properties import FAST, history_st, scores_st


def with_views(events, chosen, scores):
    """``events`` where the ones picked by ``chosen`` carry the other party's view."""
    return [replace(e, other_view=s) if pick else e for e, pick, s in zip(events, chosen, scores)]


views_st = history_st().flatmap(lambda events: st.tuples(
    st.just(events), st.lists(st.booleans(), min_size=len(events), max_size=len(events)),
    st.lists(scores_st, min_size=len(events), max_size=len(events))))


@FAST
@given(views_st)
def test_a_view_never_changes_what_counts_once(data):
    events, chosen, scores = data
    plain = compute_figures(events, day(400))
    viewed = compute_figures(with_views(events, chosen, scores), day(400))
    assert viewed.events == plain.events
    assert viewed.escalations.counts == plain.escalations.counts
    assert viewed.escalations.open_issues == plain.escalations.open_issues
    assert viewed.contract_share.value == plain.contract_share.value
    for side in Side:
        assert viewed.by_side[side].events >= plain.by_side[side].events
    both = sum(1 for e, pick in zip(events, chosen) if pick and not e.retracted and e.occurred_on <= day(400))
    assert sum(viewed.by_side[side].events for side in Side) == plain.events + both


@FAST
@given(views_st)
def test_the_one_pass_history_and_the_weekly_walk_agree_with_views(data):
    events = with_views(*data)
    as_of = day(300)
    computed = trust_history(events, as_of, TrustSettings())
    expected = weekly(events, as_of)
    assert computed.current.codes == evaluate(events, as_of).codes == (expected[-1].codes if expected else [])
    for point, assessment in zip(computed.series, expected):
        reference = TrendPoint.from_figures(assessment.as_of, assessment.figures)
        for key, (value, count) in reference.values.items():
            got, got_count = point.get(*key)
            assert got_count == count
            assert (got is None) == (value is None) and (got is None or abs(got - value) < 1e-6)


def test_a_view_without_scores_counts_the_event_for_that_side_only():
    event = ev(0, side="client", steering="contractual", p_openness=1)
    f = compute_figures([replace(event, other_view=())], day(0))
    contractor = f.by_side[Side.CONTRACTOR]
    assert (f.events, contractor.events, contractor.contract_share.value) == (1, 1, 1.0)
    assert contractor.personal.value is None and f.personal.value == 100.0


def test_the_other_view_feeds_the_perception_gap():
    """Nine escalations logged by the client; the contractor sees each of them far more mildly."""
    events = [ev(n, side="client", kind="escalation", level=1, p_openness=-2) for n in range(0, 60, 7)]
    assert evaluate(events, day(60)).flag("perception_gap") is None  # one view: nothing to compare
    viewed = [replace(e, other_view=(score("p_openness", 1),)) for e in events]
    flag = evaluate(viewed, day(60)).flag("perception_gap")
    gap = flag.evidence["gaps"]["personal"]
    assert (gap["client"], gap["contractor"], gap["difference"]) == (0.0, 100.0, -100.0)
    assert flag.severity == "alert"
