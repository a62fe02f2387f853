"""Give-and-take, phase and close-out pages: access, CSRF, bad input, escaping, exports."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.factories import csrf_token, login, make_project, seat_roles
from tracker.domain.give_take import CATEGORIES
from tracker.extensions import db
from tracker.models import CloseoutReview, GiveTakeEntry, GoalSetting, Phase, PhaseChange, Project

TODAY = date.today()
XSS = "<script>alert('x')</script>"
BASE = "/projects/AAA/partnership"


@pytest.fixture
def world(app):
    a = make_project("AAA", start_date=TODAY - timedelta(days=200))
    b = make_project("BBB")
    users = seat_roles(a, b)
    return {"users": users}


def as_user(app, world, who):
    c = app.test_client()
    login(c, world["users"][who])
    return c


def post(c, url, data, token_url=None):
    return c.post(url, data={**data, "csrf_token": csrf_token(c, token_url or url)})


def count(model) -> int:
    db.session.rollback()  # see what the requests committed
    return db.session.scalar(select(func.count()).select_from(model))


def gt_form(bring, get, comment="", label="2025 Q1"):
    data = {"label": label, "recorded_on": TODAY.isoformat()}
    for c, b, g in zip(CATEGORIES, bring, get):
        data.update({f"{c}_bring": str(b), f"{c}_get": str(g), f"{c}_comment": comment})
    return data


POSTS = [(f"{BASE}/give-take", gt_form([1] * 6, [1] * 6)),
         (f"{BASE}/phase", {"phase": "working", "changed_on": TODAY.isoformat()}),
         (f"{BASE}/goals", {"goals": "open"}),
         (f"{BASE}/close-out", {"went_well": "x"})]
GETS = [f"{BASE}/give-take", f"{BASE}/phase", f"{BASE}/close-out", f"{BASE}/close-out.md",
        f"{BASE}/close-out.csv"]


def test_outsiders_get_404(app, world):
    c = as_user(app, world, "outsider")
    token = csrf_token(c, "/projects/BBB/partnership/phase")
    for url in GETS:
        assert c.get(url).status_code == 404, url
    for url, data in POSTS:
        assert c.post(url, data={**data, "csrf_token": token}).status_code == 404, url


def test_every_member_reads_every_page(app, world):
    for who in ("client_manager", "client_member", "contractor_manager", "coach"):
        c = as_user(app, world, who)
        for url in GETS:
            assert c.get(url).status_code == 200, (who, url)


def test_read_only_members_cannot_post(app, world):
    c = as_user(app, world, "client_member")
    token = csrf_token(c, f"{BASE}/phase")
    for url, data in POSTS:
        assert c.post(url, data={**data, "csrf_token": token}).status_code == 403, url
    assert count(GiveTakeEntry) == count(PhaseChange) == count(CloseoutReview) == 0


def test_coaches_steer_but_do_not_record_give_and_take(app, world):
    c = as_user(app, world, "coach")
    assert post(c, f"{BASE}/give-take", gt_form([1] * 6, [1] * 6)).status_code == 403
    assert post(c, f"{BASE}/goals", {"goals": "concrete"}, f"{BASE}/phase").status_code == 302
    assert count(GoalSetting) == 1


def test_csrf_is_required_on_every_post(app, world):
    c = as_user(app, world, "client_manager")
    for url, data in POSTS:
        assert c.post(url, data=data).status_code == 400, url
    assert count(GiveTakeEntry) == count(PhaseChange) == count(CloseoutReview) == 0


def test_both_parties_record_and_the_signal_shows(app, world):
    client = as_user(app, world, "client_manager")
    response = post(client, f"{BASE}/give-take", gt_form([5, 4, 3, 2, 1, 0], [1] * 6, XSS))
    assert response.status_code == 302
    contractor = as_user(app, world, "contractor_manager")
    post(contractor, f"{BASE}/give-take", gt_form([1, 1, 1, 1, 0, 0], [2, 2, 2, 2, 1, 1]))
    assert count(GiveTakeEntry) == 12
    body = contractor.get(f"{BASE}/give-take").get_data(as_text=True)
    assert "Give and take is out of balance" in body and "brings 15 points and gets 6" in body
    assert "Lay give and take side by side" in body and "Person-to-person conversation" in body
    assert XSS not in body and "&lt;script&gt;" in body


def test_bad_give_and_take_stores_nothing(app, world):
    c = as_user(app, world, "client_manager")
    for data in (gt_form([9, 1, 1, 1, 1, 1], [1] * 6), gt_form([1] * 6, [1] * 6, label=""),
                 {**gt_form([1] * 6, [1] * 6), "people_get": ""}):
        assert post(c, f"{BASE}/give-take", data).status_code == 422
    assert count(GiveTakeEntry) == 0


def test_phase_change_to_letting_go_opens_the_close_out(app, world):
    c = as_user(app, world, "contractor_manager")
    assert post(c, f"{BASE}/phase", {"phase": "working", "changed_on": (TODAY - timedelta(days=30)).isoformat(),
                                     "note": XSS}).status_code == 302
    response = post(c, f"{BASE}/phase", {"phase": "letting_go", "changed_on": TODAY.isoformat()})
    assert response.status_code == 302 and response.headers["Location"].endswith("/close-out")
    db.session.rollback()
    assert db.session.scalar(select(Project).where(Project.code == "AAA")).phase is Phase.LETTING_GO
    body = c.get(f"{BASE}/phase").get_data(as_text=True)
    assert "Working together" in body and XSS not in body and "&lt;script&gt;" in body
    assert "Close-out review" in body


def test_bad_phase_change_stores_nothing(app, world):
    c = as_user(app, world, "coach")
    for data in ({"phase": "finding", "changed_on": TODAY.isoformat()},
                 {"phase": "working", "changed_on": (TODAY + timedelta(days=2)).isoformat()},
                 {"phase": "bogus", "changed_on": TODAY.isoformat()}):
        assert post(c, f"{BASE}/phase", data).status_code == 422
    assert count(PhaseChange) == 0


def test_close_out_review_saves_escapes_and_exports(app, world):
    coach = as_user(app, world, "coach")
    data = {"went_well": XSS, "own_initiative": "Pairs", "context": "Calm winter",
            "deeper_findings": "Trust grew on the work", "lessons": "=1+1"}
    assert post(coach, f"{BASE}/close-out", data).status_code == 302
    member = as_user(app, world, "client_member")
    body = member.get(f"{BASE}/close-out").get_data(as_text=True)
    assert "Calm winter" in body and XSS not in body and "&lt;script&gt;" in body
    assert "<textarea" not in body  # read-only for members
    markdown = member.get(f"{BASE}/close-out.md")
    assert markdown.mimetype == "text/markdown" and "attachment" in markdown.headers["Content-Disposition"]
    assert "## 4. What do we learn from this?\n\n=1+1" in markdown.get_data(as_text=True)
    csv_text = member.get(f"{BASE}/close-out.csv").get_data(as_text=True)
    assert "AAA,lessons,'=1+1" in csv_text


def test_leadership_suggestion_on_the_phase_page(app, world):
    c = as_user(app, world, "coach")
    body = c.get(f"{BASE}/phase").get_data(as_text=True)
    assert "relationships is not known yet" in body and "how concrete the goals are" in body


def test_with_scored_events_the_leadership_card_asks_only_for_the_goals(app, world):
    from tests.factories import make_event
    manager = world["users"]["client_manager"]
    project = db.session.scalar(select(Project).where(Project.code == "AAA"))
    for i in range(6):
        make_event(project, manager, title=f"Good talk {i}", kind="moment", scores={"p_openness": 1})
    body = as_user(app, world, "coach").get(f"{BASE}/phase").get_data(as_text=True)
    assert "relationships is not known yet" not in body
    assert "What is missing is how concrete the goals are." in body
    assert f'href="{BASE}/phase#goals"' in body and 'id="goals"' in body


def test_the_dashboard_shows_the_instruments_and_the_imbalance_signal(app, world):
    client = as_user(app, world, "client_manager")
    post(client, f"{BASE}/give-take", gt_form([5, 4, 3, 2, 1, 0], [1] * 6, XSS))
    contractor = as_user(app, world, "contractor_manager")
    post(contractor, f"{BASE}/give-take", gt_form([1, 1, 1, 1, 0, 0], [2, 2, 2, 2, 1, 1]))
    coach = as_user(app, world, "coach")
    body = coach.get("/projects/AAA/dashboard").get_data(as_text=True)
    assert "The partnership as a whole" in body
    assert "Give and take is out of balance" in body and "brings 15 points and gets 6" in body
    assert "Fitting role for the process lead" in body and "Collaboration scan" in body
    assert XSS not in body
