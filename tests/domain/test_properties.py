"""Properties that must hold for any event history (hypothesis)."""
from dataclasses import replace
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.domain.trust import compute_figures, evaluate, weekly
from tracker.domain.types import Dimension, EventFacts, Score

from .helpers import D0, day

FACTORS = [("p_openness", Dimension.PERSONAL), ("p_integrity", Dimension.PERSONAL),
           ("s_contract", Dimension.SYSTEM), ("x_custom", Dimension.SYSTEM)]
AS_OF = day(400)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scores_st = st.lists(st.tuples(st.sampled_from(FACTORS), st.integers(-2, 2)), max_size=3).map(
    lambda items: tuple(Score(f, d, v) for (f, d), v in items))


KINDS = ["issue", "escalation", "agreement", "moment"]

raw_event_st = st.tuples(
    st.integers(0, 420),                                   # day offset
    st.sampled_from(["client", "contractor"]),
    st.sampled_from(KINDS),
    st.sampled_from(["relational", "contractual", "mixed"]),
    st.integers(0, 6),                                     # escalation level
    scores_st,
    st.none() | st.integers(1, 40),                        # links_to
    st.integers(0, 9),                                     # retracted when 0
)


def _event(id: int, raw: tuple) -> EventFacts:
    offset, side, kind, steering, level, scores, links, r = raw
    return EventFacts(id=id, occurred_on=D0 + timedelta(days=offset), side=side, kind=kind,
                      steering=steering, escalation_level=level if kind != "moment" else None,
                      scores=scores, links_to=links, retracted=r == 0)


def event_st(id: int) -> st.SearchStrategy[EventFacts]:
    return raw_event_st.map(lambda raw: _event(id, raw))


def history_st(max_size: int = 40) -> st.SearchStrategy[list[EventFacts]]:
    return st.lists(raw_event_st, max_size=max_size).map(
        lambda raws: [_event(i + 1, raw) for i, raw in enumerate(raws)])


def _all_indices(f):
    yield f.personal
    yield f.system
    for side in f.by_side.values():
        yield side.personal
        yield side.system
    yield from f.by_factor.values()


@FAST
@given(history_st())
def test_indices_stay_within_0_and_100(events):
    f = compute_figures(events, AS_OF)
    for fig in _all_indices(f):
        assert fig.value is None or 0.0 <= fig.value <= 100.0
        assert fig.trust >= 0 and fig.distrust >= 0
    for share in [f.contract_share] + [s.contract_share for s in f.by_side.values()]:
        assert share.value is None or 0.0 <= share.value <= 1.0
    esc = f.escalations
    assert esc.resolved_low_share is None or 0 <= esc.resolved_low_share <= 1
    assert all(v >= 0 for v in esc.days_at_level.values())


@FAST
@given(history_st(), st.integers(0, 400), st.integers(-2, -1), st.sampled_from(["client", "contractor"]))
def test_adding_a_negative_personal_score_never_raises_personal_trust(events, offset, value, side):
    before = compute_figures(events, AS_OF)
    extra = EventFacts(id=999, occurred_on=day(offset), side=side, kind="moment",
                       steering="relational",
                       scores=(Score("p_openness", Dimension.PERSONAL, value),))
    after = compute_figures(events + [extra], AS_OF)
    if before.personal.value is not None:
        assert after.personal.value <= before.personal.value + 1e-9
    if before.by_side[side].personal.value is not None:
        assert after.by_side[side].personal.value <= before.by_side[side].personal.value + 1e-9
    assert after.system == before.system


@FAST
@given(history_st(), st.randoms(use_true_random=False))
def test_input_order_does_not_matter(events, rnd):
    shuffled = list(events)
    rnd.shuffle(shuffled)
    assert compute_figures(shuffled, AS_OF) == compute_figures(events, AS_OF)
    assert evaluate(shuffled, AS_OF).codes == evaluate(events, AS_OF).codes


@FAST
@given(history_st(), event_st(500))
def test_retracting_an_event_restores_the_previous_figures(events, extra):
    extra = replace(extra, retracted=False)
    retracted = replace(extra, retracted=True)
    assert compute_figures(events + [retracted], AS_OF) == compute_figures(events, AS_OF)
    assert evaluate(events + [retracted], AS_OF) == evaluate(events, AS_OF)


@FAST
@given(history_st(), st.integers(0, 420))
def test_future_events_make_no_difference(events, offset):
    as_of = day(offset)
    past = [e for e in events if e.occurred_on <= as_of]
    assert compute_figures(events, as_of) == compute_figures(past, as_of)


@settings(max_examples=25, deadline=None)
@given(history_st(max_size=25), st.integers(0, 420))
def test_weekly_ends_with_evaluate(events, offset):
    as_of = day(offset)
    series = weekly(events, as_of)
    single = evaluate(events, as_of)
    if not series:
        assert single.flags == []
        return
    last = series[-1]
    assert last.as_of == as_of and last.codes == single.codes
    for a, b in ((last.figures.personal, single.figures.personal),
                 (last.figures.system, single.figures.system)):
        assert (a.value is None) == (b.value is None)
        assert a.value is None or abs(a.value - b.value) < 1e-6


@FAST
@given(history_st())
def test_only_positive_personal_scores_never_crowd_out(events):
    positive = [replace(e, scores=tuple(s for s in e.scores
                                        if s.dimension is not Dimension.PERSONAL or s.value > 0))
                for e in events]
    assert "crowding_out" not in evaluate(positive, AS_OF).codes
