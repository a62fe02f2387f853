"""A GET never writes to the database: every page, crawled as each kind of demo user.

The one exception is the audit line a download leaves (a CSV export); those URLs are listed.
"""
import re
from collections import deque
from datetime import date
from urllib.parse import urldefrag, urlsplit

import pytest
from sqlalchemy import event

from tests.factories import csrf_token
from tracker.extensions import db
from tracker.services.demo import load as demo

WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.I)
AUDITED_DOWNLOADS = re.compile(r"/export(\.csv)?$|/events\.csv$")
SAME_SHAPE_LIMIT = 2  # pages per URL shape (digits → N): every kind of page, not every event
USERS = ("marieke.devries@noordholt.example", "ingrid.bos@samenspel.example", "beheer@tracker.example")


@pytest.fixture
def demo_world(app):
    """The demo portfolio, with its summaries stored as `make run` leaves them."""
    from tracker.services.portfolio.overview import refresh_all

    with app.test_request_context():
        demo.create_demo()
        refresh_all(date.today())
    db.session.commit()
    return app


@pytest.fixture
def statements(demo_world):
    """Every data-changing SQL statement the engine runs from now on."""
    seen: list[str] = []

    def record(_conn, _cursor, statement, _params, _context, _many):
        if WRITES.match(statement):
            seen.append(statement.split("\n")[0][:120])

    event.listen(db.engine, "before_cursor_execute", record)
    yield seen
    event.remove(db.engine, "before_cursor_execute", record)


def _links(html: str) -> list[str]:
    """Same-site hrefs of a page, without fragments."""
    out = []
    for href in re.findall(r'href="([^"]+)"', html):
        href = urldefrag(href.replace("&amp;", "&"))[0]
        if href.startswith("/") and not href.startswith("//") and not href.startswith("/static/"):
            out.append(href)
    return out


def _crawl(client, statements: list[str]) -> dict[str, list[str]]:
    """GET every reachable page shape once or twice; URL → the writes it caused."""
    shapes: dict[str, int] = {}
    queue, seen, found = deque(["/"]), {"/"}, {}
    while queue:
        url = queue.popleft()
        before = len(statements)
        response = client.get(url)
        found[url] = statements[before:]
        if response.status_code != 200 or "html" not in (response.content_type or ""):
            continue
        for link in _links(response.get_data(as_text=True)):
            path = urlsplit(link).path
            shape = re.sub(r"\d+", "N", path)
            if link in seen or path in ("/logout",) or shapes.get(shape, 0) >= SAME_SHAPE_LIMIT:
                continue
            shapes[shape] = shapes.get(shape, 0) + 1
            seen.add(link)
            queue.append(link)
    return found


@pytest.mark.parametrize("email", USERS)
def test_no_page_writes_to_the_database(demo_world, statements, email):
    client = demo_world.test_client()
    response = client.post("/login", data={"email": email, "password": demo.DEMO_PASSWORD,
                                           "csrf_token": csrf_token(client, "/login")})
    assert response.status_code == 302
    visited = _crawl(client, statements)
    assert len(visited) > 20, sorted(visited)
    paths = {urlsplit(url).path for url in visited}
    if email != "beheer@tracker.example":  # the admin has no project seat
        assert any(p.endswith("/report") for p in paths) and any(p.endswith("/report.pdf") for p in paths)
    if email == "ingrid.bos@samenspel.example":
        assert {"/coach/reports", "/coach/reports.zip"} <= paths
    written = {url: sql for url, sql in visited.items()
               if sql and not AUDITED_DOWNLOADS.search(urlsplit(url).path)}
    assert written == {}
