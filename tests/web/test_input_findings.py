"""Regression tests for hostile-input findings: each of these once gave a 500 or stored disguised text."""
import io
from urllib.parse import urlsplit
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.factories import PASSWORD, add_member, csrf_token, login, make_project, make_user
from tracker.domain import scan as domain
from tracker.extensions import db
from tracker.models import Event, ScanResponse
from tracker.models.audit import AuditEntry
from tracker.services.instruments import scan

HUGE = "9" * 5_000
BIDI = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "exe.txt" shows as "txt.exe"
HEADER = "occurred_on,side,kind,steering,escalation_level,planned,title,description,p_openness"


@pytest.fixture
def manager(app):
    project = make_project("SEC")
    user = make_user("manager@sec.test")
    add_member(project, user, "client", "manager")
    return user


def signed_in(app, user):
    client = app.test_client()
    assert login(client, user).status_code == 302
    return client


@pytest.mark.parametrize("path", ["/admin/", "/admin/users", "/admin/users/1", "/admin/audit", "/admin/nope"])
def test_options_on_admin_urls_without_signing_in_is_not_a_500(client, path):
    response = client.open(path, method="OPTIONS")
    assert response.status_code < 500
    assert response.status_code in (200, 204, 302, 401, 404)


@pytest.mark.parametrize("evil", ["/projects\r\nSet-Cookie: x=1", "/projects\n", "/\rfoo", "/ok\x00",
                                  "/%0d%0aLocation: //evil", "/projects\u2028"])
def test_control_characters_in_next_fall_back_to_the_default(client, manager, evil):
    token = csrf_token(client, "/login")
    response = client.post("/login", data={"email": manager.email, "password": PASSWORD,
                                           "next": evil, "csrf_token": token})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert "\r" not in location and "\n" not in location and urlsplit(location).netloc in ("", "localhost")
    response = client.post("/language", data={"locale": "nl", "next": evil,
                                              "csrf_token": csrf_token(client, "/projects/")})
    assert response.status_code == 302
    assert "\r" not in response.headers["Location"] and "\n" not in response.headers["Location"]


@pytest.mark.parametrize("answer", ["²", "٣", HUGE, "-1", "1" + "\u0663"])
def test_odd_scan_answers_are_rejected_not_a_500(app, manager, answer):
    project = make_project("SCN")
    add_member(project, manager, "client", "member")
    rnd = scan.open_round(project, "Round", date.today() - timedelta(days=1), date.today() + timedelta(days=3), None)
    client = signed_in(app, manager)
    url = f"/projects/SCN/scan/{rnd.id}/answer"
    data = {key: "4" for key in domain.STATEMENT_KEYS}
    data["urgency_1"] = answer
    response = client.post(url, data={**data, "csrf_token": csrf_token(client, url)})
    assert response.status_code in (200, 400, 422)
    db.session.rollback()
    assert db.session.scalars(select(ScanResponse)).first() is None


@pytest.mark.parametrize("score", ["²", HUGE])
def test_import_scan_rejects_odd_scores_with_a_line_number(runner, app, tmp_path, score):
    make_project("N33")
    path = tmp_path / "scan.csv"
    path.write_text(f"respondent,side,statement,score\nc1,client,urgency_1,{score}\n", encoding="utf-8")
    result = runner.invoke(args=["tracker", "import-scan", "N33", str(path)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "line 2, column score" in result.stderr and "Traceback" not in result.output


def test_huge_integer_in_an_event_csv_is_a_row_error_on_the_web(app, manager):
    client = signed_in(app, manager)
    url = "/projects/SEC/transfer/import"
    content = f"{HEADER}\n2025-02-03,client,moment,relational,{HUGE},planned,T,,{HUGE}\n".encode()
    response = client.post(url, data={"file": (io.BytesIO(content), "events.csv"),
                                      "csrf_token": csrf_token(client, url)},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "escalation_level" in html and "p_openness" in html


def test_huge_integer_in_an_event_csv_is_a_row_error_in_import_events(runner, app, tmp_path):
    make_project("N712")
    path = tmp_path / "events.csv"
    path.write_text(f"{HEADER}\n2025-02-03,client,moment,relational,{HUGE},planned,T,,1\n", encoding="utf-8")
    result = runner.invoke(args=["tracker", "import-events", "N712", str(path)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "line 2, column escalation_level" in result.stderr


def test_bidi_overrides_and_controls_never_reach_the_database_from_a_form(app, manager):
    client = signed_in(app, manager)
    url = "/projects/SEC/events/new"
    response = client.post(url, data={
        "csrf_token": csrf_token(client, url), "occurred_on": "2025-02-03", "side": "client", "kind": "moment",
        "steering": "relational", "planned": "planned", "title": f"Meeting {BIDI}gnp.exe\x07\x1b[31m",
        "description": "line one\r\nline\u2066 two\x00"})
    assert response.status_code in (302, 303), response.get_data(as_text=True)[-500:]
    db.session.rollback()
    stored = db.session.scalars(select(Event)).one()
    assert stored.title == "Meeting gnp.exe[31m"
    assert stored.description == "line one\nline two"


def test_bidi_overrides_are_stripped_from_csv_imports(runner, app, tmp_path):
    make_project("N712")
    path = tmp_path / "events.csv"
    header = HEADER.replace("description,", "description,ref,")
    path.write_text(f"{header}\n2025-02-03,client,moment,relational,,planned,Kick{BIDI}off\x01,"
                    f"\u200fnote,R{BIDI}1,1\n", encoding="utf-8")
    result = runner.invoke(args=["tracker", "import-events", "N712", str(path)])
    assert result.exit_code == 0, result.output
    db.session.rollback()
    stored = db.session.scalars(select(Event)).one()
    assert (stored.title, stored.description, stored.ref) == ("Kickoff", "note", "R1")
    again = runner.invoke(args=["tracker", "import-events", "N712", str(path)])
    assert "already there" in again.output  # the cleaned ref still matches on re-import


def test_bidi_overrides_in_a_login_attempt_do_not_disguise_the_audit_log(client):
    token = csrf_token(client, "/login")
    client.post("/login", data={"email": f"admin{BIDI}@moc.example", "password": "x" * 12, "csrf_token": token})
    db.session.rollback()
    targets = [entry.target for entry in db.session.scalars(select(AuditEntry))]
    assert targets and all(BIDI not in (t or "") for t in targets)
