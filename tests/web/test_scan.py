"""Scan pages: who may open and answer, CSRF, bad input, escaping, results and downloads."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.factories import csrf_token, login, make_project, make_user, seat_roles
from tracker.domain import scan as domain
from tracker.domain.types import Side
from tracker.extensions import db
from tracker.models import ScanResponse, ScanRound
from tracker.services.instruments import scan

TODAY = date.today()
XSS = "<script>alert('x')</script>"


@pytest.fixture
def world(app):
    a, b = make_project("AAA", name="Project A"), make_project("BBB")
    users = seat_roles(a, b)
    open_round = scan.open_round(a, "Spring", TODAY - timedelta(days=1), TODAY + timedelta(days=7), None)
    foreign = scan.open_round(b, "Foreign", TODAY, TODAY, None)
    return {"a": a, "b": b, "users": users, "round": open_round.id, "foreign": foreign.id}


def as_user(app, world, who):
    c = app.test_client()
    login(c, world["users"][who])
    return c


def answers_form(score="4", **overrides):
    data = {key: score for key in domain.STATEMENT_KEYS}
    data.update(overrides)
    return data


def post(c, url, data, token_url=None):
    return c.post(url, data={**data, "csrf_token": csrf_token(c, token_url or url)})


def responses() -> int:
    db.session.rollback()  # end the test's read snapshot: see what the requests committed
    return db.session.scalar(select(func.count()).select_from(ScanResponse))


def test_outsiders_get_404_on_every_scan_page(app, world):
    c = as_user(app, world, "outsider")
    r = world["round"]
    token = csrf_token(c, "/projects/BBB/scan/")
    for url in ("/projects/AAA/scan/", "/projects/AAA/scan/new", f"/projects/AAA/scan/{r}",
                f"/projects/AAA/scan/{r}/answer", f"/projects/AAA/scan/{r}/results.csv",
                f"/projects/AAA/scan/{r}/results.json"):
        assert c.get(url).status_code == 404, url
        assert c.post(url, data={"csrf_token": token}).status_code in (404, 405), url


def test_a_round_of_another_project_is_404(app, world):
    c = as_user(app, world, "client_manager")
    for suffix in ("", "/answer", "/results.csv", "/results.json"):
        assert c.get(f"/projects/AAA/scan/{world['foreign']}{suffix}").status_code == 404


def test_managers_and_coaches_open_rounds_members_cannot(app, world):
    member = as_user(app, world, "client_member")
    assert member.get("/projects/AAA/scan/new").status_code == 403
    token = csrf_token(member, "/projects/AAA/scan/")
    assert member.post("/projects/AAA/scan/new", data={"csrf_token": token, "name": "X",
                                                       "opens_on": TODAY, "closes_on": TODAY}).status_code == 403
    coach = as_user(app, world, "coach")
    response = post(coach, "/projects/AAA/scan/new",
                    {"name": "Autumn", "opens_on": TODAY.isoformat(), "closes_on": TODAY.isoformat()})
    assert response.status_code == 302
    db.session.rollback()
    assert db.session.scalar(select(ScanRound).where(ScanRound.name == "Autumn")) is not None


def test_bad_round_input_stores_nothing(app, world):
    c = as_user(app, world, "client_manager")
    response = post(c, "/projects/AAA/scan/new", {"name": "Spring", "opens_on": TODAY.isoformat(),
                                                  "closes_on": (TODAY - timedelta(days=1)).isoformat()})
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "already has a round" in body and "cannot close before it opens" in body
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(ScanRound)) == 2


def test_round_names_are_escaped(app, world):
    scan.open_round(world["a"], XSS, TODAY, TODAY, None)
    c = as_user(app, world, "client_member")
    target = db.session.scalar(select(ScanRound).where(ScanRound.name == XSS))
    for url in ("/projects/AAA/scan/", f"/projects/AAA/scan/{target.id}",
                f"/projects/AAA/scan/{target.id}/answer"):
        body = c.get(url, follow_redirects=True).get_data(as_text=True)
        assert XSS not in body and "&lt;script&gt;" in body, url


def test_a_read_only_member_answers_and_edits(app, world):
    c = as_user(app, world, "client_member")
    url = f"/projects/AAA/scan/{world['round']}/answer"
    page = c.get(url).get_data(as_text=True)
    assert "scan-progress" in page and domain.statement("team_1").text_en in page
    assert post(c, url, answers_form("4", urgency_1="dk")).status_code == 302
    db.session.rollback()
    mine = scan.user_response(db.session.get(ScanRound, world["round"]), world["users"]["client_member"])
    assert mine.side is Side.CLIENT and mine.answer_map()["urgency_1"] is None
    page = c.get(url).get_data(as_text=True)
    assert "Save my changes" in page and 'checked id="urgency_1-5"' in page  # "don't know"
    assert post(c, url, answers_form("2")).status_code == 302
    assert responses() == 1
    assert set(scan.user_response(db.session.get(ScanRound, world["round"]),
                                  world["users"]["client_member"]).answer_map().values()) == {2}


def test_coaches_do_not_answer(app, world):
    c = as_user(app, world, "coach")
    url = f"/projects/AAA/scan/{world['round']}/answer"
    assert c.get(url).status_code == 403
    assert post(c, url, answers_form(), "/projects/AAA/scan/").status_code == 403
    assert responses() == 0


@pytest.mark.parametrize("data", [answers_form("9"), {k: v for k, v in answers_form().items()
                                                      if k != "team_2"}, answers_form("abc")])
def test_bad_answers_store_nothing(app, world, data):
    c = as_user(app, world, "contractor_manager")
    response = post(c, f"/projects/AAA/scan/{world['round']}/answer", data)
    assert response.status_code == 422
    assert "Choose a score from 1 to 5" in response.get_data(as_text=True)
    assert responses() == 0


def test_csrf_is_required_on_every_scan_post(app, world):
    c = as_user(app, world, "client_manager")
    for url, data in (("/projects/AAA/scan/new", {"name": "No token"}),
                      (f"/projects/AAA/scan/{world['round']}/answer", answers_form())):
        assert c.post(url, data=data).status_code == 400
    assert responses() == 0
    assert db.session.scalar(select(func.count()).select_from(ScanRound)) == 2


def test_a_closed_round_takes_no_answers(app, world):
    closed = scan.open_round(world["a"], "Closed", TODAY - timedelta(days=9), TODAY - timedelta(days=1), None)
    c = as_user(app, world, "client_member")
    url = f"/projects/AAA/scan/{closed.id}/answer"
    assert c.get(url).status_code == 302
    assert post(c, url, answers_form(), "/projects/AAA/scan/").status_code == 302
    assert responses() == 0


def _fill(world, round_id, client_n, contractor_n):
    target = db.session.get(ScanRound, round_id)
    for i in range(client_n):
        scan.submit_response(target, make_user(), Side.CLIENT, {k: 4 for k in domain.STATEMENT_KEYS})
    for i in range(contractor_n):
        scan.submit_response(target, make_user(), Side.CONTRACTOR, {k: 2 for k in domain.STATEMENT_KEYS})


def test_results_with_both_sides(app, world):
    _fill(world, world["round"], 3, 3)
    c = as_user(app, world, "coach")
    body = c.get(f"/projects/AAA/scan/{world['round']}").get_data(as_text=True)
    assert 'class="chart-data" data-target="scan-radar"' in body and "scatterpolar" in body
    assert "too few responses" not in body and "+2.00" in body
    assert "The three weakest factors" in body and domain.factor("urgency").starter_en[:20] in body
    assert c.get(f"/projects/AAA/scan/{world['round']}/results.json").get_json()["factors"][
        "team"] == {"lens": "interaction", "client": 4.0, "contractor": 2.0, "gap": 2.0}


def test_too_few_responses_in_page_csv_and_json(app, world):
    _fill(world, world["round"], 3, 2)
    c = as_user(app, world, "client_member")
    base = f"/projects/AAA/scan/{world['round']}"
    body = c.get(base).get_data(as_text=True)
    assert "too few responses" in body and "scatterpolar" in body
    csv_text = c.get(base + "/results.csv").get_data(as_text=True)
    assert "factor,urgency,motivation,4.00,too few responses" in csv_text
    data = c.get(base + "/results.json").get_json()
    assert data["respondents"] == {"client": 3, "contractor": 2}
    assert all(f["contractor"] is None and f["gap"] is None for f in data["factors"].values())


def test_index_shows_counts_only(app, world):
    _fill(world, world["round"], 0, 0)
    c = as_user(app, world, "client_manager")
    post(c, f"/projects/AAA/scan/{world['round']}/answer", answers_form())
    body = c.get("/projects/AAA/scan/").get_data(as_text=True)
    assert "1 of 2 members answered" in body and "1 still to answer" in body
    assert "client_member" not in body  # no names of who has not answered


def test_statements_follow_the_language(app, world):
    c = as_user(app, world, "client_member")
    with c.session_transaction() as session:
        session["locale"] = "nl"
    body = c.get(f"/projects/AAA/scan/{world['round']}/answer").get_data(as_text=True)
    assert domain.statement("team_1").text_nl in body and domain.statement("team_1").text_en not in body
    assert domain.LENS_LABELS[domain.Lens.MOTIVATION]["nl"] in body


def test_opening_a_round_warns_about_sides_too_small_to_ever_show(app, world):
    from tests.factories import add_member
    body = as_user(app, world, "coach").get("/projects/AAA/scan/new").get_data(as_text=True)
    assert "The client side has 2 member(s)" in body and "The contractor side has" in body
    for i in range(3):
        add_member(world["a"], make_user(f"extra{i}@example.test"), "client", "member")
    body = as_user(app, world, "coach").get("/projects/AAA/scan/new").get_data(as_text=True)
    assert "The client side has" not in body and "The contractor side has" in body
