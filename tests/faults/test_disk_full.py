"""A full disk (SQLite's max_page_count) gives a clear 507 page and leaves the database intact."""
import io
import re
import sqlite3

from sqlalchemy import func, select

from tests.conftest import IsolatedClient
from tests.factories import add_member, csrf_token, login, make_event, make_project, make_user
from tests.faults.conftest import app_for, close
from tests.faults.live import event_fields
from tracker.extensions import db
from tracker.models import Event, EventRevision, User

BIG = "The whole story, at length. " * 350  # ~9,800 characters: needs new pages
LONG = "Long story without commas " * 75  # ~2,000 characters per CSV row


def _seed(url: str) -> None:
    """A client manager on project FULL with one event logged before the disk filled up."""
    app = app_for(url)
    with app.app_context():
        user = make_user("full@example.test")
        project = make_project("FULL")
        add_member(project, user, "client", "manager")
        make_event(project, user, title="Logged before the disk filled up")
    close(app)


def _compact(path: str) -> int:
    """VACUUM (no free pages left to reuse) and return the page count."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("VACUUM")
        return conn.execute("PRAGMA page_count").fetchone()[0]
    finally:
        conn.close()


def _full_app(url: str):
    """An app whose SQLite file cannot grow by a single page."""
    pages = _compact(url.removeprefix("sqlite:///"))
    app = app_for(url, SQLITE_MAX_PAGE_COUNT=pages)
    app.test_client_class = IsolatedClient
    return app


def _state(path: str) -> tuple[str, int, int, list[str]]:
    """integrity_check, event and revision counts, and the titles, read with plain sqlite3."""
    conn = sqlite3.connect(path)
    try:
        return (conn.execute("PRAGMA integrity_check").fetchone()[0],
                conn.execute("SELECT count(*) FROM event").fetchone()[0],
                conn.execute("SELECT count(*) FROM event_revision").fetchone()[0],
                [row[0] for row in conn.execute("SELECT title FROM event ORDER BY id")])
    finally:
        conn.close()


def test_logging_an_event_on_a_full_disk_gives_507_and_stores_nothing(sqlite_url):
    _seed(sqlite_url)
    path = sqlite_url.removeprefix("sqlite:///")
    app = _full_app(sqlite_url)
    with app.app_context():
        client = app.test_client()
        assert login(client, db.session.scalar(select(User))).status_code == 302
        token = csrf_token(client, "/projects/FULL/events/new")
        fields = dict(event_fields("Too big to fit", token), description=BIG)
        response = client.post("/projects/FULL/events/new", data=fields)
        html = response.get_data(as_text=True)
        assert response.status_code == 507
        assert "Storage full" in html and "nothing was saved" in html
        assert "Traceback" not in html and "sqlite3" not in html
    close(app)
    assert _state(path) == ("ok", 1, 1, ["Logged before the disk filled up"])

    roomy = app_for(sqlite_url)  # space freed: the same event can be logged now
    roomy.test_client_class = IsolatedClient
    with roomy.app_context():
        client = roomy.test_client()
        login(client, db.session.scalar(select(User)))
        token = csrf_token(client, "/projects/FULL/events/new")
        response = client.post("/projects/FULL/events/new",
                               data=dict(event_fields("Too big to fit", token), description=BIG))
        assert response.status_code == 302
    close(roomy)
    integrity, events, revisions, _titles = _state(path)
    assert (integrity, events, revisions) == ("ok", 2, 2)


def test_a_csv_import_on_a_full_disk_gives_507_and_imports_nothing(sqlite_url):
    _seed(sqlite_url)
    path = sqlite_url.removeprefix("sqlite:///")
    rows = "".join(f"2025-02-{day:02d},client,moment,relational,,planned,Overleg {day},{LONG},1\n"
                   for day in range(1, 21))
    content = ("occurred_on,side,kind,steering,escalation_level,planned,title,description,p_openness\n"
               + rows).encode()
    app = _full_app(sqlite_url)
    with app.app_context():
        client = app.test_client()
        login(client, db.session.scalar(select(User)))
        token = csrf_token(client, "/projects/FULL/transfer/")
        preview = client.post("/projects/FULL/transfer/import", content_type="multipart/form-data",
                              data={"csrf_token": token, "file": (io.BytesIO(content), "events.csv")})
        staged = re.search(r'name="token" type="hidden" value="([^"]+)"', preview.get_data(as_text=True)).group(1)
        response = client.post("/projects/FULL/transfer/import/confirm",
                               data={"csrf_token": token, "token": staged})
        assert response.status_code == 507, response.get_data(as_text=True)[-3000:]
        assert "Storage full" in response.get_data(as_text=True)
        assert db.session.scalar(select(func.count()).select_from(Event)) == 1
        assert db.session.scalar(select(func.count()).select_from(EventRevision)) == 1
    close(app)
    assert _state(path) == ("ok", 1, 1, ["Logged before the disk filled up"])
