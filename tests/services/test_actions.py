"""Actions: who creates and follows them up, the status rules, bad input, the read functions and
the migration of the old intervention records."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, text

from tests.factories import add_member, make_event, make_project, make_user
from tracker import create_app
from tracker.extensions import db
from tracker.models import Action
from tracker.services.access import project_access
from tracker.services.actions.effect import by_intervention, effect
from tracker.services.actions.queries import (actions_json, due_or_overdue, get_action, list_actions,
                                              open_counts)
from tracker.services.actions.records import TEXT_MAX, ActionInput, create_action, update_action
from tracker.services.errors import Forbidden, NotFound, ValidationFailed

TODAY = date.today()


@pytest.fixture
def seats(app):
    """A project with a coach, a manager on each side and a client member."""
    project = make_project(start_date=TODAY - timedelta(days=300))
    people = {}
    for key, side, role in (("coach", "coach", "member"), ("client", "client", "manager"),
                            ("contractor", "contractor", "manager"), ("member", "client", "member")):
        people[key] = make_user(name=f"{key.title()} Jansen")
        add_member(project, people[key], side, role)
    return project, people


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Action))


def _input(people, **changes) -> ActionInput:
    values = {"intervention": "ugly_picture", "signal": "crowding_out", "owner_id": people["member"].id,
              "due_on": TODAY + timedelta(days=14)}
    values.update(changes)
    return ActionInput(**values)


def _create(seats, who="coach", **changes) -> Action:
    project, people = seats
    return create_action(project_access(people[who], project.code), people[who], _input(people, **changes))


@pytest.mark.parametrize("who", ["coach", "client", "contractor"])
def test_coaches_and_managers_create_actions_owned_by_anyone_on_the_project(seats, who):
    action = _create(seats, who)
    assert action.id and action.status.value == "open" and action.created_on == TODAY
    [row] = list_actions(seats[0].id)
    assert row.display_title("en") == "Put the ugly picture on the table"
    assert row.display_title("nl") == "Leg de lelijke foto op tafel" and row.owner_name == "Member Jansen"


def test_members_do_not_create_and_nothing_is_stored(seats):
    with pytest.raises(Forbidden):
        _create(seats, "member")
    assert _count() == 0


@pytest.mark.parametrize("changes, field", [
    ({"intervention": "fire_everyone"}, "intervention"),
    ({"intervention": None, "title": "  "}, "title"),
    ({"title": "x" * 201}, "title"),
    ({"signal": "bad_vibes"}, "signal"),
    ({"owner_id": None}, "owner"),
    ({"due_on": None}, "due_on"),
    ({"due_on": TODAY - timedelta(days=1)}, "due_on"),
    ({"notes": "x" * (TEXT_MAX + 1)}, "notes"),
    ({"event_ids": (999_999,)}, "events"),
])
def test_bad_input_names_the_field_and_stores_nothing(seats, changes, field):
    with pytest.raises(ValidationFailed) as caught:
        _create(seats, **changes)
    assert field in caught.value.errors and _count() == 0


def test_an_owner_from_another_project_is_refused(seats):
    stranger = make_user()
    add_member(make_project(), stranger, "client", "manager")
    with pytest.raises(ValidationFailed) as caught:
        _create(seats, owner_id=stranger.id)
    assert "owner" in caught.value.errors and _count() == 0


def test_status_changes_close_and_reopen_and_dropping_needs_a_reason(seats):
    project, people = seats
    action = _create(seats)
    owner = project_access(people["member"], project.code)  # the owner follows up their own action
    update_action(owner, people["member"], action.id, _input(people, status="in_progress"))
    assert get_action(project.id, action.id).closed_on is None
    update_action(owner, people["member"], action.id, _input(people, status="done"), today=TODAY)
    assert get_action(project.id, action.id).closed_on == TODAY
    with pytest.raises(ValidationFailed) as caught:
        update_action(owner, people["member"], action.id, _input(people, status="dropped"))
    assert "reason" in caught.value.errors and get_action(project.id, action.id).status == "done"
    update_action(owner, people["member"], action.id, _input(people, status="dropped", reason="Overbodig"))
    row = get_action(project.id, action.id)
    assert row.status == "dropped" and row.reason == "Overbodig" and row.closed_on == TODAY
    update_action(owner, people["member"], action.id, _input(people, status="open"))
    row = get_action(project.id, action.id)
    assert row.status == "open" and row.closed_on is None and row.reason == ""


def test_a_member_who_does_not_own_it_cannot_change_it(seats):
    project, people = seats
    action = _create(seats, owner_id=people["client"].id)
    with pytest.raises(Forbidden):
        update_action(project_access(people["member"], project.code), people["member"], action.id,
                      _input(people, status="done"))
    assert get_action(project.id, action.id).status == "open"


def test_another_projects_action_is_not_found(seats):
    action = _create(seats)
    other = make_project()
    manager = make_user()
    add_member(other, manager, "client", "manager")
    with pytest.raises(NotFound):
        update_action(project_access(manager, other.code), manager, action.id, _input(seats[1]))


def test_list_json_due_or_overdue_and_counts(seats):
    project, people = seats
    late = _create(seats, title="Late", intervention=None, due_on=TODAY)
    db.session.execute(text("UPDATE action SET created_on = :d, due_on = :d WHERE id = :i"),
                       {"d": TODAY - timedelta(days=3), "i": late.id})
    db.session.commit()
    soon = _create(seats, due_on=TODAY + timedelta(days=2))
    done = _create(seats, title="Done", intervention=None)
    update_action(project_access(people["coach"], project.code), people["coach"], done.id,
                  _input(people, title="Done", intervention=None, status="done"))
    rows = list_actions(project.id)
    assert [r.id for r in rows] == [late.id, soon.id, done.id] and rows[0].overdue
    data = actions_json(project)
    assert set(data[0]) == {"id", "title", "intervention", "signal", "owner", "due_on", "status",
                            "created_on", "closed_on"}
    assert data[0]["title"] == "Late" and data[0]["intervention"] is None and data[2]["status"] == "done"
    due = due_or_overdue(TODAY)
    assert [r.id for r in due] == [late.id]
    assert due[0].owner_email == people["member"].email and due[0].project_code == project.code
    assert [r.id for r in due_or_overdue(TODAY, within_days=2)] == [late.id, soon.id]
    assert open_counts([project.id], TODAY) == {project.id: (2, 1)}


def test_did_it_help_compares_before_and_after_and_counts_per_type(seats):
    project, people = seats
    for days in range(120, 0, -4):
        make_event(project, people["client"], occurred_on=TODAY - timedelta(days=days), kind="moment",
                   scores={"p_openness": 1 if days < 60 else -1})
    action = _create(seats, signal="crowding_out")
    db.session.execute(text("UPDATE action SET created_on = :c, closed_on = :d, status = 'done' WHERE id = :i"),
                       {"c": TODAY - timedelta(days=90), "d": TODAY - timedelta(days=80), "i": action.id})
    db.session.commit()
    e = effect(project, get_action(project.id, action.id), TODAY)
    figures = {key: (before, after) for key, before, after in e.figures}
    assert e.complete and e.before_on == TODAY - timedelta(days=90)
    assert figures["personal"][0] < figures["personal"][1]
    [use] = by_intervention([project], TODAY)
    assert (use.key, use.used, use.answered, use.cleared, use.too_early) == ("ugly_picture", 1, 1, 1, 0)
    assert use.few


def test_the_migration_turns_intervention_records_into_actions(tmp_path):
    from flask_migrate import downgrade, upgrade

    url = f"sqlite:///{tmp_path}/old.sqlite"
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade(revision="0013")
        # Rows written as the schema of revision 0013 has them: today's models have more columns.
        for statement in (
                "INSERT INTO organisation (id, name, created_at) VALUES (1, 'Client', '2025-01-01'), "
                "(2, 'Contractor', '2025-01-01')",
                "INSERT INTO project (id, code, name, description, contract_form, phase, client_org_id, "
                "contractor_org_id, start_date, is_active, created_at) VALUES (1, 'OLD', 'Old', '', 'uav_gc', "
                "'working', 1, 2, '2025-01-01', 1, '2025-01-01')",
                "INSERT INTO user_account (id, email, name, password_hash, is_admin, is_enabled, session_token, "
                "failed_logins, created_at) VALUES (1, 'coach@example.test', 'Coach', 'x', 0, 1, 't1', 0, '2025-01-01')",
                "INSERT INTO intervention_record (project_id, intervention_key, started_on, signal_code, note, "
                "recorded_by_id, created_at) VALUES (1, 'joint_timeline', '2025-03-01', 'silence', 'Met beide teams', "
                "1, '2025-03-02 10:00:00'), (1, 'ugly_picture', '2025-04-01', NULL, '', NULL, '2025-04-01 09:00:00')"):
            db.session.execute(text(statement))
        db.session.commit()
        pid, uid = 1, 1
        db.session.remove()
        upgrade()
        rows = list_actions(pid, date(2025, 6, 1))
        assert {(r.intervention, r.signal, r.status, r.created_on, r.notes, r.owner_id) for r in rows} == {
            ("joint_timeline", "silence", "in_progress", date(2025, 3, 1), "Met beide teams", uid),
            ("ugly_picture", None, "in_progress", date(2025, 4, 1), "", None)}
        db.session.remove()
        downgrade(revision="0013")
        back = db.session.execute(text("SELECT intervention_key, started_on, note FROM intervention_record "
                                       "ORDER BY started_on")).all()
        assert [tuple(r) for r in back] == [("joint_timeline", "2025-03-01", "Met beide teams"),
                                            ("ugly_picture", "2025-04-01", "")]
        db.session.remove()
        db.engine.dispose()
