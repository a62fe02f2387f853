"""The open-issues register and its clock: level changes, resolution, lowering, as-of dates and boxes."""
from datetime import date

from tracker.domain import trust
from tracker.domain.clock import register
from tracker.domain.ladder import LadderHistory, default_ladder
from tests.domain.helpers import day, ev


def boxes(agreed: int, **per_level: int | None) -> LadderHistory:
    """A ladder history with one version agreed on day ``agreed`` with boxes level_N=days."""
    ladder = default_ladder(boxes={int(k.split("_")[1]): v for k, v in per_level.items()})
    return LadderHistory().with_version(ladder, day(agreed))


def test_an_issue_counts_days_at_its_level_against_the_box():
    issue = ev(10, id=1, kind="issue", level=1)
    [row] = register([issue], day(20), boxes(0, level_1=14))
    assert (row.event, row.level, row.since, row.days_at_level) == (1, 1, day(10), 10)
    assert (row.time_box_days, row.days_left, row.overdue) == (14, 4, False)
    [row] = register([issue], day(25), boxes(0, level_1=14))
    assert (row.days_left, row.overdue, row.days_over) == (-1, True, 1)


def test_an_escalation_restarts_the_clock_at_the_new_level():
    events = [ev(0, id=1, kind="issue", level=1), ev(12, id=2, kind="escalation", level=2, links=1)]
    ladder = boxes(0, level_1=10, level_2=30)
    assert register(events[:1], day(12), ladder)[0].overdue  # before the escalation it was late
    [row] = register(events, day(20), ladder)
    assert (row.level, row.since, row.days_at_level, row.days_left) == (2, day(12), 8, 22)


def test_a_resolved_issue_leaves_the_register():
    events = [ev(0, id=1, kind="issue", level=1), ev(5, id=2, kind="escalation", level=2, links=1),
              ev(9, id=3, kind="agreement", links=2)]
    assert register(events, day(8)) and not register(events, day(9))


def test_an_agreement_that_names_a_lower_level_lowers_the_issue_and_shows_in_its_history():
    events = [ev(0, id=1, kind="issue", level=1), ev(5, id=2, kind="escalation", level=3, links=1),
              ev(9, id=3, kind="agreement", level=1, links=2)]
    [row] = register(events, day(20), boxes(0, level_1=5, level_3=3))
    assert (row.level, row.since, row.days_at_level, row.days_left) == (1, day(9), 11, -6)
    assert [(s.action, s.level) for s in row.steps] == [("open", 1), ("raise", 3), ("lower", 1)]
    assert [s.is_deescalation for s in row.steps] == [False, False, True]


def test_an_agreement_at_or_above_the_current_level_resolves_it():
    events = [ev(0, id=1, kind="issue", level=2), ev(3, id=2, kind="agreement", level=2, links=1)]
    assert register(events, day(10)) == []


def test_the_register_is_as_of_a_date_and_ignores_retracted_and_later_events():
    events = [ev(0, id=1, kind="issue", level=1), ev(30, id=2, kind="agreement", links=1),
              ev(2, id=3, kind="issue", level=1, retracted=True)]
    assert [r.event for r in register(events, day(10))] == [1]
    assert register(events, day(30)) == []
    assert register(events, day(-1)) == []


def test_issues_without_a_box_have_no_clock_and_are_never_overdue():
    events = [ev(0, id=1, kind="issue", level=0), ev(1, id=2, kind="issue", level=1)]
    rows = register(events, day(400), boxes(0, level_1=10))
    by_id = {r.event: r for r in rows}
    assert by_id[1].time_box_days is None and by_id[1].days_left is None and not by_id[1].overdue
    assert by_id[2].overdue
    assert [r.event for r in rows] == [2, 1]  # boxed and late first
    assert not any(r.overdue for r in register(events, day(400)))  # the default ladder has no boxes


def test_a_box_counts_from_when_it_was_agreed_not_from_before():
    events = [ev(0, id=1, kind="issue", level=1)]
    ladder = boxes(50, level_1=10)
    assert register(events, day(49), ladder)[0].time_box_days is None  # not agreed yet
    [row] = register(events, day(55), ladder)
    assert (row.days_at_level, row.due_on, row.overdue) == (55, day(60), False)
    # a later version with the same box keeps the clock; a changed box restarts it
    same = ladder.with_version(default_ladder(boxes={1: 10}), day(58))
    assert register(events, day(61), same)[0].due_on == day(60)
    changed = ladder.with_version(default_ladder(boxes={1: 20}), day(58))
    assert register(events, day(61), changed)[0].due_on == day(78)


def test_json_shape():
    [row] = register([ev(3, id=7, kind="issue", level=1)], day(10), boxes(0, level_1=5))
    assert row.to_json() == {"event": 7, "title": "#7", "level": 1, "since": day(3).isoformat(),
                             "days_at_level": 7, "time_box_days": 5, "overdue": True}


def test_time_box_exceeded_is_raised_late_issues_warns_then_alerts_and_clears_on_resolution():
    events = [ev(0, id=1, kind="issue", level=1), ev(1, kind="moment", p_openness=1)]
    ladder = boxes(0, level_1=10)
    assert trust.evaluate(events, day(9), ladder=ladder).flag("time_box_exceeded") is None
    flag = trust.evaluate(events, day(15), ladder=ladder).flag("time_box_exceeded")
    assert flag.severity == "warning" and flag.evidence["chains"][0]["days_over"] == 5
    assert flag.evidence["event_ids"] == [1] and "take_up_one_rung" in flag.interventions
    assert flag.since is not None and "10" in flag.message["en"]
    assert trust.evaluate(events, day(25), ladder=ladder).flag("time_box_exceeded").severity == "alert"
    solved = events + [ev(26, kind="agreement", links=1)]
    assert trust.evaluate(solved, day(35), ladder=ladder).flag("time_box_exceeded") is None
    assert trust.evaluate(events, day(25)).flag("time_box_exceeded") is None  # no agreed box


def test_lowering_stops_a_third_party_flag_but_keeps_the_issue_open():
    events = [ev(0, id=1, kind="issue", level=1), ev(5, id=2, kind="escalation", level=4, links=1),
              ev(20, id=3, kind="agreement", level=2, links=2)]
    assert "third_party" in trust.evaluate(events, day(19)).codes
    later = trust.evaluate(events, day(40))
    assert "third_party" not in later.codes
    assert later.figures.escalations.open_issues == 1
    assert date(2024, 1, 1) == day(0)


def test_the_history_names_the_agreements_that_brought_an_issue_down():
    from tracker.domain.history import trust_history
    from tracker.domain.settings import TrustSettings

    events = [ev(0, id=1, kind="issue", level=1), ev(5, id=2, kind="escalation", level=3, links=1),
              ev(9, id=3, kind="agreement", level=1, links=2), ev(12, id=4, kind="agreement", links=1),
              ev(13, id=5, kind="issue", level=0), ev(14, id=6, kind="agreement", links=5)]
    history = trust_history(events, day(20), TrustSettings())
    assert history.deescalations == {3, 4}  # lowered, then settled from level 1; not the level-0 one
