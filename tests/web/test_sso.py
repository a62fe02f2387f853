"""Single sign-on against a real OpenID provider (npm `oidc-provider`, started by the test)."""
import html
import re
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from tests.factories import csrf_token, login, make_org, make_user
from tests.oidc.server import CLIENT_ID, CLIENT_SECRET, provider, sign_in_at_provider
from tracker.extensions import db
from tracker.models.audit import AuditEntry
from tracker.services.admin import sign_in

CALLBACK = "http://localhost/login/sso/callback"  # the test client's host


@pytest.fixture
def issuer(app):
    with provider(CALLBACK) as url:
        yield url


@pytest.fixture
def gemeente(app, issuer):
    org = make_org("Gemeente Noordholt")
    admin = make_user(admin=True)
    sign_in.set_organisation_sso(org, issuer=issuer, client_id=CLIENT_ID, client_secret=CLIENT_SECRET,
                                 domains="noordholt.example", sso_only=False, acting=admin)
    return org


def member(org, email):
    user = make_user(email)
    user.organisation_id = org.id
    db.session.commit()
    return user


def start_at_provider(client, email) -> str:
    """Post the address on the login page; the provider URL the next page moves on to."""
    start = client.post("/login/sso", data={"csrf_token": csrf_token(client, "/login"), "email": email})
    assert start.status_code == 200
    return html.unescape(re.search(r'href="([^"]+)" id="sso-continue"', start.get_data(as_text=True)).group(1))


def sso_login(client, email, login_at_provider=None):
    """Start at our login page, sign in at the provider, come back; the final response."""
    authorization = start_at_provider(client, email)
    assert "code_challenge_method=S256" in authorization and "nonce=" in authorization
    back = sign_in_at_provider(authorization, login_at_provider or email)
    assert back.startswith(CALLBACK)
    parts = urlsplit(back)
    return client.get(parts.path + "?" + parts.query)


def test_a_member_logs_in_through_the_organisations_provider(app, gemeente):
    user = member(gemeente, "anne@noordholt.example")
    client = app.test_client()
    response = sso_login(client, user.email)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert client.get("/").status_code == 200
    db.session.rollback()
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "login.success"))
    assert entry.details == {"method": "sso"}


@pytest.mark.parametrize("provider_login", ["unverified.anne@noordholt.example", "piet@noordholt.example"])
def test_no_sign_in_without_a_verified_address_of_an_existing_member(app, gemeente, provider_login):
    member(gemeente, "anne@noordholt.example")
    client = app.test_client()
    response = sso_login(client, "anne@noordholt.example", provider_login)
    assert response.headers["Location"].endswith("/login")
    assert client.get("/").status_code == 302


def test_someone_of_another_organisation_is_not_signed_in_by_this_provider(app, gemeente):
    outsider = make_user("anne@noordholt.example")  # same domain, but not a member of the organisation
    client = app.test_client()
    sso_login(client, outsider.email)
    assert client.get("/").status_code == 302


def test_a_replayed_callback_does_nothing(app, gemeente):
    member(gemeente, "anne@noordholt.example")
    client = app.test_client()
    back = urlsplit(sign_in_at_provider(start_at_provider(client, "anne@noordholt.example"),
                                        "anne@noordholt.example"))
    thief = app.test_client()  # another browser: no state, verifier or nonce in its session
    assert thief.get(back.path + "?" + back.query).headers["Location"].endswith("/login")
    assert thief.get("/").status_code == 302


def test_sso_only_organisations_refuse_the_password(app, gemeente):
    user = member(gemeente, "anne@noordholt.example")
    gemeente.sso_only = True
    db.session.commit()
    response = login(app.test_client(), user)
    assert response.status_code == 401
    assert "single sign-on" in response.get_data(as_text=True)


def test_an_address_without_sso_gets_a_clear_message(app, gemeente):
    client = app.test_client()
    response = client.post("/login/sso", data={"csrf_token": csrf_token(client, "/login"),
                                               "email": "someone@elsewhere.example"})
    assert response.headers["Location"].endswith("/login")
    assert "no single sign-on" in client.get("/login").get_data(as_text=True)


def test_admin_settings_are_checked(app):
    org = make_org()
    admin = make_user(admin=True)
    client = app.test_client()
    login(client, admin)
    url = f"/admin/organisations/{org.id}/sso"
    response = client.post(url, data={"csrf_token": csrf_token(client, url), "sso_issuer": "http://idp.example",
                                      "sso_client_id": "", "sso_domains": "not a domain"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "https://" in page and "client id" in page and "domains" in page
