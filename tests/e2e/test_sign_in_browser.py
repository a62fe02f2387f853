"""Two-step login and sessions in a real browser: set up an app, log in with a code and with a
recovery code, and end the session of another browser."""
import time

import pyotp
from playwright.sync_api import expect

from tests.e2e.conftest import log_in, screenshot
from tests.factories import PASSWORD, make_user


def _code_step(page, code: str) -> None:
    page.wait_for_url("**/login/code")
    page.fill("input[name=code]", code)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def test_set_up_two_step_login_then_log_in_with_a_code_and_a_recovery_code(watched_page):
    page = watched_page
    user = make_user("femke@example.test", name="Femke de Vries")
    log_in(page, user.email, PASSWORD)
    page.goto(page.base + "/account")
    page.click("text=Two-step login (authenticator app)")
    page.wait_for_url("**/account/two-step")  # the click navigates; checking before it lands races
    expect(page.locator(".qr svg")).to_be_visible()
    secret = page.inner_text("#totp-secret").strip()
    screenshot(page, "two-step-setup")
    page.fill("input[name=code]", pyotp.TOTP(secret).now())
    page.click("main button[type=submit]")
    codes = [c.strip() for c in page.locator("#recovery-codes li").all_inner_texts()]
    assert len(codes) == 10
    page.click("text=I have saved them")
    page.click("text=Log out")
    page.wait_for_url("**/login")

    log_in(page, user.email, PASSWORD)
    _code_step(page, pyotp.TOTP(secret).at(time.time() + 30))  # the next step: the current code was used
    assert "Femke de Vries" in page.content()
    page.click("text=Log out")
    page.wait_for_url("**/login")

    log_in(page, user.email, PASSWORD)
    _code_step(page, codes[3])
    assert "Femke de Vries" in page.content()
    assert page.console_errors == [] and page.outside_requests == []


def test_end_the_session_of_another_browser(browser, watched_page):
    page = watched_page
    user = make_user("jan@example.test", name="Jan Smit")
    other_context = browser.new_context(locale="en-GB")
    other = other_context.new_page()
    other.base = page.base
    try:
        log_in(other, user.email, PASSWORD)
        log_in(page, user.email, PASSWORD)
        page.goto(page.base + "/account/sessions")
        assert page.locator("main li").count() == 2
        screenshot(page, "sessions")
        page.locator("main li", has_not_text="this browser").locator("button").click()
        page.wait_for_load_state()
        assert page.locator("main li").count() == 1
        other.goto(other.base + "/")
        other.wait_for_url("**/login**")
        assert "Your session has ended" in other.content()
    finally:
        other_context.close()
    assert page.console_errors == []


def test_single_sign_on_through_a_real_provider(watched_page):
    from tests.factories import make_org
    from tests.oidc.server import CLIENT_ID, CLIENT_SECRET, provider
    from tracker.extensions import db
    from tracker.services.admin import sign_in

    page = watched_page
    org = make_org("Gemeente Noordholt")
    admin = make_user("beheer@example.test", admin=True)
    user = make_user("anne@noordholt.example", name="Anne Jansen")
    user.organisation_id = org.id
    db.session.commit()
    with provider(page.base + "/login/sso/callback") as issuer:
        sign_in.set_organisation_sso(org, issuer=issuer, client_id=CLIENT_ID, client_secret=CLIENT_SECRET,
                                     domains="noordholt.example", sso_only=True, acting=admin)
        page.goto(page.base + "/login")
        page.fill("#sso-email", user.email)
        page.click("text=Log in with your organisation >> nth=-1")
        page.wait_for_url(issuer + "/**")
        page.fill("input[name=login]", user.email)
        page.fill("input[name=password]", "anything")
        page.click("button[type=submit]")
        page.wait_for_url(page.base + "/")
        assert "Anne Jansen" in page.content()
        screenshot(page, "sso-signed-in")
    # (console errors are not checked here: the provider's development pages ask for a favicon and fonts)
