"""Random input at login, account and language forms: never a 500, never an off-site redirect."""
from urllib.parse import urlsplit

from hypothesis import given
from hypothesis import strategies as st

from tests.factories import PASSWORD, csrf_token
from tests.fuzz.conftest import assert_no_server_error, count
from tests.fuzz.strategies import FUZZ, choice, form, mixed, passwords, text
from tracker.models import User
from tracker.services.accounts.passwords import verify_password

EVIL_NEXT = ["//evil.example", "https://evil.example/", "/\\evil.example", "javascript:alert(1)",
             "\\\\evil.example", "http:/evil.example", "/%2F%2Fevil.example", "/ok/path"]


def assert_on_site(response) -> None:
    """A redirect never leaves this site."""
    if response.status_code in (301, 302, 303, 307, 308):
        target = urlsplit(response.headers["Location"])
        assert target.netloc in ("", "localhost"), response.headers["Location"]
        assert target.scheme in ("", "http")


@FUZZ
@given(fields=mixed(
    form(email=st.sampled_from(["victim@fuzz.test", " VICTIM@fuzz.test "]), password=st.just(PASSWORD),
         next=st.one_of(text, st.sampled_from(EVIL_NEXT))),
    form(email=st.one_of(text, st.just("manager@fuzz.test")), password=st.one_of(text, st.just(PASSWORD)),
         next=st.one_of(text, st.sampled_from(EVIL_NEXT)), csrf_token=st.sampled_from(["", "forged"]))),
       use_token=st.sampled_from([True, True, True, False]))
def test_login_form(app, world, fields, use_token):
    users = count(User)
    client = app.test_client()  # a new browser, logged out
    if use_token:
        fields = {**fields, "csrf_token": csrf_token(client, "/login")}
    response = client.post("/login", data=fields)
    assert_no_server_error(response, {200, 302, 400, 401})
    assert_on_site(response)
    assert count(User) == users


@FUZZ
@given(fields=mixed(
    st.builds(lambda new: {"current_password": PASSWORD, "password": new, "confirm": new}, passwords),
    form(current_password=st.one_of(text, st.just(PASSWORD)), password=text, confirm=text)))
def test_password_change_form(manager, world, fields):
    response = manager.post("/account", fields)
    assert_no_server_error(response, {200, 302})
    hashed = _password_hash(world.manager.id)
    if response.status_code == 302:  # changed: the new password is at least 10 characters and works
        assert len(fields["password"]) >= 10 and verify_password(hashed, fields["password"])


@FUZZ
@given(locale=choice("nl", "en"), next=st.one_of(text, st.sampled_from(EVIL_NEXT)))
def test_language_switch(manager, world, locale, next):
    response = manager.post("/language", {"locale": locale, "next": next})
    assert_no_server_error(response, {302})
    assert_on_site(response)


def _password_hash(user_id: int) -> str:
    """The stored hash, read fresh."""
    from tracker.extensions import db

    db.session.rollback()
    return db.session.get(User, user_id).password_hash
