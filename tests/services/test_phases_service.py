"""Phase service: history with dates, the change rules, close-out review and exports, 4c input."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.factories import add_member, make_event, make_project, make_user
from tracker.domain import scan as domain
from tracker.domain.leadership import Role
from tracker.domain.types import Side
from tracker.extensions import db
from tracker.models import CloseoutReview, Phase, PhaseChange
from tracker.services.errors import ValidationFailed
from tracker.services.instruments import phases, scan

TODAY = date.today()


@pytest.fixture
def project(app):
    return make_project("PH", start_date=TODAY - timedelta(days=100))


def test_history_starts_with_the_projects_phase(project):
    steps = phases.phase_changes(project)
    assert steps == [{"phase": Phase.FINDING, "since": project.start_date, "until": None,
                      "note": "", "by": None}]


def test_changes_build_a_dated_history(project):
    user = make_user(name="Coach Carla")
    phases.change_phase(project, "working", TODAY - timedelta(days=50), "kick-off done", user)
    phases.change_phase(project, Phase.LETTING_GO, TODAY, "", user)
    assert project.phase is Phase.LETTING_GO
    steps = phases.phase_changes(project)
    assert [s["phase"] for s in steps] == [Phase.FINDING, Phase.WORKING, Phase.LETTING_GO]
    assert steps[0]["until"] == steps[1]["since"] == TODAY - timedelta(days=50)
    assert steps[1]["note"] == "kick-off done" and steps[2]["by"].name == "Coach Carla"
    assert steps[2]["until"] is None


@pytest.mark.parametrize("phase, day, note, field", [
    ("finding", TODAY, "", "phase"),  # already there
    ("nonsense", TODAY, "", "phase"),
    ("working", TODAY + timedelta(days=1), "", "changed_on"),
    ("working", TODAY - timedelta(days=101), "", "changed_on"),  # before the start
    ("working", None, "", "changed_on"),
    ("working", TODAY, "x" * 2001, "note"),
])
def test_bad_changes_store_nothing(project, phase, day, note, field):
    with pytest.raises(ValidationFailed) as error:
        phases.change_phase(project, phase, day, note, None)
    assert field in error.value.errors
    assert db.session.scalar(select(func.count()).select_from(PhaseChange)) == 0
    db.session.refresh(project)
    assert project.phase is Phase.FINDING


def test_a_change_cannot_predate_the_previous_one(project):
    phases.change_phase(project, "working", TODAY - timedelta(days=10), "", None)
    with pytest.raises(ValidationFailed):
        phases.change_phase(project, "letting_go", TODAY - timedelta(days=11), "", None)


def test_closeout_review_saves_and_exports(project):
    assert phases.closeout(project) is None
    phases.save_closeout(project, {"went_well": "The pairs worked", "lessons": "=cmd|' /C calc'!A0"},
                         None)
    phases.save_closeout(project, {"went_well": "Pairs across parties", "context": "A calm winter",
                                   "lessons": "=cmd|' /C calc'!A0"}, None)
    assert db.session.scalar(select(func.count()).select_from(CloseoutReview)) == 1
    review = phases.closeout(project)
    titles = {name: name.upper() for name in phases.REVIEW_FIELDS}
    text = phases.closeout_markdown(project, review, titles)
    assert "## WENT_WELL\n\nPairs across parties" in text and "## DEEPER_FINDINGS\n\n—" in text
    rows = phases.closeout_csv(project, review)
    assert rows[0] == ["project", "step", "text"] and rows[3] == ["PH", "context", "A calm winter"]
    assert rows[5][2].startswith("'=")  # formula neutralised
    with pytest.raises(ValidationFailed):
        phases.save_closeout(project, {"lessons": "x" * 10_001}, None)
    assert phases.closeout(project).lessons.startswith("=cmd")


def test_goal_setting_and_leadership(project):
    assert phases.leadership(project) is None  # no events, no scan
    user = make_user()
    add_member(project, user, "client", "manager")
    for n in range(6):
        make_event(project, user, occurred_on=TODAY - timedelta(days=n + 1), kind="moment",
                   scores={"p_openness": 2})
    phases.set_goal_setting(project, "concrete", user)
    assert phases.goal_setting(project) == "concrete"
    assert phases.leadership(project).role is Role.CATALYSING  # personal trust 100
    phases.set_goal_setting(project, "open", user)
    assert phases.leadership(project).role is Role.COACHING
    phases.set_goal_setting(project, "", user)
    assert phases.goal_setting(project) is None
    assert phases.leadership(project) is None  # no scan to judge the goals
    with pytest.raises(ValidationFailed):
        phases.set_goal_setting(project, "vague", user)


def test_leadership_uses_the_newest_scan(project):
    target = scan.open_round(project, "R", TODAY, TODAY, None)
    answers = {key: 2 for key in domain.STATEMENT_KEYS}
    for _ in range(3):
        scan.submit_response(target, make_user(), Side.CLIENT, answers)
    suggestion = phases.leadership(project)
    assert suggestion.role is Role.CONNECTING  # interaction 2 → 0.25, goals 2 → 0.25
    assert suggestion.strength == pytest.approx(0.25)
