"""Every API route × role × someone else's project, event or token: 401/403/404, never data.

Routes come from the app's URL map, so a new API route is covered the day it is added.
"""
from datetime import timedelta

import pytest

from tests.api.conftest import SECRET_EVENT, SECRET_PROJECT, bearer
from tracker.extensions import db
from tracker.models.api_token import ApiToken
from tracker.models.base import utcnow
from tracker.services.accounts import tokens

METHODS = ("GET", "POST", "PATCH", "PUT", "DELETE")
BODY = {"occurred_on": "2025-03-02", "kind": "issue", "steering": "relational", "title": "x", "reason": "x"}


def _api_rules(app):
    return [r for r in app.url_map.iter_rules() if r.endpoint.startswith("api.")]


def _url(rule, code: str, event_id: int) -> str:
    values = {"code": code}
    for arg in rule.arguments - {"code"}:
        values[arg] = event_id if arg == "event_id" else 1
    return rule.build(values)[1]


def _call(client, method: str, url: str, headers: dict):
    return client.open(url, method=method, json=BODY, headers={**headers, "If-Match": '"1"'})


def _calls(app, code: str, event_id: int):
    for rule in _api_rules(app):
        for method in sorted(rule.methods & set(METHODS)):
            yield rule, method, _url(rule, code, event_id)


def test_the_api_has_its_routes(app):
    endpoints = {r.endpoint for r in _api_rules(app)}
    assert len(endpoints) >= 10, endpoints


@pytest.mark.parametrize("who", ["outsider", "admin"])
def test_someone_elses_project_is_404_on_every_route(app, client, world, who):
    headers = bearer(world["users"][who])
    for rule, method, url in _calls(app, "AAA", world["event_a"]):
        if "code" not in rule.arguments:
            continue
        response = _call(client, method, url, headers)
        assert response.status_code == 404, (who, method, url, response.status_code)
        body = response.get_data(as_text=True)
        assert SECRET_EVENT not in body and SECRET_PROJECT not in body
        assert response.content_type == "application/problem+json"


def test_an_event_of_another_project_is_404_under_this_projects_code(app, client, world):
    headers = bearer(world["users"]["client_manager"])
    for rule, method, url in _calls(app, "AAA", world["event_b"]):
        if "event_id" not in rule.arguments:
            continue
        response = _call(client, method, url, headers)
        assert response.status_code == 404, (method, url, response.status_code)
        assert "SECRET-B-EVENT" not in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["client_member", "coach"])
def test_read_only_roles_cannot_write(app, client, world, role):
    headers = bearer(world["users"][role], write=True)
    writes = [(r, m, u) for r, m, u in _calls(app, "AAA", world["event_a"]) if m != "GET"]
    assert writes
    for rule, method, url in writes:
        response = _call(client, method, url, headers)
        assert response.status_code == 403, (role, method, url, response.status_code)


def test_the_other_partys_manager_cannot_change_this_partys_event(app, client, world):
    headers = bearer(world["users"]["contractor_manager"], write=True)
    for rule, method, url in _calls(app, "AAA", world["event_a"]):
        if method != "GET" and "event_id" in rule.arguments:
            assert _call(client, method, url, headers).status_code == 403, (method, url)


def test_a_read_token_cannot_write_even_for_a_manager(app, client, world):
    headers = bearer(world["users"]["client_manager"], write=False)
    for rule, method, url in _calls(app, "AAA", world["event_a"]):
        if method != "GET":
            response = _call(client, method, url, headers)
            assert response.status_code == 403, (method, url, response.status_code)
            assert "insufficient_scope" in response.headers["WWW-Authenticate"]


def test_members_read_every_api_route_of_their_project(app, client, world):
    for role in ("client_manager", "client_member", "contractor_manager", "coach"):
        headers = bearer(world["users"][role], write=False)
        for rule, method, url in _calls(app, "AAA", world["event_a"]):
            if method != "GET" or rule.arguments - {"code", "event_id"}:
                continue
            response = _call(client, method, url, headers)
            expected = (200, 404) if url.endswith(("other-view", "give-and-take")) else (200,)
            assert response.status_code in expected, (role, url, response.status_code)


def _token_states(user):
    """(label, secret) of tokens that must not work: expired, revoked, unknown, malformed."""
    expired = tokens.issue(user, "old", write=True)
    revoked = tokens.issue(user, "revoked", write=True)
    token = db.session.get(ApiToken, expired.token.id)
    token.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    tokens.revoke(revoked.token.id, user)
    return [("expired", expired.secret), ("revoked", revoked.secret), ("unknown", "trk_" + "x" * 43),
            ("malformed", "not-a-token")]


def test_expired_revoked_and_unknown_tokens_get_401_with_www_authenticate(app, client, world):
    user = world["users"]["client_manager"]
    for label, secret in _token_states(user) + [("missing", None)]:
        headers = {"Authorization": f"Bearer {secret}"} if secret else {}
        for rule, method, url in _calls(app, "AAA", world["event_a"]):
            response = _call(client, method, url, headers)
            assert response.status_code == 401, (label, method, url, response.status_code)
            assert response.headers["WWW-Authenticate"].startswith("Bearer"), label
            assert SECRET_EVENT not in response.get_data(as_text=True)


def test_a_disabled_users_token_stops_working(app, client, world):
    user = world["users"]["client_manager"]
    headers = bearer(user)
    assert client.get("/api/v1/projects", headers=headers).status_code == 200
    user.is_enabled = False
    db.session.commit()
    assert client.get("/api/v1/projects", headers=headers).status_code == 401


def test_someone_elses_token_cannot_be_revoked_but_an_admin_can(app, world):
    from tracker.services.errors import NotFound

    issued = tokens.issue(world["users"]["client_manager"], "mine")
    with pytest.raises(NotFound):
        tokens.revoke(issued.token.id, world["users"]["outsider"])
    assert tokens.revoke(issued.token.id, world["users"]["admin"]).revoked_at is not None


def test_a_session_cookie_is_not_enough_for_the_api(app, client, world):
    from tests.factories import login

    login(client, world["users"]["client_manager"])
    response = client.get("/api/v1/projects/AAA/events")
    assert response.status_code == 401 and SECRET_EVENT not in response.get_data(as_text=True)


def test_the_project_list_holds_only_ones_own_projects(app, client, world):
    body = client.get("/api/v1/projects", headers=bearer(world["users"]["outsider"])).get_json()
    assert [p["code"] for p in body["items"]] == ["BBB"]
    body = client.get("/api/v1/projects", headers=bearer(world["users"]["admin"])).get_json()
    assert body["items"] == []


def test_api_answers_set_no_cookie(app, client, world):
    response = client.get("/api/v1/projects", headers=bearer(world["users"]["client_manager"]))
    assert response.status_code == 200 and "Set-Cookie" not in response.headers


def test_rate_limits_count_per_token(app, database_url, world):
    from tracker import create_app

    limited = create_app("testing", {"SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_ENABLED": True,
                                     "RATELIMIT_API": "2 per minute", "RATELIMIT_STORAGE_URI": "memory://"})
    first, second = bearer(world["users"]["client_manager"]), bearer(world["users"]["client_manager"])
    db.session.commit()
    with limited.app_context():
        c = limited.test_client()
        assert [c.get("/api/v1/projects", headers=first).status_code for _ in range(3)] == [200, 200, 429]
        refused = c.get("/api/v1/projects", headers=first)
        assert refused.content_type == "application/problem+json" and refused.headers["API-Version"]
        assert c.get("/api/v1/projects", headers=second).status_code == 200
        db.session.remove()
        db.engine.dispose()  # this second app's connections, before the garbage collector finds them
