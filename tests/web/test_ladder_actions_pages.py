"""The ladder page (agreeing it in the browser), the open-issues register and the action pages:
access, status codes, what they show and bad input (nothing half-written)."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.factories import add_member, csrf_token, login, make_event, make_project, make_user
from tracker.extensions import db
from tracker.models import Action, LadderVersion
from tracker.services.ladder import agreement
from tracker.services.ladder.queries import ladder_in_force

TODAY = date.today()


@pytest.fixture
def world(app):
    """A project with managers on both sides, a client member, a coach, an open issue; and an outsider."""
    project = make_project("LAD", start_date=TODAY - timedelta(days=200))
    people = {}
    for key, side, role in (("client", "client", "manager"), ("contractor", "contractor", "manager"),
                            ("member", "client", "member"), ("coach", "coach", "member")):
        people[key] = make_user(f"{key}@example.test", name=f"{key.title()} Jansen")
        add_member(project, people[key], side, role)
    people["outsider"] = make_user("outsider@example.test")
    add_member(make_project("OTHER"), people["outsider"], "client", "manager")
    issue = make_event(project, people["client"], occurred_on=TODAY - timedelta(days=20), kind="issue",
                       escalation_level=1, title="Kabels <b>en</b> leidingen")
    return project, people, issue


def _as(app, person):
    client = app.test_client()
    login(client, person)
    return client


def _proposal(boxes: dict[int, str], **extra) -> dict:
    data = {}
    names = ["Signaal", "Operationeel", "Tactisch", "Strategisch", "Derde partij", "Bindend", "Formeel"]
    for lv in range(7):
        data.update({f"name_nl_{lv}": names[lv], f"name_en_{lv}": f"Level {lv}", f"client_{lv}": "PM",
                     f"contractor_{lv}": "PL", f"box_{lv}": boxes.get(lv, "")})
    data.update(extra)
    return data


def _versions() -> int:
    db.session.commit()
    return db.session.scalar(select(func.count()).select_from(LadderVersion))


def test_both_managers_agree_a_ladder_in_the_browser(app, world):
    project, people, _ = world
    client = _as(app, people["client"])
    token = csrf_token(client, "/projects/LAD/ladder")
    response = client.post("/projects/LAD/ladder/propose", data=_proposal({1: "10"}, csrf_token=token))
    assert response.status_code == 302 and _versions() == 1
    page = client.get("/projects/LAD/ladder").get_data(as_text=True)
    assert "waiting for an answer" in page and "Accept this ladder" not in page  # not their own
    contractor = _as(app, people["contractor"])
    page = contractor.get("/projects/LAD/ladder").get_data(as_text=True)
    assert "Accept this ladder" in page
    version = db.session.scalar(select(LadderVersion.id))
    token = csrf_token(contractor, "/projects/LAD/ladder")
    assert contractor.post(f"/projects/LAD/ladder/{version}/accept", data={"csrf_token": token}).status_code == 302
    db.session.commit()
    assert ladder_in_force(project.id).box(1) == 10
    register = client.get("/projects/LAD/open-issues").get_data(as_text=True)
    # the box counts from the day it was agreed, not from before
    assert "10 days left" in register and "badge-ok" in register
    assert "Kabels &lt;b&gt;en&lt;/b&gt; leidingen" in register  # escaped
    assert "An issue is past its time box" not in client.get("/projects/LAD/dashboard").get_data(as_text=True)
    agreement.set_ladder(project, ladder_in_force(project.id), TODAY - timedelta(days=100))
    register = client.get("/projects/LAD/open-issues").get_data(as_text=True)
    assert "10 days over" in register and "badge-alert" in register
    dashboard = client.get("/projects/LAD/dashboard").get_data(as_text=True)
    assert "An issue is past its time box" in dashboard and "Take it up one rung as agreed" in dashboard


def test_declining_with_a_reason_shows_it_and_without_one_saves_nothing(app, world):
    _, people, _ = world
    client = _as(app, people["client"])
    client.post("/projects/LAD/ladder/propose",
                data=_proposal({2: "5"}, csrf_token=csrf_token(client, "/projects/LAD/ladder")))
    contractor = _as(app, people["contractor"])
    version = db.session.scalar(select(LadderVersion.id))
    token = csrf_token(contractor, "/projects/LAD/ladder")
    empty = contractor.post(f"/projects/LAD/ladder/{version}/decline", data={"csrf_token": token, "reason": " "})
    assert empty.status_code == 422 and "Give a reason" in empty.get_data(as_text=True)
    db.session.commit()
    assert db.session.scalar(select(LadderVersion.status)).value == "proposed"
    ok = contractor.post(f"/projects/LAD/ladder/{version}/decline",
                         data={"csrf_token": token, "reason": "Vijf dagen is te kort."})
    assert ok.status_code == 302
    assert "Vijf dagen is te kort." in client.get("/projects/LAD/ladder").get_data(as_text=True)


@pytest.mark.parametrize("field, value, message", [
    ("box_1", "abc", "Not a valid integer"),
    ("box_1", "0", "Between 1 and 3650"),
    ("box_3", "99999", "Between 1 and 3650"),
    ("name_en_2", "", "Give the level a name."),
    ("client_4", "x" * 201, "200"),
    ("note", "x" * 2001, "2000"),
])
def test_a_bad_proposal_is_shown_again_with_the_reason_and_nothing_saved(app, world, field, value, message):
    _, people, _ = world
    client = _as(app, people["client"])
    data = _proposal({1: "10"}, csrf_token=csrf_token(client, "/projects/LAD/ladder"))
    data[field] = value
    response = client.post("/projects/LAD/ladder/propose", data=data)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert _versions() == 0


@pytest.mark.parametrize("who, status", [("member", 403), ("coach", 403), ("outsider", 404)])
def test_members_coaches_and_outsiders_cannot_propose(app, world, who, status):
    _, people, _ = world
    client = _as(app, people[who])
    token = csrf_token(client, "/")
    assert client.post("/projects/LAD/ladder/propose", data=_proposal({}, csrf_token=token)).status_code == status
    assert _versions() == 0


def test_pages_need_a_login_and_a_seat(app, world):
    _, people, _ = world
    anonymous = app.test_client()
    for url in ("/projects/LAD/ladder", "/projects/LAD/open-issues", "/projects/LAD/actions"):
        assert anonymous.get(url).status_code == 302
    outsider = _as(app, people["outsider"])
    for url in ("/projects/LAD/ladder", "/projects/LAD/open-issues", "/projects/LAD/actions",
                "/projects/LAD/actions/new", "/projects/LAD/actions/1"):
        assert outsider.get(url).status_code == 404
    member = _as(app, people["member"])
    assert member.get("/projects/LAD/open-issues?sort=nonsense").status_code == 200
    assert member.get("/projects/LAD/actions/new").status_code == 403
    assert "Propose a ladder" not in member.get("/projects/LAD/ladder").get_data(as_text=True)


def _actions() -> int:
    db.session.commit()
    return db.session.scalar(select(func.count()).select_from(Action))


def _action_form(client, people, **changes) -> dict:
    data = {"csrf_token": csrf_token(client, "/projects/LAD/actions/new"), "title": "",
            "intervention": "settle_at_level", "signal": "time_box_exceeded",
            "owner": str(people["member"].id), "due_on": (TODAY + timedelta(days=10)).isoformat(), "notes": ""}
    data.update(changes)
    return data


def test_an_action_from_a_signal_is_created_assigned_followed_up_and_closed(app, world):
    project, people, issue = world
    coach = _as(app, people["coach"])
    page = coach.get("/projects/LAD/actions/new?intervention=settle_at_level&signal=time_box_exceeded")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'selected value="settle_at_level"' in html
    response = coach.post("/projects/LAD/actions/new", data=_action_form(coach, people))
    assert response.status_code == 302 and _actions() == 1
    action_id = db.session.scalar(select(Action.id))
    listing = coach.get("/projects/LAD/actions").get_data(as_text=True)
    assert "Settle it at this level, with a date" in listing and "Member Jansen" in listing
    owner = _as(app, people["member"])  # the owner follows up their own action
    token = csrf_token(owner, f"/projects/LAD/actions/{action_id}")
    done = owner.post(f"/projects/LAD/actions/{action_id}",
                      data=_action_form(owner, people, csrf_token=token, status="done"))
    assert done.status_code == 302
    db.session.commit()
    action = db.session.get(Action, action_id)
    assert action.status.value == "done" and action.closed_on == TODAY
    shown = owner.get(f"/projects/LAD/actions/{action_id}").get_data(as_text=True)
    assert "Did it help?" in shown and "So far" in shown


@pytest.mark.parametrize("changes, message", [
    ({"owner": ""}, "Choose who owns this action."),
    ({"owner": "999999"}, "Not a valid choice"),
    ({"due_on": ""}, "Give the date this action is due."),
    ({"due_on": "tomorrow"}, "Not a valid date"),
    ({"due_on": (TODAY - timedelta(days=1)).isoformat()}, "cannot be before"),
    ({"intervention": "", "title": ""}, "Give the action a title"),
    ({"signal": "bad_vibes"}, "Not a valid choice"),
    ({"title": "x" * 201}, "200"),
    ({"events": "1,two"}, "not valid"),
    ({"events": "999999"}, "Link only events of this project."),
])
def test_bad_action_input_is_refused_with_the_reason_and_nothing_stored(app, world, changes, message):
    _, people, _ = world
    coach = _as(app, people["coach"])
    response = coach.post("/projects/LAD/actions/new", data=_action_form(coach, people, **changes))
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert _actions() == 0


def test_no_csrf_token_and_a_member_who_is_not_the_owner_change_nothing(app, world):
    _, people, _ = world
    coach = _as(app, people["coach"])
    data = _action_form(coach, people, owner=str(people["client"].id))
    data.pop("csrf_token")
    assert coach.post("/projects/LAD/actions/new", data=data).status_code == 400 and _actions() == 0
    coach.post("/projects/LAD/actions/new", data=_action_form(coach, people, owner=str(people["client"].id)))
    assert _actions() == 1
    action_id = db.session.scalar(select(Action.id))
    member = _as(app, people["member"])
    page = member.get(f"/projects/LAD/actions/{action_id}").get_data(as_text=True)
    assert "Follow up" not in page
    token = csrf_token(member, "/")
    assert member.post(f"/projects/LAD/actions/{action_id}",
                       data=_action_form(coach, people, csrf_token=token, status="done")).status_code == 403
    db.session.commit()
    assert db.session.get(Action, action_id).status.value == "open"


def test_the_coach_overview_counts_open_and_overdue_actions_and_the_types_page(app, world):
    _, people, _ = world
    coach = _as(app, people["coach"])
    coach.post("/projects/LAD/actions/new", data=_action_form(coach, people))
    html = coach.get("/coach/").get_data(as_text=True)
    assert "1 open" in html
    types = coach.get("/coach/actions").get_data(as_text=True)
    assert "Settle it at this level, with a date" in types and "too few to read much into" in types


def test_going_back_down_shows_on_the_timeline_and_in_the_register_history(app, world):
    project, people, issue = world
    up = make_event(project, people["client"], occurred_on=TODAY - timedelta(days=10), kind="escalation",
                    escalation_level=3, links_to_id=issue.id, title="Naar de directie")
    make_event(project, people["client"], occurred_on=TODAY - timedelta(days=4), kind="agreement",
               escalation_level=1, links_to_id=up.id, title="Terug naar het projectteam")
    client = _as(app, people["member"])
    register = client.get("/projects/LAD/open-issues").get_data(as_text=True)
    assert "de-escalated to level 1" in register and "escalated to level 3" in register
    dashboard = client.get("/projects/LAD/dashboard").get_data(as_text=True)
    assert "Agreement · ↓ de-escalation" in dashboard and "triangle-down" in dashboard
