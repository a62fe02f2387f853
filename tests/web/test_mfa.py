"""Two-step login: setting up, signing in with a code or a recovery code, policy, admin reset."""
import re
import time

import pyotp
import pytest
from sqlalchemy import select

from tests.factories import csrf_token, login, make_org, make_user
from tests.web.test_hardening import app_with
from tracker.extensions import db
from tracker.models import User
from tracker.models.audit import AuditEntry
from tracker.models.sign_in import UserSession


def enrol(client) -> tuple[str, list[str]]:
    """Set up the app through the pages; returns the secret and the recovery codes."""
    html = client.get("/account/two-step").get_data(as_text=True)
    assert "<svg" in html  # the QR code, drawn on the server
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', html).group(1)
    response = client.post("/account/two-step", data={"csrf_token": csrf_token(client, "/account/two-step"),
                                                      "code": pyotp.TOTP(secret).now()})
    assert response.status_code == 200
    codes = re.findall(r"<li>([a-z2-9]{5}-[a-z2-9]{5})</li>", response.get_data(as_text=True))
    assert len(codes) == 10
    return secret, codes


def password_step(client, user):
    response = login(client, user)
    assert response.status_code == 302 and response.headers["Location"].endswith("/login/code")
    return response


def code_step(client, code):
    return client.post("/login/code", data={"csrf_token": csrf_token(client, "/login/code"), "code": code})


def fresh(user) -> User:
    db.session.rollback()
    return db.session.get(User, user.id)


def _next_step_code(secret: str) -> str:
    """The code of the next 30-second step (the current one was used while setting up)."""
    return pyotp.TOTP(secret).at(time.time() + 30)


def test_set_up_then_log_in_with_a_code(app):
    user = make_user()
    client = app.test_client()
    login(client, user)
    secret, _codes = enrol(client)
    assert fresh(user).totp_secret == secret
    other = app.test_client()
    password_step(other, user)
    assert other.get("/").status_code == 302  # the password alone does not sign in
    wrong = code_step(other, "000000" if pyotp.TOTP(secret).now() != "000000" else "111111")
    assert wrong.status_code == 422
    response = code_step(other, _next_step_code(secret))
    assert response.status_code == 302
    assert other.get("/").status_code == 200


def test_a_code_works_only_once(app):
    user = make_user()
    client = app.test_client()
    login(client, user)
    secret, _codes = enrol(client)
    code = _next_step_code(secret)
    first, second = app.test_client(), app.test_client()
    password_step(first, user)
    password_step(second, user)
    assert code_step(first, code).status_code == 302
    assert code_step(second, code).status_code == 422


def test_a_recovery_code_works_once(app):
    user = make_user()
    client = app.test_client()
    login(client, user)
    _secret, codes = enrol(client)
    first = app.test_client()
    password_step(first, user)
    assert code_step(first, codes[0].upper()).status_code == 302
    again = app.test_client()
    password_step(again, user)
    assert code_step(again, codes[0]).status_code == 422
    db.session.rollback()
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "mfa.recovery_used")) is not None


def test_setting_up_ends_the_other_sessions(app):
    user = make_user()
    client, other = app.test_client(), app.test_client()
    login(client, user)
    login(other, user)
    enrol(client)
    assert other.get("/").status_code == 302
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("policy, admin, must", [("admins", True, True), ("admins", False, False),
                                                 ("all", False, True), ("none", True, False)])
def test_who_must_set_it_up(app, policy, admin, must):
    with app_with(MFA_REQUIRED=policy) as configured:
        user = make_user(admin=admin)
        client = configured.test_client()
        assert login(client, user).status_code == 302
        response = client.get("/")
        if must:
            assert response.status_code == 302 and response.headers["Location"].endswith("/account/two-step")
            assert client.get("/account/two-step").status_code == 200
        else:
            assert response.status_code == 200


def test_an_organisation_can_require_it(app):
    admin = make_user(admin=True)
    org = make_org("Strict BV")
    user = make_user()
    user.organisation_id = org.id
    db.session.commit()
    admin_client = app.test_client()
    login(admin_client, admin)
    response = admin_client.post(f"/admin/organisations/{org.id}/sign-in", data={
        "csrf_token": csrf_token(admin_client, f"/admin/organisations/{org.id}"), "mfa_required": "y"})
    assert response.status_code == 302
    client = app.test_client()
    login(client, user)
    assert client.get("/").headers["Location"].endswith("/account/two-step")


def test_admin_reset_is_audited_and_ends_sessions(app):
    admin, user = make_user(admin=True), make_user()
    client = app.test_client()
    login(client, user)
    enrol(client)
    admin_client = app.test_client()
    login(admin_client, admin)
    response = admin_client.post(f"/admin/users/{user.id}/two-step/reset",
                                 data={"csrf_token": csrf_token(admin_client, f"/admin/users/{user.id}")})
    assert response.status_code == 302
    assert fresh(user).totp_secret is None
    assert db.session.scalars(select(UserSession).where(UserSession.user_id == user.id)).all() == []
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "mfa.reset"))
    assert entry.actor_id == admin.id and entry.target == user.email
    assert login(app.test_client(), user).headers["Location"] == "/"  # password only again


def test_a_stale_or_missing_second_step_goes_back_to_the_password(app):
    client = app.test_client()
    assert client.get("/login/code").status_code == 302
    user = make_user()
    with client.session_transaction() as cookie:
        cookie["mfa_pending"] = {"user": user.id, "at": int(time.time()) - 3600, "next": ""}
    assert client.get("/login/code").headers["Location"].endswith("/login")
