"""Every formula of docs/model.md against hand-computed values."""
from dataclasses import replace

import pytest

from tracker.domain.settings import TrustSettings
from tracker.domain.trust import compute_figures, decay_weight, index_value
from tracker.domain.types import Dimension, EventFacts, Score, Side

from .helpers import day, ev

AS_OF = day(120)


def test_decay_is_one_today_half_at_one_half_life_quarter_at_two():
    assert decay_weight(0) == 1.0
    assert decay_weight(60) == pytest.approx(0.5)
    assert decay_weight(120) == pytest.approx(0.25)
    assert decay_weight(45, 45) == pytest.approx(0.5)


@pytest.mark.parametrize("t,d,expected", [(3, 1, 75.0), (1, 3, 25.0), (2, 0, 100.0),
                                          (0, 2, 0.0), (1, 1, 50.0), (0, 0, None)])
def test_index_formula(t, d, expected):
    assert index_value(t, d) == expected


def test_single_event_today():
    f = compute_figures([ev(120, p_openness=2, s_contract=-1)], AS_OF)
    assert f.personal.value == 100.0 and f.personal.trust == 2.0 and f.personal.distrust == 0.0
    assert f.system.value == 0.0 and f.system.distrust == 1.0
    assert f.personal.events == 1 and f.personal.low_confidence
    assert f.events == 1


def test_trust_and_distrust_are_kept_apart_and_decayed():
    # +2 today (weight 1) and -2 sixty days ago (weight 0.5): T = 2, D = 1.
    f = compute_figures([ev(120, p_integrity=2), ev(60, p_integrity=-2)], AS_OF)
    assert f.personal.trust == pytest.approx(2.0)
    assert f.personal.distrust == pytest.approx(1.0)
    assert f.personal.value == pytest.approx(50 + 50 * 1 / 3)


def test_contract_share_counts_mixed_half():
    events = [ev(120, steering="contractual"), ev(120, steering="mixed"),
              ev(120, steering="relational"), ev(120, steering="relational")]
    assert compute_figures(events, AS_OF).contract_share.value == pytest.approx(1.5 / 4)


def test_contract_share_is_decayed():
    # contractual 60 days ago (weight 0.5), relational today (weight 1): 0.5 / 1.5
    f = compute_figures([ev(60, steering="contractual"), ev(120)], AS_OF)
    assert f.contract_share.value == pytest.approx(1 / 3)
    assert f.contract_share.weight == pytest.approx(1.5)


def test_no_events_gives_none_not_zero():
    f = compute_figures([], AS_OF)
    assert f.personal.value is None and f.system.value is None
    assert f.contract_share.value is None and f.events == 0
    assert f.by_side[Side.CLIENT].events == 0 and f.by_factor == {}
    assert f.last_event_on is None


def test_per_side_figures_are_each_sides_own_view():
    events = [ev(120, side="client", p_openness=2, steering="contractual"),
              ev(120, side="contractor", p_openness=-1)]
    f = compute_figures(events, AS_OF)
    assert f.by_side[Side.CLIENT].personal.value == 100.0
    assert f.by_side[Side.CONTRACTOR].personal.value == 0.0
    assert f.by_side[Side.CLIENT].contract_share.value == 1.0
    assert f.by_side[Side.CONTRACTOR].contract_share.value == 0.0
    assert f.personal.value == pytest.approx(50 + 50 * (2 - 1) / 3)
    assert f.by_side[Side.CLIENT].events == f.by_side[Side.CONTRACTOR].events == 1


def test_per_factor_figures():
    f = compute_figures([ev(120, p_openness=1, p_competence=-1),
                         ev(60, p_openness=-2)], AS_OF)
    assert f.by_factor["p_competence"].value == 0.0
    # openness: T = 1, D = 2 * 0.5 = 1 -> 50
    assert f.by_factor["p_openness"].value == pytest.approx(50.0)
    assert f.by_factor["p_openness"].events == 2
    assert f.personal.events == 2  # events, not scores


def test_zero_score_counts_the_event_but_has_no_value():
    f = compute_figures([ev(120, p_openness=0)], AS_OF)
    assert f.personal.value is None and f.personal.events == 1


def test_dimension_comes_from_the_score_not_the_key():
    custom = Score("x_site_safety", Dimension.SYSTEM, 2)
    e = EventFacts(1, day(120), Side.CLIENT, "moment", "relational", scores=(custom,))
    f = compute_figures([e], AS_OF)
    assert f.system.value == 100.0 and f.personal.value is None
    assert f.by_factor["x_site_safety"].value == 100.0


def test_low_confidence_below_five_events():
    four = [ev(100 + i, p_openness=1) for i in range(4)]
    assert compute_figures(four, AS_OF).personal.low_confidence
    assert not compute_figures(four + [ev(110, p_openness=1)], AS_OF).personal.low_confidence
    settings = TrustSettings(low_confidence_below=3)
    assert not compute_figures(four, AS_OF, settings).personal.low_confidence


def test_retracted_events_are_excluded_everywhere():
    base = [ev(100, p_openness=1), ev(110, steering="mixed", s_contract=1)]
    gone = ev(115, kind="escalation", level=3, steering="contractual", p_openness=-2,
              retracted=True)
    assert compute_figures(base + [gone], AS_OF) == compute_figures(base, AS_OF)


def test_events_after_as_of_are_ignored():
    base = [ev(100, p_openness=1), ev(110, steering="contractual")]
    later = ev(121, p_openness=-2, kind="escalation", level=2)
    f = compute_figures(base + [later], AS_OF)
    assert f == compute_figures(base, AS_OF)
    assert f.last_event_on == day(110)


def test_half_life_setting_changes_decay():
    f = compute_figures([ev(120, p_integrity=1), ev(90, p_integrity=-1)], AS_OF,
                        TrustSettings(half_life_days=30))
    assert f.personal.distrust == pytest.approx(0.5)


class TestEscalationLadder:
    def history(self):
        issue = ev(0, id=1, kind="issue", p_openness=-1)
        up1 = ev(10, id=2, kind="escalation", level=1, links=1)
        up2 = ev(15, id=3, kind="escalation", level=2, links=2)
        done = ev(25, id=4, kind="agreement", links=1)
        quick = ev(0, id=5, kind="issue")
        quick_done = ev(4, id=6, kind="agreement", links=5)
        still_open = ev(20, id=7, kind="issue", level=0)
        return [issue, up1, up2, done, quick, quick_done, still_open]

    def test_days_per_level_follow_the_link_chain(self):
        esc = compute_figures(self.history(), day(30)).escalations
        # issue 1: 10 days at 0, 5 at 1, 10 at 2; issue 5: 4 at 0; issue 7: 10 at 0 (open)
        assert esc.days_at_level[0] == 24 and esc.days_at_level[1] == 5
        assert esc.days_at_level[2] == 10 and esc.days_at_level[3] == 0
        assert esc.mean_days_at_level[0] == pytest.approx(8.0)
        assert esc.mean_days_at_level[2] == 10 and esc.mean_days_at_level[4] is None

    def test_share_resolved_low(self):
        esc = compute_figures(self.history(), day(30)).escalations
        assert (esc.resolved_issues, esc.resolved_low, esc.open_issues) == (2, 1, 1)
        assert esc.resolved_low_share == 0.5

    def test_as_of_cuts_the_chain(self):
        esc = compute_figures(self.history(), day(12)).escalations
        # issue 1: 10 days at 0 and 2 at 1 (open); issue 5: 4 at 0; issue 7 not yet
        assert esc.days_at_level[0] == 14 and esc.days_at_level[1] == 2
        assert esc.resolved_issues == 1 and esc.open_issues == 1
        assert esc.resolved_low_share == 1.0

    def test_rate_per_month_by_level(self):
        events = [ev(n, kind="escalation", level=1) for n in (100, 110, 119)]
        events += [ev(5, kind="escalation", level=3)]
        esc = compute_figures(events, AS_OF).escalations
        assert esc.per_month[1] == pytest.approx(1.0)  # 3 in 90 days = 1 per 30-day month
        assert esc.per_month[3] == 0 and esc.counts[3] == 1 and esc.counts[1] == 3
        assert esc.per_month_total == pytest.approx(1.0)

    def test_unlinked_escalation_starts_its_own_chain(self):
        events = [ev(0, id=1, kind="escalation", level=2, links=999),
                  ev(6, id=2, kind="agreement", links=1)]
        esc = compute_figures(events, day(10)).escalations
        assert esc.days_at_level[2] == 6 and esc.resolved_low_share == 0.0

    def test_forward_links_do_not_count(self):
        events = [ev(0, id=1, kind="escalation", level=2, links=2), ev(5, id=2, kind="issue")]
        esc = compute_figures(events, day(10)).escalations
        assert esc.open_issues == 2 and esc.days_at_level[2] == 10
        assert esc.days_at_level[0] == 5

    def test_nothing_resolved_gives_none(self):
        esc = compute_figures([ev(0, kind="issue")], day(3)).escalations
        assert esc.resolved_low_share is None and esc.days_at_level[0] == 3


def test_event_facts_validation_and_coercion():
    e = EventFacts(1, day(0), "contractor", "issue", "mixed")
    assert e.side is Side.CONTRACTOR and e.contract_weight == 0.5
    with pytest.raises(ValueError):
        Score("p_openness", Dimension.PERSONAL, 3)
    with pytest.raises(ValueError):
        Score("p_openness", Dimension.PERSONAL, True)
    with pytest.raises(ValueError):
        EventFacts(1, day(0), "client", "escalation", "mixed")
    with pytest.raises(ValueError):
        EventFacts(1, day(0), "client", "issue", "mixed", escalation_level=7)
    with pytest.raises(ValueError):
        EventFacts(1, day(0), "nobody", "issue", "mixed")
    assert replace(e, retracted=True).retracted
