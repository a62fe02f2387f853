"""`flask tracker ladder / set-ladder / open-issues / actions`: the JSON contracts and bad input."""
import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.factories import add_member, make_event, make_project, make_user
from tracker.extensions import db
from tracker.models import LadderVersion

TODAY = date.today()


def _versions() -> int:
    db.session.commit()
    return db.session.scalar(select(func.count()).select_from(LadderVersion))


@pytest.fixture
def project(app):
    project = make_project("LAD", start_date=TODAY - timedelta(days=100))
    user = make_user()
    add_member(project, user, "client", "manager")
    issue = make_event(project, user, occurred_on=TODAY - timedelta(days=20), kind="issue",
                       escalation_level=1, title="Kabels en leidingen")
    make_event(project, user, occurred_on=TODAY - timedelta(days=8), kind="escalation", escalation_level=2,
               links_to_id=issue.id, title="Naar de directeuren")
    return project, issue


def _write(tmp_path, data, name="ladder.json") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def test_print_edit_and_set_the_ladder_round_trip(runner, project, tmp_path):
    printed = json.loads(runner.invoke(args=["tracker", "ladder", "LAD"]).output)
    assert printed["agreed_on"] is None and len(printed["levels"]) == 7
    assert set(printed["levels"][0]) == {"level", "name", "client", "contractor", "time_box_days"}
    printed["levels"][2]["time_box_days"] = 5
    printed["levels"][2]["client"] = "Afdelingshoofd"
    printed["agreed_on"] = (TODAY - timedelta(days=30)).isoformat()
    result = runner.invoke(args=["tracker", "set-ladder", "LAD", _write(tmp_path, printed)])
    assert result.exit_code == 0, result.output
    again = json.loads(runner.invoke(args=["tracker", "ladder", "LAD"]).output)
    assert again["agreed_on"] == printed["agreed_on"] and again["levels"][2]["time_box_days"] == 5
    assert again["levels"][2]["client"] == "Afdelingshoofd" and again["levels"][2]["name"] == "Tactical"


def test_open_issues_json_with_the_clock_and_as_of(runner, project, tmp_path):
    _, issue = project
    rows = json.loads(runner.invoke(args=["tracker", "open-issues", "LAD"]).output)
    assert rows == [{"event": issue.id, "title": "Kabels en leidingen", "level": 2,
                     "since": (TODAY - timedelta(days=8)).isoformat(), "days_at_level": 8,
                     "time_box_days": None, "overdue": False}]
    data = {"levels": [{"level": lv, "time_box_days": 5 if lv == 2 else None} for lv in range(7)],
            "agreed_on": (TODAY - timedelta(days=60)).isoformat()}
    assert runner.invoke(args=["tracker", "set-ladder", "LAD", _write(tmp_path, data)]).exit_code == 0
    [row] = json.loads(runner.invoke(args=["tracker", "open-issues", "LAD"]).output)
    assert row["overdue"] is True and row["time_box_days"] == 5
    earlier = (TODAY - timedelta(days=10)).isoformat()
    [row] = json.loads(runner.invoke(args=["tracker", "open-issues", "LAD", "--as-of", earlier]).output)
    assert row["level"] == 1 and row["days_at_level"] == 10
    signals = json.loads(runner.invoke(args=["tracker", "signals", "LAD"]).output)
    assert "time_box_exceeded" in [f["code"] for f in signals["flags"]]


@pytest.mark.parametrize("content, message", [
    ("{not json", "not valid UTF-8 JSON"),
    ([1, 2], "one JSON object"),
    ({"levels": [{"level": 0}]}, "missing level(s) 1, 2, 3, 4, 5, 6"),
    ({"levels": [{"level": lv, "time_box_days": -1} for lv in range(7)]}, "levels[0].time_box_days"),
    ({"levels": [{"level": lv} for lv in range(7)], "agreed_on": "yesterday"}, "agreed_on"),
    ({"levels": [{"level": lv} for lv in range(7)], "agreed_on": "2999-01-01"}, "future"),
    ({"levels": [{"level": lv} for lv in range(7)], "project": "OTHER"}, "for project 'OTHER'"),
])
def test_set_ladder_refuses_bad_files_and_writes_nothing(runner, project, tmp_path, content, message):
    result = runner.invoke(args=["tracker", "set-ladder", "LAD", _write(tmp_path, content)])
    assert result.exit_code == 1 and message in result.output, result.output
    assert _versions() == 0


def test_set_ladder_missing_file_unknown_project_and_bad_dates(runner, project, tmp_path):
    assert runner.invoke(args=["tracker", "set-ladder", "LAD", str(tmp_path / "none.json")]).exit_code == 1
    data = _write(tmp_path, {"levels": [{"level": lv} for lv in range(7)]})
    result = runner.invoke(args=["tracker", "set-ladder", "NOPE", data])
    assert result.exit_code == 1 and "No project" in result.output
    assert runner.invoke(args=["tracker", "open-issues", "LAD", "--as-of", "soon"]).exit_code == 2
    assert runner.invoke(args=["tracker", "ladder", "NOPE"]).exit_code == 1
    assert _versions() == 0


def test_actions_json(runner, project):
    from tracker.services.access import project_access
    from tracker.services.actions.records import ActionInput, create_action

    coach = make_user(name="Coach Ada")
    add_member(project[0], coach, "coach", "member")
    create_action(project_access(coach, "LAD"), coach,
                  ActionInput(title="Feitenlijst", owner_id=coach.id, due_on=TODAY + timedelta(days=7),
                              signal="time_box_exceeded"))
    [row] = json.loads(runner.invoke(args=["tracker", "actions", "LAD"]).output)
    assert row["title"] == "Feitenlijst" and row["owner"] == "Coach Ada" and row["status"] == "open"
    assert row["signal"] == "time_box_exceeded" and row["closed_on"] is None
    assert runner.invoke(args=["tracker", "actions", "NOPE"]).exit_code == 1
