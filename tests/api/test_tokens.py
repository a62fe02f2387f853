"""Personal access tokens: the command, the account sub-page (shown once, stored as a hash), revoking."""
from sqlalchemy import select

from tests.factories import csrf_token, login, make_user
from tracker.extensions import db
from tracker.models.api_token import ApiToken
from tracker.services.accounts import tokens


def test_the_command_prints_a_working_token_once_and_stores_only_its_hash(app, runner, client):
    make_user("cli@example.test")
    result = runner.invoke(args=["tracker", "create-token", "cli@example.test", "--name", "BI", "--write",
                                 "--days", "30"])
    assert result.exit_code == 0, result.output
    secret = result.output.strip()
    assert secret.startswith("trk_") and len(secret) > 40
    token = db.session.scalar(select(ApiToken))
    assert token.token_hash != secret and secret not in (token.prefix + token.token_hash) and token.can_write
    assert (token.expires_at - token.created_at).days == 30
    assert client.get("/api/v1/projects", headers={"Authorization": f"Bearer {secret}"}).status_code == 200


def test_the_command_refuses_bad_input(app, runner):
    make_user("cli@example.test")
    assert runner.invoke(args=["tracker", "create-token", "nobody@example.test", "--name", "x"]).exit_code == 1
    bad = runner.invoke(args=["tracker", "create-token", "cli@example.test", "--name", "x", "--days", "0"])
    assert bad.exit_code == 1 and "--days" in bad.output
    assert db.session.scalar(select(db.func.count()).select_from(ApiToken)) == 0


def test_the_account_page_creates_shows_once_and_revokes(app, client):
    user = make_user("page@example.test")
    login(client, user)
    page = client.post("/account/tokens", data={"name": "Register", "days": "90",
                                                "csrf_token": csrf_token(client, "/account/tokens")})
    assert page.status_code == 201
    html = page.get_data(as_text=True)
    secret = html.split('id="new-token">', 1)[1].split("<", 1)[0]
    assert secret.startswith("trk_")
    again = client.get("/account/tokens").get_data(as_text=True)
    assert "Register" in again and secret not in again
    token = tokens.tokens_of(user)[0]
    client.post(f"/account/tokens/{token.id}/revoke", data={"csrf_token": csrf_token(client, "/account/tokens")})
    assert client.get("/api/v1/projects", headers={"Authorization": f"Bearer {secret}"}).status_code == 401


def test_someone_elses_token_is_404_on_the_account_page_and_admins_revoke_any(app):
    owner, other, admin = make_user(), make_user(), make_user(admin=True)
    token = tokens.issue(owner, "owner's").token
    c = app.test_client()
    login(c, other)
    assert c.post(f"/account/tokens/{token.id}/revoke", data={"csrf_token": csrf_token(c, "/account/tokens")}
                  ).status_code == 404
    assert c.get("/admin/tokens").status_code == 403
    a = app.test_client()
    login(a, admin)
    assert "owner&#39;s" in a.get("/admin/tokens").get_data(as_text=True)
    done = a.post(f"/admin/tokens/{token.id}/revoke", data={"csrf_token": csrf_token(a, "/admin/tokens")})
    assert done.status_code == 302, done.get_data(as_text=True)[:500]
    db.session.commit()  # a fresh snapshot: the request wrote on its own connection
    assert db.session.get(ApiToken, token.id).revoked_at is not None
