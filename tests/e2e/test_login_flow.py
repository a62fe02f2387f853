"""A person logs in, switches language and logs out in a real browser."""
from tests.e2e.conftest import log_in, screenshot
from tests.factories import PASSWORD, add_member, make_project, make_user


def test_login_language_switch_and_logout(watched_page):
    page = watched_page
    user = make_user(name="Femke de Vries")
    project = make_project(name="Verbreding N-weg")
    add_member(project, user, "client", "manager")
    log_in(page, user.email, PASSWORD)
    assert "Femke de Vries" in page.content()
    page.click("button[value=nl]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "nl"
    screenshot(page, "projects-nl")
    page.click("button[value=en]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    screenshot(page, "projects-en")
    page.click("text=Log out")
    page.wait_for_url("**/login")
    assert page.console_errors == []
    assert page.outside_requests == []
