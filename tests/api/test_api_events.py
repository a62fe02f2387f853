"""The event resources: list with filters and cursors, ETags, idempotent logging, changes with
If-Match, retraction, history, problem+json for bad input, and the audit line with the token name."""
from sqlalchemy import select

from tests.api.conftest import bearer
from tests.factories import make_event
from tracker.extensions import db
from tracker.models import Event
from tracker.models.audit import AuditEntry

NEW = {"occurred_on": "2025-04-01", "kind": "issue", "steering": "contractual", "title": "Late drawings",
       "scores": {"p_openness": -1}}


def test_every_response_has_the_api_version_header(client, world):
    headers = bearer(world["users"]["client_manager"])
    for url in ("/api/v1/projects", "/api/v1/projects/AAA", "/api/v1/nope", "/api/v1/openapi.json"):
        assert client.get(url, headers=headers).headers["API-Version"] == "1.0.0", url


def test_events_are_paged_with_a_cursor_newest_first(client, world):
    from datetime import date, timedelta

    user = world["users"]["client_manager"]
    for day in range(7):
        make_event(world["a"], user, title=f"E{day}", occurred_on=date(2025, 1, 1) + timedelta(days=day))
    headers, url, seen = bearer(user), "/api/v1/projects/AAA/events?pageSize=3&kind=issue", []
    while url:
        body = client.get(url, headers=headers).get_json()
        assert len(body["items"]) <= 3
        seen += [e["id"] for e in body["items"]]
        url = (body["_links"].get("next") or {}).get("href")
    rows = db.session.execute(select(Event.id).where(Event.project_id == world["a"].id)
                              .order_by(Event.occurred_on.desc(), Event.id.desc())).scalars().all()
    assert seen == list(rows) and len(seen) == 8


def test_filters_and_bad_parameters(client, world):
    headers = bearer(world["users"]["client_manager"])
    body = client.get("/api/v1/projects/AAA/events?side=contractor", headers=headers).get_json()
    assert body["items"] == []
    response = client.get("/api/v1/projects/AAA/events?dateFrom=yesterday&pageSize=0", headers=headers)
    assert response.status_code == 400 and response.content_type == "application/problem+json"
    problem = response.get_json()
    assert {p["name"] for p in problem["invalid-params"]} == {"dateFrom", "pageSize"}
    assert all(p["location"] == "query" and p["code"] and p["reason"] for p in problem["invalid-params"])
    assert client.get("/api/v1/projects/AAA/events?cursor=zzz", headers=headers).status_code == 400


def test_logging_an_event_is_idempotent_with_a_key_or_a_ref(client, world):
    headers = {**bearer(world["users"]["client_manager"]), "Idempotency-Key": "k-1"}
    first = client.post("/api/v1/projects/AAA/events", json=NEW, headers=headers)
    assert first.status_code == 201, first.get_json()
    event = first.get_json()
    assert event["side"] == "client" and event["scores"] == {"p_openness": -1} and first.headers["ETag"] == '"1"'
    again = client.post("/api/v1/projects/AAA/events", json={**NEW, "title": "retry"}, headers=headers)
    assert again.status_code == 200 and again.get_json()["id"] == event["id"]
    with_ref = {**NEW, "ref": "REG-42"}
    plain = bearer(world["users"]["client_manager"])
    one = client.post("/api/v1/projects/AAA/events", json=with_ref, headers=plain)
    two = client.post("/api/v1/projects/AAA/events", json=with_ref, headers=plain)
    assert (one.status_code, two.status_code) == (201, 200)
    assert one.get_json()["id"] == two.get_json()["id"] and one.get_json()["ref"] == "REG-42"
    count = db.session.scalar(select(db.func.count()).select_from(Event).where(Event.project_id == world["a"].id))
    assert count == 3  # the fixture's event and the two logged here


def test_bad_event_input_is_a_400_with_every_field_and_nothing_stored(client, world):
    headers = bearer(world["users"]["client_manager"])
    bad = {"occurred_on": "2999-01-01", "kind": "escalation", "steering": "relational", "title": "x",
           "scores": {"p_nonsense": 1}}
    response = client.post("/api/v1/projects/AAA/events", json=bad, headers=headers)
    assert response.status_code == 400
    names = {p["name"] for p in response.get_json()["invalid-params"]}
    assert {"occurred_on", "escalation_level", "scores"} <= names
    unknown = client.post("/api/v1/projects/AAA/events", json={**NEW, "colour": "red"}, headers=headers)
    assert unknown.status_code == 400 and unknown.get_json()["invalid-params"][0]["name"] == "colour"
    assert client.post("/api/v1/projects/AAA/events", data="{", headers={**headers, "Content-Type": "application/json"}
                       ).status_code == 400
    assert db.session.scalar(select(db.func.count()).select_from(Event)) == 2


def test_changing_needs_the_current_etag(client, world):
    headers = bearer(world["users"]["client_manager"])
    url = f"/api/v1/projects/AAA/events/{world['event_a']}"
    etag = client.get(url, headers=headers).headers["ETag"]
    assert client.get(url, headers={**headers, "If-None-Match": etag}).status_code == 304
    assert client.patch(url, json={"title": "New"}, headers=headers).status_code == 428
    changed = client.patch(url, json={"title": "New"}, headers={**headers, "If-Match": etag})
    assert changed.status_code == 200 and changed.get_json()["title"] == "New"
    assert changed.headers["ETag"] == '"2"'
    stale = client.patch(url, json={"title": "Other"}, headers={**headers, "If-Match": etag})
    assert stale.status_code == 412 and stale.headers["ETag"] == '"2"'
    assert client.get(url, headers=headers).get_json()["title"] == "New"


def test_retracting_keeps_the_event_in_the_history(client, world):
    headers = bearer(world["users"]["client_manager"])
    url = f"/api/v1/projects/AAA/events/{world['event_a']}"
    response = client.post(url + "/retraction", json={"reason": "Logged twice"},
                           headers={**headers, "If-Match": '"1"'})
    assert response.status_code == 200 and response.get_json()["retracted"] is True
    history = client.get(url + "/revisions", headers=headers).get_json()["items"]
    assert [r["action"] for r in history] == ["created", "retracted"] and history[1]["note"] == "Logged twice"
    again = client.post(url + "/retraction", json={"reason": "x"}, headers={**headers, "If-Match": '"2"'})
    assert again.status_code == 400


def test_every_api_write_is_audited_with_the_tokens_name(client, world):
    headers = bearer(world["users"]["client_manager"])
    created = client.post("/api/v1/projects/AAA/events", json=NEW, headers=headers).get_json()
    url = f"/api/v1/projects/AAA/events/{created['id']}"
    client.patch(url, json={"title": "Changed"}, headers={**headers, "If-Match": '"1"'})
    client.post(url + "/retraction", json={"reason": "Wrong"}, headers={**headers, "If-Match": '"2"'})
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action.like("api.%"))
                                 .order_by(AuditEntry.id)).all()
    assert [e.action for e in entries] == ["api.event.create", "api.event.edit", "api.event.retract"]
    assert all(e.details["token"] == "test tool" and e.actor.name == "client_manager" for e in entries)


def test_signals_figures_and_the_other_view(client, world):
    headers = bearer(world["users"]["contractor_manager"])
    signals = client.get("/api/v1/projects/AAA/signals?asOf=2025-06-01", headers=headers).get_json()
    assert signals["project"] == "AAA" and signals["as_of"] == "2025-06-01" and "flags" in signals
    figures = client.get("/api/v1/projects/AAA/figures?asOf=2025-06-01", headers=headers).get_json()
    assert figures["events"] == 1 and set(figures["by_side"]) == {"client", "contractor"}
    url = f"/api/v1/projects/AAA/events/{world['event_a']}/other-view"
    assert client.get(url, headers=headers).status_code == 404
    assert client.get("/api/v1/projects/AAA/signals?asOf=soon", headers=headers).status_code == 400
