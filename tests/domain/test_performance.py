"""Cost ratios of the trust maths (absolute timings live in bench/): not O(weeks × events)."""
import random
import time
from datetime import timedelta

from tracker.domain.trust import evaluate, weekly
from tracker.domain.types import Dimension, EventFacts, Score

from .helpers import D0, day


def _history(n: int, span_days: int = 730) -> list[EventFacts]:
    rnd = random.Random(20240101)
    factors = [("p_openness", Dimension.PERSONAL), ("p_integrity", Dimension.PERSONAL),
               ("s_contract", Dimension.SYSTEM), ("s_finance", Dimension.SYSTEM)]
    events = []
    for i in range(1, n + 1):
        kind = rnd.choice(["issue", "escalation", "agreement", "moment", "moment"])
        scores = tuple(Score(f, d, rnd.randint(-2, 2)) for f, d in rnd.sample(factors, 2))
        events.append(EventFacts(
            id=i, occurred_on=D0 + timedelta(days=rnd.randrange(span_days)),
            side=rnd.choice(["client", "contractor"]), kind=kind,
            steering=rnd.choice(["relational", "contractual", "mixed"]),
            escalation_level=rnd.randint(0, 6) if kind == "escalation" else None,
            scores=scores, links_to=rnd.randint(1, i) if kind in ("escalation", "agreement") else None))
    return events


def _timed(fn, *args, repeat: int = 3) -> float:
    """Best CPU time of a few runs: other processes on a shared machine do not count."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn(*args)
        best = min(best, time.process_time() - start)
    return best


def test_evaluate_grows_about_linearly_with_the_events():
    """Four times the events (over the same two years) may cost at most ~8× (O(n log n), not O(n²))."""
    small, large = _history(2_500), _history(10_000)
    assert _timed(evaluate, large, day(730)) < 8 * _timed(evaluate, small, day(730)) + 0.05


def test_the_weekly_series_costs_far_less_than_one_evaluation_per_week():
    """105 weekly points reuse one sort and rolling sums: a few evaluations' worth, not 105."""
    events = _history(10_000)
    assert _timed(weekly, events, day(730)) < 10 * _timed(evaluate, events, day(730)) + 0.05
