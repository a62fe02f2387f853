"""Hardening (OWASP ASVS 5.0 L2): rate limits, upload size, cookie flags, trusted proxies."""
import io
import secrets
from contextlib import contextmanager

import pytest
from sqlalchemy import select

from tests.conftest import IsolatedClient
from tests.factories import PASSWORD, add_member, csrf_token, login, make_project, make_user
from tracker import create_app
from tracker.extensions import db
from tracker.models.audit import AuditEntry

STRONG = secrets.token_urlsafe(48)


@contextmanager
def app_with(config_name: str = "testing", **overrides):
    """Another app on the test's (already emptied) database, in its own app context."""
    url = db.engine.url.render_as_string(hide_password=False)
    app = create_app(config_name, {"SQLALCHEMY_DATABASE_URI": url, **overrides})
    app.test_client_class = IsolatedClient
    try:
        with app.app_context():
            yield app
            db.session.remove()
    finally:
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def limited_app(app):
    """A testing app with rate limits switched on and set low."""
    with app_with(RATELIMIT_ENABLED=True, RATELIMIT_LOGIN="3 per minute",
                  RATELIMIT_TRANSFER="2 per minute") as limited:
        yield limited


def test_login_attempts_are_rate_limited_per_address(limited_app):
    user = make_user()
    client = limited_app.test_client()
    token = csrf_token(client, "/login")
    statuses = [client.post("/login", data={"email": user.email, "password": "wrong password!",
                                            "csrf_token": token}).status_code for _ in range(3)]
    assert statuses == [401, 401, 401]
    blocked = client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert blocked.status_code == 429
    html = blocked.get_data(as_text=True)
    assert "Too many requests" in html and "Traceback" not in html
    assert int(blocked.headers["Retry-After"]) > 0
    assert client.get("/login").status_code == 200  # reading the form is not limited
    other = limited_app.test_client()
    other.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    assert login(other, user).status_code == 302  # another address has its own budget


def test_upload_larger_than_max_content_length_gets_a_friendly_413(app):
    with app_with(MAX_CONTENT_LENGTH=2048) as small:
        user = make_user()
        add_member(make_project("BIG"), user, "client", "manager")
        client = small.test_client()
        login(client, user)
        token = csrf_token(client, "/projects/BIG/transfer/")
        response = client.post("/projects/BIG/transfer/import", content_type="multipart/form-data",
                               data={"csrf_token": token, "file": (io.BytesIO(b"x" * 10_000), "big.csv")})
        assert response.status_code == 413
        html = response.get_data(as_text=True)
        assert "File too large" in html and "larger than this server accepts" in html


def test_production_cookies_are_secure_httponly_and_samesite(app):
    with app_with("production", SECRET_KEY=STRONG, PASSWORD_HASH_FAST=True) as production:
        user = make_user()
        client = production.test_client()
        response = login(client, user)
        assert response.status_code == 302
        cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("__Host-tracker="))
        flags = {part.strip().lower() for part in cookie.split(";")[1:]}
        assert {"secure", "httponly", "samesite=lax", "path=/"} <= flags
        assert not any(flag.startswith("domain=") for flag in flags)  # __Host-: this host only
        hsts = client.get("/login").headers["Strict-Transport-Security"]
        assert "max-age=31536000" in hsts and "includesubdomains" in hsts.lower()


@pytest.mark.parametrize("proxies, expected", [(0, "127.0.0.1"), (1, "203.0.113.9")])
def test_client_address_comes_from_a_trusted_proxy_only(app, proxies, expected):
    with app_with(TRUSTED_PROXIES=proxies) as proxied:
        user = make_user()
        client = proxied.test_client()
        token = csrf_token(client, "/login")
        client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token},
                    headers={"X-Forwarded-For": "203.0.113.9"})
        db.session.rollback()
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "login.success",
                                                           AuditEntry.actor_id == user.id))
        assert entry.ip == expected


def test_csv_import_and_export_are_rate_limited_per_account(limited_app):
    user, colleague = make_user(), make_user()
    project = make_project("RL1")
    add_member(project, user, "client", "manager")
    add_member(project, colleague, "client", "member")
    client = limited_app.test_client()
    login(client, user)
    assert [client.get("/projects/RL1/transfer/export").status_code for _ in range(3)] == [200, 200, 429]
    token = csrf_token(client, "/projects/RL1/transfer/")
    uploads = [client.post("/projects/RL1/transfer/import", content_type="multipart/form-data",
                           data={"csrf_token": token, "file": (io.BytesIO(b"x"), "a.csv")}).status_code
               for _ in range(3)]
    assert uploads == [422, 422, 429]  # refused files count too
    other = limited_app.test_client()  # same address, another account: its own budget
    login(other, colleague)
    assert other.get("/projects/RL1/transfer/export").status_code == 200
