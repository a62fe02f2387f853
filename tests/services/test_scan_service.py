"""Scan service: opening rounds, answering once, editing until close, results, paper imports."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.factories import add_member, make_project, make_user
from tracker.domain import scan as domain
from tracker.domain.types import Side
from tracker.extensions import db
from tracker.models import ScanAnswer, ScanResponse, ScanRound
from tracker.services.errors import NotFound, ValidationFailed
from tracker.services.instruments import scan

TODAY = date.today()


def full(score=4, **overrides):
    """All 32 statements answered with ``score``, some overridden."""
    answers = {key: score for key in domain.STATEMENT_KEYS}
    answers.update(overrides)
    return answers


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def project(app):
    return make_project("SCAN")


@pytest.fixture
def open_round(project):
    return scan.open_round(project, "Spring", TODAY - timedelta(days=1), TODAY + timedelta(days=7),
                           None)


def test_open_round_and_its_rules(project):
    created = scan.open_round(project, "  Spring  ", TODAY, TODAY, None)
    assert created.name == "Spring" and scan.rounds(project) == [created]
    with pytest.raises(ValidationFailed) as error:
        scan.open_round(project, "Spring", TODAY, TODAY, None)
    assert "name" in error.value.errors
    with pytest.raises(ValidationFailed) as error:
        scan.open_round(project, "", TODAY, TODAY - timedelta(days=1), None)
    assert set(error.value.errors) == {"name", "closes_on"}
    with pytest.raises(ValidationFailed):
        scan.open_round(project, "x" * 121, None, None, None)
    assert count(ScanRound) == 1


def test_a_member_answers_once_then_edits(project, open_round):
    user = make_user()
    response = scan.submit_response(open_round, user, Side.CLIENT, full(4, urgency_1=None))
    assert response.answer_map()["urgency_1"] is None and response.answer_map()["team_2"] == 4
    with pytest.raises(ValidationFailed) as error:
        scan.submit_response(open_round, user, Side.CLIENT, full(2))
    assert "response" in error.value.errors
    scan.update_response(response, full(5))
    db.session.expire_all()
    assert set(scan.user_response(open_round, user).answer_map().values()) == {5}
    assert count(ScanResponse) == 1 and count(ScanAnswer) == 32


@pytest.mark.parametrize("answers, field", [
    (full(6), "urgency_1"), (full(0), "team_2"), ({**full(3), "bogus_1": 3}, "bogus_1"),
    ({k: 3 for k in list(domain.STATEMENT_KEYS)[:-1]}, None), (full(True), "urgency_1"),
])
def test_bad_answers_store_nothing(project, open_round, answers, field):
    with pytest.raises(ValidationFailed) as error:
        scan.submit_response(open_round, make_user(), Side.CLIENT, answers)
    if field:
        assert field in error.value.errors
    assert count(ScanResponse) == 0 and count(ScanAnswer) == 0


def test_bad_edit_keeps_the_old_answers(project, open_round):
    response = scan.submit_response(open_round, make_user(), Side.CLIENT, full(3))
    with pytest.raises(ValidationFailed):
        scan.update_response(response, full(3, goals_1=9))
    db.session.expire_all()
    assert set(db.session.get(ScanResponse, response.id).answer_map().values()) == {3}


def test_no_answers_before_opening_or_after_closing(project):
    later = scan.open_round(project, "Later", TODAY + timedelta(days=1), TODAY + timedelta(days=5), None)
    with pytest.raises(ValidationFailed) as error:
        scan.submit_response(later, make_user(), Side.CLIENT, full())
    assert "round" in error.value.errors
    closed = scan.open_round(project, "Closed", TODAY - timedelta(days=9), TODAY - timedelta(days=2), None)
    with pytest.raises(ValidationFailed):
        scan.submit_response(closed, make_user(), Side.CLIENT, full())
    user = make_user()
    response = scan.submit_response(closed, user, Side.CLIENT, full(2), today=closed.closes_on)
    with pytest.raises(ValidationFailed) as error:
        scan.update_response(response, full(5))
    assert "closed" in error.value.errors["round"][0]
    assert count(ScanResponse) == 1


def test_results_counts_and_previous_round(project, open_round):
    earlier = scan.open_round(project, "Winter", TODAY - timedelta(days=90), TODAY - timedelta(days=80), None)
    assert scan.previous_round(open_round).id == earlier.id and scan.previous_round(earlier) is None
    members = [make_user() for _ in range(4)]
    for user, side in zip(members, ("client", "client", "client", "contractor")):
        add_member(project, user, side, "member")
    for user, score in zip(members[:3], (3, 4, 5)):
        scan.submit_response(open_round, user, Side.CLIENT, full(score))
    scan.submit_response(open_round, members[3], Side.CONTRACTOR, full(1))
    result = scan.round_results(open_round)
    assert result.factor("team").client == pytest.approx(4.0) and result.factor("team").contractor is None
    counts = scan.answer_counts(open_round)
    assert counts[Side.CLIENT] == {"members": 3, "answered": 3, "respondents": 3}
    assert counts[Side.CONTRACTOR] == {"members": 1, "answered": 1, "respondents": 1}
    data = scan.results_json(project, open_round)
    assert data["respondents"] == {"client": 3, "contractor": 1}
    assert data["factors"]["goals"] == {"lens": "motivation", "client": 4.0, "contractor": None,
                                        "gap": None}
    rows = scan.results_csv(open_round)
    assert rows[0][:6] == ["type", "key", "lens", "client", "contractor", "gap"]
    assert rows[1] == ["respondents", "", "", "3", "1", "", "", ""]
    assert rows[2][:5] == ["factor", "urgency", "motivation", "4.00", "too few responses"]
    assert len(rows) == 2 + 16 + 4


def test_project_round_is_scoped(project, open_round):
    other = make_project("OTHER")
    with pytest.raises(NotFound):
        scan.project_round(other, open_round.id)
    assert scan.project_round(project, open_round.id).id == open_round.id


def _rows(*rows):
    return [(n, dict(zip(scan.IMPORT_COLUMNS, cells))) for n, cells in enumerate(rows, start=2)]


def test_import_creates_the_round_and_stores_everything(project):
    records = _rows(["p1", "client", "urgency_1", "4"], ["p1", "client", "urgency_2", ""],
                    ["p2", "Contractor", "team_1", "2"])
    target = scan.import_responses(project, "Paper 2025", records)
    assert target.name == "Paper 2025" and target.opens_on == target.closes_on == TODAY
    assert count(ScanResponse) == 2 and count(ScanAnswer) == 3
    stored = db.session.scalar(select(ScanResponse).where(ScanResponse.respondent == "p1"))
    assert stored.answer_map() == {"urgency_1": 4, "urgency_2": None}
    with pytest.raises(ValidationFailed) as error:  # the same respondent again: refused
        scan.import_responses(project, "Paper 2025", _rows(["p1", "client", "team_1", "3"]))
    assert error.value.errors[0].column == "respondent"
    assert count(ScanResponse) == 2


def test_import_reports_every_bad_row_and_stores_nothing(project):
    records = _rows(["p1", "client", "urgency_1", "4"], ["", "client", "urgency_1", "4"],
                    ["p2", "coach", "urgency_1", "4"], ["p3", "client", "nope_1", "4"],
                    ["p4", "client", "urgency_1", "7"], ["p1", "client", "urgency_1", "3"],
                    ["p1", "contractor", "team_1", "3"], ["p5", "client", "team_1", "x"])
    with pytest.raises(ValidationFailed) as error:
        scan.import_responses(project, None, records)
    found = {(e.line, e.column) for e in error.value.errors}
    assert found == {(3, "respondent"), (4, "side"), (5, "statement"), (6, "score"),
                     (7, "statement"), (8, "side"), (9, "score")}
    assert count(ScanRound) == 0 and count(ScanResponse) == 0


def test_dashboard_summary(project, open_round):
    assert scan.dashboard_summary(make_project("EMPTY")) is None
    summary = scan.dashboard_summary(project)
    assert summary["round"].id == open_round.id and summary["weakest"] == []
