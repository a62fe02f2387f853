"""API reads of the ladder, the open-issues register, actions and the signal log: the command
line's shapes, the same access rules, and what the document promises."""
from datetime import date

from tests.api.conftest import bearer
from tests.factories import make_event
from tracker.extensions import db
from tracker.models import Action, ActionStatus, SignalChange
from tracker.services.actions.queries import actions_json
from tracker.services.ladder.queries import ladder_json
from tracker.services.ladder.register import open_issues_json


def test_ladder_open_issues_and_actions_are_the_command_lines_json(app, client, world):
    a, manager = world["a"], world["users"]["client_manager"]
    make_event(a, manager, kind="escalation", escalation_level=2, title="Naar de directie",
               links_to_id=world["event_a"], occurred_on=date(2025, 3, 5))
    db.session.add(Action(project_id=a.id, title="Tijdlijn", owner_id=manager.id, due_on=date(2025, 4, 1),
                          status=ActionStatus.OPEN, created_on=date(2025, 3, 6)))
    db.session.commit()
    headers = bearer(world["users"]["coach"], write=False)
    ladder = client.get("/api/v1/projects/AAA/ladder?lang=nl", headers=headers)
    assert ladder.status_code == 200 and ladder.json == ladder_json(a, None, "nl")
    assert [lv["level"] for lv in ladder.json["levels"]] == list(range(7))
    issues = client.get("/api/v1/projects/AAA/open-issues?asOf=2025-03-20", headers=headers)
    assert issues.json == {"items": open_issues_json(a, date(2025, 3, 20))}
    (issue,) = issues.json["items"]
    assert issue["event"] == world["event_a"] and issue["level"] == 2 and issue["since"] == "2025-03-05"
    actions = client.get("/api/v1/projects/AAA/actions", headers=headers)
    assert actions.json == {"items": actions_json(a)} and actions.json["items"][0]["title"] == "Tijdlijn"
    assert actions.headers["API-Version"]


def test_the_signal_log_lists_changes_newest_first_without_the_starting_state(app, client, world):
    a = world["a"]
    db.session.add_all([
        SignalChange(project_id=a.id, code="silence", severity="warning", change="raised",
                     on_date=date(2025, 1, 6), baseline=True),
        SignalChange(project_id=a.id, code="silence", severity="warning", change="cleared", on_date=date(2025, 2, 3)),
        SignalChange(project_id=a.id, code="third_party", severity="alert", change="raised", on_date=date(2025, 3, 3)),
    ])
    db.session.commit()
    response = client.get("/api/v1/projects/AAA/signal-changes", headers=bearer(world["users"]["client_member"]))
    assert response.status_code == 200
    assert response.json == {"items": [
        {"code": "third_party", "severity": "alert", "change": "raised", "on": "2025-03-03"},
        {"code": "silence", "severity": "warning", "change": "cleared", "on": "2025-02-03"}]}


def test_someone_elses_project_gets_404_and_no_token_401(app, client, world):
    for path in ("ladder", "open-issues", "actions", "signal-changes"):
        outsider = client.get(f"/api/v1/projects/AAA/{path}", headers=bearer(world["users"]["outsider"]))
        assert outsider.status_code == 404 and outsider.content_type == "application/problem+json"
        anonymous = client.get(f"/api/v1/projects/AAA/{path}")
        assert anonymous.status_code == 401 and "Bearer" in anonymous.headers["WWW-Authenticate"]
    bad = client.get("/api/v1/projects/AAA/open-issues?asOf=tomorrow", headers=bearer(world["users"]["coach"]))
    assert bad.status_code == 400 and bad.json["invalid-params"][0]["name"] == "asOf"
