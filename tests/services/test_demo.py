"""Demo data: the portfolio it creates, its refusals, and the shape of each project's story."""
import shutil
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.factories import make_project, make_user
from tracker import create_app
from tracker.domain.types import Dimension
from tracker.extensions import db
from tracker.models import (Action, Event, LadderStatus, LadderVersion, MemberRole, Membership, MemberSide, Organisation,
                            Project, User)
from tracker.services.accounts import users as accounts
from tracker.services.demo import load as demo
from tracker.services.events.queries import factor_ids
from tracker.services.events.rules import EventInput, check_event

WEIGHT = {"relational": 0.0, "mixed": 0.5, "contractual": 1.0}


@pytest.fixture(scope="module")
def demo_app(database_template, tmp_path_factory):
    """One database with the demo data for the read-only tests of this module (it takes a second or two)."""
    import os

    from tests.conftest import POSTGRES_URL, _migrate, _postgres_database

    if POSTGRES_URL:  # a database of its own: other tests truncate the worker's database
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        url = _postgres_database(POSTGRES_URL, f"tracker_demo_{worker}")
        _migrate(url)
    else:
        path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
        shutil.copyfile(database_template, path)
        url = f"sqlite:///{path}"
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        with app.test_request_context():
            yield app, demo.create_demo()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def portfolio(demo_app):
    """The demo data as of today: the result and {project code: [events]}."""
    _, result = demo_app
    db.session.rollback()
    projects = db.session.scalars(select(Project)).all()
    events = {p.code: db.session.scalars(select(Event).where(Event.project_id == p.id)
                                         .order_by(Event.occurred_on)).all() for p in projects}
    return result, events


def index(trust: float, distrust: float) -> float:
    return 50 + 50 * (trust - distrust) / (trust + distrust)


def figures(events, today: date, lo: int | None = None, hi: int = 0, decay: bool = False) -> dict:
    """Contract share, trust indices and mean scores of the events aged (hi, lo] days ago, maybe decayed."""
    chosen = [e for e in events if hi <= (today - e.occurred_on).days < (lo if lo is not None else 10**6)]
    sums = {"w": 0.0, "c": 0.0, "pT": 0.0, "pD": 0.0, "sT": 0.0, "sD": 0.0}
    values = {"p": [], "s": []}
    for e in chosen:
        w = 0.5 ** ((today - e.occurred_on).days / 60) if decay else 1.0
        sums["w"] += w
        sums["c"] += w * WEIGHT[e.steering.value]
        for score in e.scores:
            dim = "p" if score.factor.dimension == Dimension.PERSONAL else "s"
            values[dim].append(score.value)
            sums[dim + ("T" if score.value > 0 else "D")] += w * abs(score.value)
    return {"n": len(chosen), "share": sums["c"] / sums["w"],
            "personal": index(sums["pT"], sums["pD"]), "system": index(sums["sT"], sums["sD"]),
            "personal_mean": sum(values["p"]) / len(values["p"]),
            "system_mean": sum(values["s"]) / len(values["s"])}


def test_demo_is_needed_only_without_projects(app):
    assert demo.demo_is_needed()
    make_project()
    assert not demo.demo_is_needed()


def test_creates_organisations_users_projects_and_memberships(portfolio):
    result, events = portfolio
    assert len(events) == 5 and all(len(evs) >= 30 for evs in events.values())
    assert db.session.scalar(select(func.count()).select_from(Organisation)) >= 9
    users = {u.email: u for u in db.session.scalars(select(User))}
    assert len(users) == len(result.logins) >= 5
    roles = {login.role for login in result.logins}
    assert {"client manager", "contractor manager", "administrator", "read-only member"} <= roles
    assert users["beheer@tracker.example"].is_admin
    coach = next(login for login in result.logins if "coach" in login.role)
    seats = db.session.scalars(select(Membership).where(Membership.user_id == users[coach.email].id)).all()
    assert len(seats) == 5 and {s.side for s in seats} == {MemberSide.COACH}
    for project in db.session.scalars(select(Project)):
        managers = db.session.scalars(select(Membership).where(
            Membership.project_id == project.id, Membership.role == MemberRole.MANAGER)).all()
        assert {m.side for m in managers} == {MemberSide.CLIENT, MemberSide.CONTRACTOR}
    assert accounts.authenticate(coach.email, demo.DEMO_PASSWORD).user is not None


def test_events_are_valid_with_history_links_and_variety(portfolio):
    _, events = portfolio
    keys, today = set(factor_ids()), date.today()
    for code, evs in events.items():
        by_id = {e.id: e for e in evs}
        for e in evs:
            data = EventInput(occurred_on=e.occurred_on, side=e.side, kind=e.kind, steering=e.steering,
                                   title=e.title, description=e.description,
                                   escalation_level=e.escalation_level, planned=e.planned, scores=e.score_map())
            assert check_event(data, keys, today=today) == {}, (code, e.title)
            assert [r.action for r in e.revisions] == ["created"] and e.created_by_id is not None
            assert e.version == 1 and -1 <= (e.created_at.date() - e.occurred_on).days <= 2  # UTC vs local
            assert e.revisions[0].changed_at == e.created_at
            assert e.occurred_on.weekday() < 5
            if e.links_to_id is not None:
                target = by_id[e.links_to_id]  # same project, not later, an issue or escalation
                assert target.occurred_on <= e.occurred_on and target.kind.value in ("issue", "escalation")
        titles = [e.title for e in evs]
        assert len(set(titles)) > 0.6 * len(titles), code
        assert {e.side.value for e in evs} == {"client", "contractor"}
        assert (today - evs[0].occurred_on).days > 200
    assert sum(e.kind.value == "escalation" and e.links_to_id is not None for e in events["VIADUCT-KZW"]) >= 3
    assert max(e.escalation_level or 0 for e in events["VIADUCT-KZW"]) >= 4


def test_story_shapes(portfolio):
    _, events = portfolio
    today = date.today()

    # healthy: relational mostly, some contract use, both trust kinds clearly positive
    healthy = figures(events["N712"], today, decay=True)
    assert 0.10 < healthy["share"] < 0.35 and healthy["personal"] > 70 and healthy["system"] > 65
    assert any(e.kind.value == "agreement" and e.steering.value == "contractual" for e in events["N712"])

    # spiral: more contract steering, falling personal trust over the last 90 days vs the 90 before
    recent = figures(events["VIADUCT-KZW"], today, 90, 0)
    before = figures(events["VIADUCT-KZW"], today, 180, 90)
    assert recent["n"] >= 6 and before["n"] >= 6
    assert recent["share"] - before["share"] >= 0.25
    assert before["personal"] - recent["personal"] >= 15
    assert recent["personal_mean"] < before["personal_mean"]
    decayed_recent = figures(events["VIADUCT-KZW"], today, decay=True)
    assert decayed_recent["personal"] < 50

    # blind trust: warm personal scores, neglected system, hardly any contract
    blind_all, blind = figures(events["DIJK-LV"], today), figures(events["DIJK-LV"], today, decay=True)
    assert blind_all["personal_mean"] > 1 and blind_all["system_mean"] < 0 and blind_all["share"] < 0.10
    assert blind["personal"] >= 75 and blind["system"] <= 50 and blind["share"] <= 0.10

    # recovery: rough before the turnaround (~4 months ago), better after
    recovery = events["SLUIS-OSW"]
    after = figures(recovery, today, 110, 0)
    rough = figures(recovery, today, 240, 125)
    assert after["personal"] - rough["personal"] >= 20 and after["share"] < rough["share"]
    assert sum(e.kind.value == "escalation" for e in recovery
               if 125 <= (today - e.occurred_on).days < 240) >= 3
    deescalations = [e for e in recovery if e.kind.value == "agreement" and e.links_to_id
                     and (today - e.occurred_on).days < 120]
    assert len(deescalations) >= 2

    # quiet: nothing logged for the last ~2 months
    assert (today - events["CENTRUM-BV"][-1].occurred_on).days > 42


def test_recovery_turns_its_interventions_into_done_actions(portfolio):
    from tracker.domain import interventions

    done = db.session.scalars(select(Action).where(Action.status == "done")).all()
    expected = {"joint_timeline", "work_in_pairs"} & set(interventions.keys())  # only known keys are recorded
    assert {a.intervention_key for a in done} == expected
    assert all(100 < (date.today() - a.created_on).days < 130 and a.closed_on for a in done)
    still_open = db.session.scalars(select(Action).where(Action.status == "open")).all()
    assert still_open and any(a.due_on < date.today() for a in still_open)  # one is overdue


def test_ladders_are_agreed_proposed_or_absent_as_the_stories_have_it(portfolio):
    from tracker.models import Project
    from tracker.services.ladder.register import open_issues

    status = {code: sorted(v.status.value for v in db.session.scalars(
        select(LadderVersion).join(Project, Project.id == LadderVersion.project_id).where(Project.code == code)))
        for code in ("N712", "VIADUCT-KZW", "DIJK-LV", "SLUIS-OSW", "CENTRUM-BV")}
    assert status == {"N712": ["accepted"], "VIADUCT-KZW": ["accepted"], "DIJK-LV": [],
                      "SLUIS-OSW": ["accepted"], "CENTRUM-BV": ["proposed"]}
    spiral = db.session.scalar(select(Project).where(Project.code == "VIADUCT-KZW"))
    assert any(row.overdue for row in open_issues(spiral))
    healthy = db.session.scalar(select(Project).where(Project.code == "N712"))
    assert not any(row.overdue for row in open_issues(healthy))
    assert LadderStatus.ACCEPTED


def test_trust_model_sees_the_intended_signals(portfolio):
    trust = pytest.importorskip("tracker.domain.trust")
    from tracker.domain.types import EventFacts, Score
    _, events = portfolio
    codes = {}
    for code, evs in events.items():
        facts = [EventFacts(id=e.id, occurred_on=e.occurred_on, side=e.side.value, kind=e.kind.value,
                            steering=e.steering.value, escalation_level=e.escalation_level,
                            links_to=e.links_to_id, retracted=e.is_retracted,
                            scores=tuple(Score(s.factor.key, s.factor.dimension.value, s.value) for s in e.scores))
                 for e in evs]
        codes[code] = set(trust.evaluate(facts, date.today()).codes)
    assert "crowding_out" in codes["VIADUCT-KZW"]
    assert "over_reliance" in codes["DIJK-LV"]
    assert "silence" in codes["CENTRUM-BV"]
    assert not codes["N712"] & {"crowding_out", "over_reliance"}
    assert not codes["SLUIS-OSW"] & {"crowding_out", "over_reliance"}


def test_dates_follow_the_given_day_and_the_seed_decides(app):
    day = date.today() - timedelta(days=10)
    demo.create_demo(today=day, seed=3)
    latest = db.session.scalar(select(func.max(Event.occurred_on)))
    assert latest <= day and (day - latest).days <= 7


def test_refuses_when_a_project_exists(app):
    make_project()
    with pytest.raises(demo.DemoRefused, match="already has projects"):
        demo.create_demo()
    assert db.session.scalar(select(func.count()).select_from(Event)) == 0
    assert db.session.scalar(select(User).where(User.email == "beheer@tracker.example")) is None


def test_refuses_when_a_demo_account_exists(app):
    make_user("beheer@tracker.example")
    with pytest.raises(demo.DemoRefused, match="beheer@tracker.example"):
        demo.create_demo()
    assert demo.demo_is_needed()
