"""Hidden characters and odd numbers anywhere: scan answers, event titles, CSV cells, `next` targets."""
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from tests.factories import add_member
from tests.fuzz.conftest import assert_no_server_error, count, events_of
from tests.fuzz.strategies import FUZZ, disguised, integer_text
from tests.fuzz.test_fuzz_transfer import GOOD_ROW, HEADER, upload
from tracker.domain import scan as domain
from tracker.domain.text import has_hidden_characters
from tracker.extensions import db
from tracker.models import Event, ScanAnswer
from tracker.models.audit import AuditEntry
from tracker.services.instruments import scan


@pytest.fixture
def scan_round(world):
    add_member(world.project, world.victim, "client", "member")
    return scan.open_round(world.project, "Fuzz round", date.today() - timedelta(days=1),
                           date.today() + timedelta(days=3), None)


@FUZZ
@given(answers=st.dictionaries(st.sampled_from(sorted(domain.STATEMENT_KEYS)), integer_text, max_size=6))
def test_scan_answers(manager, world, scan_round, answers):
    url = f"/projects/FUZZ/scan/{scan_round.id}/answer"
    response = manager.post(url, {**{key: "3" for key in domain.STATEMENT_KEYS}, **answers})
    assert_no_server_error(response, {302, 400, 422})
    db.session.rollback()
    assert all(a.score in (None, 1, 2, 3, 4, 5) for a in db.session.scalars(select(ScanAnswer)))


@FUZZ
@given(title=disguised, description=disguised)
def test_titles_are_stored_without_hidden_characters(manager, world, title, description):
    before = count(Event)
    response = manager.post("/projects/FUZZ/events/new", {
        "occurred_on": "2025-02-03", "side": "client", "kind": "moment", "steering": "relational",
        "planned": "planned", "title": title, "description": description})
    assert_no_server_error(response, {302, 422})
    if response.status_code == 302:
        assert count(Event) == before + 1
    for stored in events_of(world.project.id):
        assert not has_hidden_characters(stored.title) and not has_hidden_characters(stored.description or "")
        assert stored.title.strip()


@FUZZ
@given(title=disguised, ref=disguised)
def test_csv_cells_are_previewed_and_stored_without_hidden_characters(manager, world, title, ref):
    row = [*GOOD_ROW[:6], title.replace(",", "").replace('"', ""), "", GOOD_ROW[8]]
    content = (",".join(HEADER) + ",ref\n" + ",".join(row) + "," + ref.replace(",", "").replace('"', "")
               + "\n").encode("utf-8", "surrogatepass")
    response = upload(manager, content)
    assert_no_server_error(response, {200, 400, 422})
    assert not has_hidden_characters(response.get_data(as_text=True).split("<main", 1)[-1])


@FUZZ
@given(email=disguised)
def test_the_audit_log_gets_no_hidden_characters_from_sign_in(app, world, email):
    from tests.factories import csrf_token

    client = app.test_client()
    client.post("/login", data={"email": email, "password": "wrong password 1",
                                "csrf_token": csrf_token(client, "/login")})
    db.session.rollback()
    assert not any(has_hidden_characters(e.target or "") for e in db.session.scalars(select(AuditEntry)))
