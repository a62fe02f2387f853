"""`flask tracker signals`: the signals JSON contract."""
import json
from datetime import date, timedelta

from tests.factories import add_member, make_event, make_project, make_user


def _project_with_events():
    project = make_project("SIG")
    user = make_user()
    add_member(project, user, "client", "manager")
    start = date.today() - timedelta(days=60)
    for i in range(6):
        make_event(project, user, occurred_on=start + timedelta(days=7 * i),
                   scores={"p_competence": 2, "s_contract": -1}, title=f"Overleg {i}")
    return project


def test_signals_json_shape(runner):
    _project_with_events()
    result = runner.invoke(args=["tracker", "signals", "SIG"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["project"] == "SIG"
    assert data["as_of"] == date.today().isoformat()
    assert data["events"] == 6
    assert data["personal_trust"] == 100.0
    assert data["system_trust"] == 0.0
    assert data["contract_share"] == 0.0
    assert set(data["by_side"]) == {"client", "contractor"}
    assert data["by_side"]["contractor"]["events"] == 0
    assert isinstance(data["flags"], list)


def test_signals_as_of_and_weekly(runner):
    _project_with_events()
    as_of = date.today() - timedelta(days=30)
    single = json.loads(runner.invoke(args=["tracker", "signals", "SIG", "--as-of", as_of.isoformat()]).output)
    assert single["as_of"] == as_of.isoformat()
    assert single["events"] < 6
    weekly = json.loads(runner.invoke(args=["tracker", "signals", "SIG", "--weekly"]).output)
    assert isinstance(weekly, list) and len(weekly) >= 9
    assert weekly[-1]["as_of"] == date.today().isoformat()
    assert [w["as_of"] for w in weekly] == sorted(w["as_of"] for w in weekly)


def test_signals_bad_input(runner):
    _project_with_events()
    unknown = runner.invoke(args=["tracker", "signals", "NOPE"])
    assert unknown.exit_code != 0 and "No project" in unknown.output
    bad_date = runner.invoke(args=["tracker", "signals", "SIG", "--as-of", "2025-13-40"])
    assert bad_date.exit_code != 0 and "YYYY-MM-DD" in bad_date.output
