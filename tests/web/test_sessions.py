"""Server-side sessions, failed sign-ins, password rules and cache headers."""
import statistics
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.factories import PASSWORD, add_member, csrf_token, login, make_project, make_user
from tests.web.test_hardening import app_with
from tracker.extensions import db
from tracker.models.audit import AuditEntry
from tracker.models.base import utcnow
from tracker.models.sign_in import UserSession
from tracker.services.accounts import users as accounts
from tracker.services.errors import ValidationFailed


def browser(app, user, address="127.0.0.1", agent="Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0"):
    client = app.test_client()
    client.environ_base.update(REMOTE_ADDR=address, HTTP_USER_AGENT=agent)
    assert login(client, user).status_code == 302
    return client


def rows(user) -> list[UserSession]:
    db.session.rollback()
    return list(db.session.scalars(select(UserSession).where(UserSession.user_id == user.id)
                                   .order_by(UserSession.id)))


def test_every_sign_in_gets_its_own_server_side_session(app):
    user = make_user()
    first = browser(app, user)
    second = browser(app, user, "192.0.2.8", "Mozilla/5.0 (Windows NT 10.0) Chrome/128.0 Safari/537.36")
    stored = rows(user)
    assert len(stored) == 2 and stored[0].id_hash != stored[1].id_hash
    assert (stored[1].address, "192.0.2.8") and stored[1].user_agent.startswith("Mozilla/5.0 (Windows")
    html = first.get("/account/sessions").get_data(as_text=True)
    assert "Firefox on Linux" in html and "Chrome on Windows" in html and "192.0.2.8" in html
    assert second.get("/").status_code == 200


def test_a_cookie_from_before_the_sign_in_is_not_reused(app):
    user = make_user()
    client = app.test_client()
    csrf_token(client, "/login")
    with client.session_transaction() as before:
        before["sid"] = "chosen-by-an-attacker"
    login(client, user)
    with client.session_transaction() as after:
        assert after["sid"] != "chosen-by-an-attacker"


def test_ending_another_session_signs_that_browser_out(app):
    user = make_user()
    mine, other = browser(app, user), browser(app, user, "192.0.2.9")
    target = rows(user)[1]
    response = mine.post(f"/account/sessions/{target.id}/end",
                         data={"csrf_token": csrf_token(mine, "/account/sessions")})
    assert response.status_code == 302
    assert other.get("/").status_code == 302  # to the login page
    assert mine.get("/").status_code == 200
    assert [r.address for r in rows(user)] == ["127.0.0.1"]


def test_nobody_ends_someone_elses_session(app):
    owner, stranger = make_user(), make_user()
    browser(app, owner)
    theirs = rows(owner)[0]
    client = browser(app, stranger)
    response = client.post(f"/account/sessions/{theirs.id}/end",
                           data={"csrf_token": csrf_token(client, "/account/sessions")})
    assert response.status_code == 404
    assert len(rows(owner)) == 1


def test_logging_out_ends_only_this_session_and_a_copied_cookie_dies_with_it(app):
    user = make_user()
    client, other = browser(app, user), browser(app, user, "192.0.2.10")
    copied = client.get_cookie("session").value
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert thief.get("/").status_code == 302
    assert other.get("/").status_code == 200


def test_idle_sessions_end(app):
    user = make_user()
    client = browser(app, user)
    long_ago = utcnow() - app.config["SESSION_IDLE_TIMEOUT"] - timedelta(minutes=1)
    stored = rows(user)[0]
    stored.last_seen_at = long_ago
    db.session.commit()
    with client.session_transaction() as cookie:
        cookie["seen"] = int(time.time()) - int(app.config["SESSION_IDLE_TIMEOUT"].total_seconds()) - 60
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_sessions_end_at_their_absolute_lifetime_even_when_busy(app):
    user = make_user()
    client = browser(app, user)
    stored = rows(user)[0]
    stored.created_at = utcnow() - app.config["PERMANENT_SESSION_LIFETIME"] - timedelta(minutes=1)
    db.session.commit()
    assert client.get("/").status_code == 302


def test_password_change_ends_the_other_sessions_and_keeps_this_one(app):
    user = make_user()
    client, other = browser(app, user), browser(app, user, "192.0.2.11")
    response = client.post("/account", data={"csrf_token": csrf_token(client, "/account"),
                                             "current_password": PASSWORD, "password": "a brand new secret",
                                             "confirm": "a brand new secret"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert other.get("/").status_code == 302
    assert len(rows(user)) == 1


def test_disabling_an_account_ends_its_sessions(app):
    admin, user = make_user(admin=True), make_user()
    victim = browser(app, user)
    accounts_admin = __import__("tracker.services.admin.users", fromlist=["update_account"])
    accounts_admin.update_account(user, email=user.email, name=user.name, organisation_id=None,
                                  is_admin=False, is_enabled=False, acting=admin)
    assert rows(user) == []
    assert victim.get("/").status_code == 302


def test_signed_in_pages_and_downloads_are_not_stored_by_caches(app):
    user = make_user()
    project = make_project("NOSTORE")
    add_member(project, user, "client", "manager")
    client = browser(app, user)
    for url in ("/", "/account", "/account/sessions", "/projects/NOSTORE/transfer/export"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store", url
    static = client.get("/static/css/app.css")
    assert "no-store" not in static.headers.get("Cache-Control", "")
    static.close()


# failed sign-ins -------------------------------------------------------------------------

def _attempt(client, email, password="wrong password 1"):
    return client.post("/login", data={"email": email, "password": password,
                                       "csrf_token": csrf_token(client, "/login")})


def test_unknown_and_known_accounts_get_the_same_answers_including_the_slow_down(app):
    user = make_user()
    known, unknown = app.test_client(), app.test_client()
    answers = []
    for _ in range(6):
        answers.append((_attempt(known, user.email).status_code, _attempt(unknown, "nobody@example.test").status_code))
    assert all(a == b == 401 for a, b in answers)
    known_text = _attempt(known, user.email).get_data(as_text=True)
    unknown_text = _attempt(unknown, "nobody@example.test").get_data(as_text=True)
    assert "Too many failed attempts" in known_text and "Too many failed attempts" in unknown_text


def test_a_guesser_elsewhere_cannot_lock_the_owner_out(app):
    user = make_user()
    attacker = app.test_client()
    attacker.environ_base["REMOTE_ADDR"] = "198.51.100.66"
    for _ in range(8):
        _attempt(attacker, user.email)
    assert "Too many failed attempts" in _attempt(attacker, user.email, PASSWORD).get_data(as_text=True)
    owner = app.test_client()
    owner.environ_base["REMOTE_ADDR"] = "192.0.2.1"
    assert login(owner, user).status_code == 302


def test_a_burst_of_failures_is_audited_once_for_the_owner(app):
    user = make_user()
    for n in range(25):  # LOGIN_BURST_LIMIT: 20 per hour, from many addresses
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"198.51.100.{n}"
        _attempt(client, user.email)
    db.session.rollback()
    bursts = db.session.scalar(select(func.count()).select_from(AuditEntry)
                               .where(AuditEntry.action == "login.failure_burst", AuditEntry.target == user.email))
    assert bursts == 1
    from tracker.models import OutboxMail  # the owner is told once, by mail, with a way to reset
    (mail,) = db.session.scalars(select(OutboxMail).where(OutboxMail.to_address == user.email)).all()
    assert mail.subject == "Several failed sign-ins on your Tracker account" and "/password/forgot" in mail.body_text


def test_an_unknown_address_costs_as_much_as_a_wrong_password(app):
    """With real argon2 cost, both answers take about as long (before: twice as long for unknown)."""
    with app_with(PASSWORD_HASH_FAST=False, LOGIN_FAILURE_LIMIT="1000 per minute") as strong:
        with strong.test_request_context():
            user = make_user("timed@example.test")
            accounts.authenticate("warm@example.test", "x" * 12, "192.0.2.1")
            known, unknown = [], []
            for _ in range(5):
                for email, bucket in ((user.email, known), ("nobody@example.test", unknown)):
                    start = time.perf_counter()
                    accounts.authenticate(email, "not the password", "192.0.2.1")
                    bucket.append(time.perf_counter() - start)
    ratio = statistics.median(unknown) / statistics.median(known)
    assert 0.6 < ratio < 1.5, (known, unknown)


# password rules ------------------------------------------------------------------------------

@pytest.mark.parametrize("password, problem", [
    ("wachtwoord123", "most used"), ("1234567890", "most used"), ("qwertyuiop", "most used"),
    ("aaaaaaaaaaaa", "easy to guess"), ("Jansen2024!", "easy to guess"),
    ("annejansen1", "easy to guess"), ("kort", "at least 10")])
def test_common_and_guessable_passwords_are_refused(app, password, problem):
    with app.test_request_context():
        with pytest.raises(ValidationFailed) as refused:
            accounts.create_user("anne.jansen@example.test", "Anne Jansen", password)
    assert problem in refused.value.errors["password"][0]


def test_a_passphrase_is_accepted(app):
    with app.test_request_context():
        assert accounts.create_user("anne@example.test", "Anne Jansen", "paarse tulpen langs de dijk")


def test_an_admin_ends_all_sessions_of_someone(app):
    admin, user = make_user(admin=True), make_user()
    first, second = browser(app, user), browser(app, user, "192.0.2.12")
    admin_client = browser(app, admin)
    response = admin_client.post(f"/admin/users/{user.id}/sessions/end",
                                 data={"csrf_token": csrf_token(admin_client, f"/admin/users/{user.id}")})
    assert response.status_code == 302
    assert first.get("/").status_code == 302 and second.get("/").status_code == 302
    assert rows(user) == []
    db.session.rollback()
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "session.end")).actor_id == admin.id
