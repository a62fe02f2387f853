"""Invitations and password reset: signed, single-use, expiring links; no account enumeration."""
import re
import time
from urllib.parse import urlsplit

from sqlalchemy import select

from tests.factories import PASSWORD, csrf_token, login, make_user
from tests.notify.conftest import seated
from tracker.extensions import db
from tracker.models import AuditEntry, Membership, OutboxMail, User
from tracker.services.notify.outbox import deliver

NEW_PASSWORD = "a fresh long password"


def link_in(message) -> str:
    """The path of the first link to choose a password in a mail."""
    text = message.get_body(("plain",)).get_content()
    return urlsplit(re.search(r"http\S+/(?:invitation|password/reset)/\S+", text).group(0)).path


def choose(client, path: str, password: str = NEW_PASSWORD):
    return client.post(path, data={"password": password, "confirm": password,
                                   "csrf_token": csrf_token(client, path)})


def invite(client, code, **fields):
    url = f"/projects/{code}/invite"
    data = {"email": "new.colleague@example.test", "name": "New Colleague", "side": "client",
            "role": "member", "language": "nl", "csrf_token": csrf_token(client, url)}
    data.update(fields)
    return client.post(url, data=data)


def test_a_manager_invites_a_colleague_who_sets_a_password_once(app, smtp, client):
    world = seated()
    login(client, world.client)
    assert invite(client, world.project.code).status_code == 302
    deliver()
    (mail,) = smtp.handler.to("new.colleague@example.test")
    assert mail["Subject"] == "Uitnodiging: Ring Noord in Tracker"
    path = link_in(mail)
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert client.get(path).status_code == 200
    response = choose(client, path)
    assert response.status_code == 302
    assert client.get("/").status_code == 200 and "Ring Noord" in client.get("/").get_data(as_text=True)
    # the same link a second time: dead
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert client.get(path).status_code == 404
    assert choose(client, path, "another long password").status_code == 404
    user = db.session.execute(select(User).where(User.email == "new.colleague@example.test")).scalar_one()
    assert login(client, user, NEW_PASSWORD).status_code == 302


def test_a_member_cannot_invite_and_a_manager_only_to_their_own_side(app, smtp, client):
    world = seated()
    login(client, world.member)
    assert client.get(f"/projects/{world.project.code}/invite").status_code == 403
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, world.client)
    assert invite(client, world.project.code, side="contractor").status_code == 422
    assert client.get(f"/projects/{world.other.code}/invite").status_code == 404
    assert not db.session.execute(select(OutboxMail)).first()


def test_an_admin_invites_to_any_side_from_the_admin_area(app, smtp, client):
    world = seated()
    admin = make_user("admin@example.test", admin=True)
    login(client, admin)
    assert client.get(f"/projects/{world.project.code}/invite").status_code == 404  # no seat, no access
    url = f"/admin/projects/{world.project.code}/invite"
    response = client.post(url, data={"email": "c@example.test", "name": "C", "side": "contractor",
                                      "role": "manager", "language": "en", "csrf_token": csrf_token(client, url)})
    assert response.status_code == 302
    db.session.commit()  # end the test's read snapshot
    seat = db.session.execute(select(Membership).join(User).where(User.email == "c@example.test")).scalar_one()
    assert (seat.side.value, seat.role.value) == ("contractor", "manager")
    deliver()
    assert smtp.messages[0]["Subject"] == "Invitation: Ring Noord in Tracker"


def test_inviting_someone_who_is_already_a_member_is_a_clear_error(app, smtp, client):
    world = seated()
    login(client, world.client)
    response = invite(client, world.project.code, email=world.member.email)
    assert response.status_code == 422 and "al lid van het project" in response.get_data(as_text=True)
    assert db.session.query(Membership).count() == 5


def test_an_expired_invitation_says_so(app, smtp, client):
    world = seated()
    app.config["INVITATION_DAYS"] = 0
    login(client, world.client)
    invite(client, world.project.code)
    deliver()
    path = link_in(smtp.messages[0])
    time.sleep(1.1)
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    response = client.get(path)
    assert response.status_code == 410 and "Deze link is verlopen." in response.get_data(as_text=True)


def test_a_tampered_link_does_not_work(app, client):
    assert client.get("/password/reset/abc.def.ghi").status_code == 404
    assert client.get("/invitation/x").status_code == 404


def forgot(client, email):
    return client.post("/password/forgot", data={"email": email,
                                                  "csrf_token": csrf_token(client, "/password/forgot")},
                       follow_redirects=True)


def test_password_reset_by_link_works_once(app, smtp, client):
    user = make_user("someone@example.test")
    forgot(client, "Someone@Example.test")
    deliver()
    (mail,) = smtp.messages
    path = link_in(mail)
    assert choose(client, path).status_code == 302
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert client.get(path).status_code == 404
    assert login(client, user, PASSWORD).status_code == 401
    assert login(client, user, NEW_PASSWORD).status_code == 302


def test_a_reset_link_expires(app, smtp, client):
    make_user("someone@example.test")
    app.config["RESET_MINUTES"] = 0
    forgot(client, "someone@example.test")
    deliver()
    time.sleep(1.1)
    assert client.get(link_in(smtp.messages[0])).status_code == 410


def test_reset_never_tells_whether_an_account_exists(app, smtp, client):
    make_user("someone@example.test")
    known = forgot(client, "someone@example.test").get_data(as_text=True)
    unknown = forgot(client, "nobody@example.test").get_data(as_text=True)
    strip = lambda html: re.sub(r'value="[^"]+"', "", html)  # noqa: E731 - CSRF tokens differ
    assert strip(known) == strip(unknown)
    deliver()
    assert [m["To"] for m in smtp.messages] == ["someone@example.test"]
    actions = db.session.execute(select(AuditEntry.action).where(
        AuditEntry.action == "password.reset_requested")).scalars().all()
    assert len(actions) == 2


def test_a_weak_password_through_a_link_is_refused_and_the_link_still_works(app, smtp, client):
    make_user("someone@example.test")
    forgot(client, "someone@example.test")
    deliver()
    path = link_in(smtp.messages[0])
    assert choose(client, path, "short").status_code == 422
    assert client.get(path).status_code == 200
