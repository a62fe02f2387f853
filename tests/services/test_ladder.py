"""Agreeing the escalation ladder: propose, accept, decline, withdraw, versions, access and the clock."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.factories import add_member, make_event, make_project, make_user
from tracker.domain.ladder import default_ladder, parse_ladder
from tracker.extensions import db
from tracker.models import AuditEntry, LadderVersion, Project
from tracker.services.access import project_access
from tracker.services.errors import Forbidden, NotFound, ValidationFailed
from tracker.services.ladder import agreement
from tracker.services.ladder.queries import ladder_history, ladder_in_force, ladder_json, pending_proposal, versions
from tracker.services.ladder.register import open_issues, open_issues_json
from tracker.services.trust.history import trust_history

TODAY = date.today()
BOXED = default_ladder(boxes={1: 10, 2: 20})


@pytest.fixture
def seats(app):
    """A project with a manager on each side, a client member and a coach."""
    project = make_project(start_date=TODAY - timedelta(days=200))
    people = {}
    for key, side, role in (("client", "client", "manager"), ("contractor", "contractor", "manager"),
                            ("member", "client", "member"), ("coach", "coach", "member")):
        people[key] = make_user(name=f"{key.title()} Jansen")
        add_member(project, people[key], side, role)
    return project, people


def _access(seats, who):
    project, people = seats
    return project_access(people[who], project.code), people[who]


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(LadderVersion))


def test_a_new_project_has_the_default_ladder_without_boxes(seats):
    project, _ = seats
    data = ladder_json(project)
    assert data["project"] == project.code and data["agreed_on"] is None
    assert [lv["level"] for lv in data["levels"]] == list(range(7))
    assert all(lv["time_box_days"] is None for lv in data["levels"])
    assert data["levels"][1]["name"] == "Operational"
    assert ladder_json(project, lang="nl")["levels"][1]["name"] == "Operationeel"


def test_one_side_proposes_the_other_accepts_and_it_applies_from_acceptance(seats):
    project, _ = seats
    access, author = _access(seats, "client")
    version = agreement.propose(access, author, BOXED, "  Zoals besproken  ")
    assert pending_proposal(project.id).id == version.id and version.note == "Zoals besproken"
    assert ladder_in_force(project.id).agreed_on is None  # nothing applies before acceptance
    other, answerer = _access(seats, "contractor")
    agreement.accept(other, answerer, version.id, today=TODAY)
    current = ladder_in_force(project.id)
    assert current.agreed_on == TODAY and current.box(1) == 10
    assert pending_proposal(project.id) is None
    assert ladder_json(project)["agreed_on"] == TODAY.isoformat()
    actions = set(db.session.scalars(select(AuditEntry.action)))
    assert {"ladder.propose", "ladder.accept"} <= actions


@pytest.mark.parametrize("who", ["client", "member", "coach"])
def test_only_a_manager_of_the_other_side_answers(seats, who):
    access, author = _access(seats, "client")
    version = agreement.propose(access, author, BOXED)
    other, person = _access(seats, who)
    with pytest.raises(Forbidden):
        agreement.accept(other, person, version.id)
    with pytest.raises(Forbidden):
        agreement.decline(other, person, version.id, "no")
    assert pending_proposal(seats[0].id) is not None


@pytest.mark.parametrize("who", ["member", "coach"])
def test_members_and_coaches_do_not_propose(seats, who):
    access, person = _access(seats, who)
    with pytest.raises(Forbidden):
        agreement.propose(access, person, BOXED)
    assert _count() == 0


def test_declining_needs_a_reason_and_keeps_the_version_visible(seats):
    project, _ = seats
    access, author = _access(seats, "contractor")
    version = agreement.propose(access, author, BOXED)
    other, answerer = _access(seats, "client")
    with pytest.raises(ValidationFailed) as caught:
        agreement.decline(other, answerer, version.id, "   ")
    assert "reason" in caught.value.errors and pending_proposal(project.id) is not None
    agreement.decline(other, answerer, version.id, "Tien dagen is te kort op niveau 1.")
    [shown] = versions(project.id)
    assert shown.status == "declined" and shown.reason == "Tien dagen is te kort op niveau 1."
    assert ladder_in_force(project.id).agreed_on is None
    with pytest.raises(ValidationFailed):  # answered already
        agreement.accept(other, answerer, version.id)


def test_a_new_proposal_replaces_the_waiting_one_and_the_proposer_may_withdraw(seats):
    project, _ = seats
    access, author = _access(seats, "client")
    first = agreement.propose(access, author, BOXED)
    second = agreement.propose(access, author, default_ladder(boxes={1: 30}))
    assert [v.status for v in versions(project.id)] == ["proposed", "withdrawn"]
    other, person = _access(seats, "contractor")
    with pytest.raises(Forbidden):
        agreement.withdraw(other, person, second.id)
    agreement.withdraw(access, author, second.id)
    assert pending_proposal(project.id) is None and first.id != second.id


def test_versions_are_kept_and_each_applies_from_its_own_date(seats):
    project, _ = seats
    agreement.set_ladder(project, BOXED, TODAY - timedelta(days=30))
    agreement.set_ladder(project, default_ladder(boxes={1: 40}), TODAY - timedelta(days=5))
    history = ladder_history(project.id)
    assert [v.box(1) for v in history.versions] == [10, 40]
    assert ladder_in_force(project.id, TODAY - timedelta(days=10)).box(1) == 10
    assert ladder_in_force(project.id).box(1) == 40
    assert len(versions(project.id)) == 2


def test_an_admin_cannot_date_an_agreement_in_the_future(seats):
    project, _ = seats
    with pytest.raises(ValidationFailed):
        agreement.set_ladder(project, BOXED, TODAY + timedelta(days=1))
    assert _count() == 0


def test_accepting_refreshes_the_signals_and_the_register(seats):
    project, people = seats
    issue = make_event(project, people["client"], occurred_on=TODAY - timedelta(days=15), kind="issue",
                       escalation_level=1, title="Damwand")
    assert "time_box_exceeded" not in trust_history(project, TODAY).current.codes
    assert open_issues_json(project) == [{"event": issue.id, "title": "Damwand", "level": 1,
                                          "since": (TODAY - timedelta(days=15)).isoformat(),
                                          "days_at_level": 15, "time_box_days": None, "overdue": False}]
    agreement.set_ladder(project, BOXED, TODAY - timedelta(days=100))
    flag = trust_history(project, TODAY).current.flag("time_box_exceeded")
    assert flag is not None and flag.severity == "warning" and flag.evidence["chains"][0]["issue"] == issue.id
    [row] = open_issues(project)
    assert row.overdue and row.days_over == 5


def test_answering_another_projects_proposal_is_not_found(seats):
    access, author = _access(seats, "client")
    version = agreement.propose(access, author, BOXED)
    other = make_project()
    stranger = make_user()
    add_member(other, stranger, "contractor", "manager")
    with pytest.raises(NotFound):
        agreement.accept(project_access(stranger, other.code), stranger, version.id)
    assert db.session.get(Project, other.id) is not None


@pytest.mark.parametrize("data, problem", [
    ([], "one JSON object"),
    ({"levels": "x"}, "must be a list"),
    ({"levels": [{"level": lv} for lv in range(6)]}, "missing level(s) 6"),
    ({"levels": [{"level": 0}, {"level": 0}]}, "appears twice"),
    ({"levels": [{"level": 7}]}, "0-6"),
    ({"levels": [{"level": True}]}, "0-6"),
    ({"levels": [{"level": 1, "time_box_days": 0}]}, "between 1 and"),
    ({"levels": [{"level": 1, "time_box_days": 2.5}]}, "whole number"),
    ({"levels": [{"level": 1, "time_box_days": "10"}]}, "whole number"),
    ({"levels": [{"level": 1, "colour": "red"}]}, "unknown key"),
    ({"levels": [{"level": 1, "client": 5}]}, "must be text"),
    ({"levels": [{"level": 1, "name": ""}]}, "must not be empty"),
    ({"levels": [{"level": 1, "name": {"de": "x"}}]}, "unknown language"),
    ({"levels": [{"level": 1, "client": "x" * 201}]}, "at most 200"),
    ({"levels": [], "extra": 1}, "unknown key(s): extra"),
])
def test_parse_ladder_names_every_problem(data, problem):
    ladder, errors = parse_ladder(data)
    assert ladder is None and any(problem in e for e in errors), errors


def test_parse_ladder_round_trips_the_printed_shape():
    data = default_ladder({1: ("PM", "PL")}, {1: 14}).to_json("X")
    ladder, errors = parse_ladder(data)
    assert errors == [] and ladder.box(1) == 14 and ladder.rungs[1].client == "PM"


def test_a_configured_default_ladder_is_checked_at_start_up_and_used_for_new_projects(app):
    from tracker import create_app

    with pytest.raises(ValueError, match="ESCALATION_LADDER"):
        create_app("testing", {"SQLALCHEMY_DATABASE_URI": "sqlite://", "ESCALATION_LADDER": {"levels": []}})
    data = default_ladder({1: ("Projectleider", "Projectmanager")}).to_json("X")
    app.config["ESCALATION_LADDER"] = data
    project = make_project()
    shown = ladder_json(project)
    assert shown["agreed_on"] is None and shown["levels"][1]["client"] == "Projectleider"


def test_the_coach_overview_shows_the_time_box_signal(seats):
    from tracker.services.portfolio.overview import summarise

    project, people = seats
    make_event(project, people["client"], occurred_on=TODAY - timedelta(days=30), kind="issue",
               escalation_level=1, title="Vergunning")
    agreement.set_ladder(project, BOXED, TODAY - timedelta(days=60))
    codes = [s["code"] for s in summarise(project, TODAY)["signals"]]
    assert "time_box_exceeded" in codes
