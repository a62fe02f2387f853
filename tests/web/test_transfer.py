"""The transfer pages: format help, CSV upload (managers, own side, all or nothing), downloads."""
import io
from datetime import date

import pytest
from sqlalchemy import func, select

from tests.factories import add_member, csrf_token, login, make_event, make_project, make_user
from tracker.extensions import db
from tracker.models import Event

HEADER = "occurred_on,side,kind,steering,escalation_level,planned,title,description,p_openness"
GOOD = (HEADER + "\n2025-02-03,client,moment,relational,,planned,Bouwteamoverleg,,2\n"
        "2025-02-10,client,issue,contractual,,,Brief over planning,,-1\n")


@pytest.fixture
def setup(app):
    """A project with a manager and member per side, a coach, and an outsider elsewhere."""
    project = make_project("N712")
    people = {}
    for name, side, role in (("client_manager", "client", "manager"), ("contractor_manager", "contractor", "manager"),
                             ("client_member", "client", "member"), ("coach", "coach", "member")):
        people[name] = make_user(name=name)
        add_member(project, people[name], side, role)
    people["outsider"] = make_user(name="outsider")
    add_member(make_project("OTHER"), people["outsider"], "client", "manager")
    return project, people


def count_events() -> int:
    db.session.rollback()  # end the test's read snapshot so the requests' writes are visible
    return db.session.scalar(select(func.count()).select_from(Event))


def upload(client, content: bytes, token: str | None = "fetch", code: str = "N712"):
    data = {"file": (io.BytesIO(content), "events.csv")}
    if token == "fetch":
        token = csrf_token(client, f"/projects/{code}/transfer/")
    if token:
        data["csrf_token"] = token
    return client.post(f"/projects/{code}/transfer/import", data=data, content_type="multipart/form-data")


def confirm(client, preview, code: str = "N712"):
    """Confirm the import a preview page offers."""
    import re
    text = preview.get_data(as_text=True)
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', text).group(1)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', text).group(1)
    return client.post(f"/projects/{code}/transfer/import/confirm", data={"token": token, "csrf_token": csrf})


def test_page_explains_the_format_and_offers_the_upload_to_managers(client, setup):
    _, people = setup
    login(client, people["client_manager"])
    html = client.get("/projects/N712/transfer/").get_data(as_text=True)
    assert "occurred_on" in html and "s_monitoring" in html and "retraction_reason" in html
    assert 'type="file"' in html and "/projects/N712/transfer/template" in html


def test_members_and_coaches_see_the_page_without_upload(app, setup):
    _, people = setup
    for who in ("client_member", "coach"):
        client = app.test_client()
        login(client, people[who])
        response = client.get("/projects/N712/transfer/")
        assert response.status_code == 200 and b'type="file"' not in response.data


def test_upload_happy_path(client, setup):
    project, people = setup
    login(client, people["client_manager"])
    preview = upload(client, GOOD.encode())
    assert preview.status_code == 200 and count_events() == 0  # the preview stores nothing
    assert "2 new events will be added." in preview.get_data(as_text=True)
    response = confirm(client, preview)
    assert response.status_code == 302 and response.headers["Location"] == "/projects/N712"
    assert count_events() == 2
    assert "2 events imported. 0 rows skipped." in client.get("/projects/N712").get_data(as_text=True)
    assert confirm(client, preview).status_code == 302 and count_events() == 2  # a second click adds nothing
    db.session.rollback()
    event = db.session.scalars(select(Event).order_by(Event.occurred_on)).first()
    assert event.created_by_id == people["client_manager"].id and event.project_id == project.id


def test_a_bad_file_shows_every_error_and_stores_nothing(client, setup):
    _, people = setup
    login(client, people["client_manager"])
    bad = GOOD + "2025-02-31,client,issue,relational,,,Fout,,5\n2025-02-01,client,escalation,contractual,,,,,\n"
    response = upload(client, bad.encode())
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and count_events() == 0
    assert "Nothing was imported" in html
    for line, column in (("4", "occurred_on"), ("4", "p_openness"), ("5", "escalation_level"), ("5", "title")):
        assert f"<tr><td>{line}</td><td><code>{column}</code></td>" in html


def test_non_csv_content_is_refused_clearly(client, setup):
    _, people = setup
    login(client, people["client_manager"])
    response = upload(client, b"\x89PNG\r\n\x1a\n\x00\xff")
    assert response.status_code == 422 and b"UTF-8" in response.data and count_events() == 0


def test_rows_of_the_other_side_are_listed_as_skipped(client, setup):
    _, people = setup
    login(client, people["contractor_manager"])
    response = upload(client, GOOD.encode())
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and count_events() == 0
    assert "0 new events will be added." in text and "2 rows will be skipped." in text
    assert text.count("each party imports its own view.") == 2 and "Import 0" not in text


def test_importing_the_same_file_twice_adds_nothing_the_second_time(client, setup):
    _, people = setup
    login(client, people["client_manager"])
    confirm(client, upload(client, GOOD.encode()))
    preview = upload(client, GOOD.encode())
    text = preview.get_data(as_text=True)
    assert "0 new events will be added." in text and "2 rows will be skipped." in text
    assert "Identical to event #" in text and count_events() == 2


def test_a_confirmation_needs_the_previewing_session(app, client, setup):
    _, people = setup
    login(client, people["client_manager"])
    preview = upload(client, GOOD.encode())
    import re
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', preview.get_data(as_text=True)).group(1)
    other = app.test_client()
    login(other, people["client_manager"])
    response = other.post("/projects/N712/transfer/import/confirm",
                          data={"token": token, "csrf_token": csrf_token(other, "/projects/N712/transfer/")})
    assert response.status_code == 302 and count_events() == 0
    assert "no longer waiting" in other.get(response.headers["Location"]).get_data(as_text=True)


def test_upload_needs_csrf(client, setup):
    _, people = setup
    login(client, people["client_manager"])
    assert upload(client, GOOD.encode(), token=None).status_code == 400
    assert count_events() == 0


def test_upload_needs_a_file(client, setup):
    _, people = setup
    login(client, people["client_manager"])
    token = csrf_token(client, "/projects/N712/transfer/")
    response = client.post("/projects/N712/transfer/import", data={"csrf_token": token},
                           content_type="multipart/form-data")
    assert response.status_code == 400 and b"Choose a CSV file" in response.data


@pytest.mark.parametrize("who", ["client_member", "coach"])
def test_members_and_coaches_cannot_upload(app, setup, who):
    _, people = setup
    client = app.test_client()
    login(client, people[who])
    assert upload(client, GOOD.encode()).status_code == 403
    assert count_events() == 0


@pytest.mark.parametrize("path", ["/", "/export", "/template"])
def test_other_projects_users_get_404(client, setup, path):
    _, people = setup
    login(client, people["outsider"])
    assert client.get("/projects/N712/transfer" + path).status_code == 404


def test_outsider_upload_is_404(client, setup):
    _, people = setup
    login(client, people["outsider"])
    token = csrf_token(client, "/projects/OTHER/transfer/")
    response = client.post("/projects/N712/transfer/import", content_type="multipart/form-data",
                           data={"csrf_token": token, "file": (io.BytesIO(GOOD.encode()), "e.csv")})
    assert response.status_code == 404 and count_events() == 0


def test_anonymous_is_sent_to_login(client, setup):
    assert client.get("/projects/N712/transfer/export").status_code == 302


@pytest.mark.parametrize("who", ["client_member", "coach", "contractor_manager"])
def test_export_for_every_member(app, setup, who):
    project, people = setup
    make_event(project, people["client_manager"], title="=cmd|' /C calc'!A0", scores={"p_openness": -1})
    client = app.test_client()
    login(client, people[who])
    response = client.get("/projects/N712/transfer/export")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == \
        f"attachment; filename=N712-events-{date.today().isoformat()}.csv"
    text = response.get_data(as_text=True)
    assert text.startswith(HEADER.rsplit(",", 1)[0] + ",p_competence,")
    assert "'=cmd" in text and ",-1," in text


def test_template_download(client, setup):
    _, people = setup
    login(client, people["client_member"])
    response = client.get("/projects/N712/transfer/template")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == "attachment; filename=N712-events-template.csv"
    assert response.get_data(as_text=True).count("\n") == 1


def test_an_export_uploads_again(client, setup):
    project, people = setup
    login(client, people["client_manager"])
    confirm(client, upload(client, GOOD.encode()))
    exported = client.get("/projects/N712/transfer/export").data
    preview = upload(client, exported)
    assert preview.status_code == 200 and "2 rows will be skipped." in preview.get_data(as_text=True)
    assert count_events() == 2


def test_each_manager_imports_their_own_partys_view_of_one_event(app, setup):
    """The client imports the event; the contractor, from the same file, adds its view to it."""
    _, people = setup
    pair = (HEADER + ",ref\n2025-03-11,client,escalation,contractual,2,,Claim to the directors,,-1,CLAIM-12\n"
            "2025-03-11,contractor,,,,,,A normal step for us,1,CLAIM-12\n").encode()
    contractor = app.test_client()
    login(contractor, people["contractor_manager"])
    early = upload(contractor, pair).get_data(as_text=True)
    assert "has not imported yet" in early and "Import 0" not in early  # nothing to join yet
    client = app.test_client()
    login(client, people["client_manager"])
    confirm(client, upload(client, pair))
    preview = upload(contractor, pair)
    text = preview.get_data(as_text=True)
    assert "1 view of the other party will be added to its event." in text and "Import 1 view" in text
    assert confirm(contractor, preview).status_code == 302
    assert "0 events imported. 1 view of the other party added. 1 row skipped." in \
        contractor.get("/projects/N712").get_data(as_text=True)
    db.session.rollback()
    (event,) = db.session.scalars(select(Event)).all()
    assert event.other_view.score_map() == {"p_openness": 1} and event.other_view.note == "A normal step for us"
    assert event.other_view.created_by_id == people["contractor_manager"].id
    exported = client.get("/projects/N712/transfer/export").get_data(as_text=True)
    assert exported.count("CLAIM-12") == 2 and "A normal step for us" in exported
