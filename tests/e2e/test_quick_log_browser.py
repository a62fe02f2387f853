"""Logging a typical event in a real browser: few interactions, one laptop screen, a keyboard shortcut."""
import re

from sqlalchemy import select

from tests.e2e.conftest import log_in, screenshot
from tests.factories import PASSWORD, add_member, make_event, make_project, make_user
from tracker.extensions import db
from tracker.models import Event

LAPTOP = {"width": 1366, "height": 768}


def _world():
    user = make_user(name="Femke de Vries")
    project = make_project("QL1", name="Verbreding N-weg")
    add_member(project, user, "client", "manager")
    # This project usually scores issues on openness and procedures: those come first.
    for i in range(3):
        make_event(project, user, title=f"Earlier issue {i}", kind="issue",
                   scores={"p_openness": -1, "s_procedures": -1})
    target = make_event(project, user, title="Crane permit refused", kind="issue")
    for i in range(115):
        make_event(project, user, title=f"Site meeting {i}", kind="moment")
    return user, project, target


def test_a_typical_event_takes_six_interactions_on_one_laptop_screen(watched_page):
    page = watched_page
    user, project, _ = _world()
    page.set_viewport_size(LAPTOP)
    log_in(page, user.email, PASSWORD)
    page.goto(page.base + "/projects/QL1/events/")
    page.keyboard.press("n")  # the shortcut from any project page (not counted below)
    page.wait_for_url("**/events/new")
    form = page.locator("form.quick-log")

    # Nothing chosen for the user; fields for other kinds are not shown.
    assert page.locator("input[name=kind]:checked").count() == 0
    assert page.locator("input[name=steering]:checked").count() == 0
    assert page.locator("select[name=escalation_level]").is_hidden()
    assert page.locator("select[name=planned]").is_hidden()
    assert page.locator(".factor-help").first.is_hidden()  # descriptions on demand

    clicks = 0
    page.keyboard.type("Late delivery of drawings")  # the title has the focus
    page.keyboard.press("Tab")
    page.keyboard.type("Second reminder sent by letter.")
    page.click("label:has(input[name=kind][value=issue])"); clicks += 1
    page.click("label:has(input[name=steering][value=contractual])"); clicks += 1
    first_personal = page.locator("fieldset.scores").first.locator(".score-row").first
    assert first_personal.get_attribute("data-factor") == "p_openness"  # most scored for issues here
    height = form.bounding_box()["height"] + form.bounding_box()["y"]
    screenshot(page, "quick-log-laptop")
    page.click("[data-factor=p_openness] label:has(input[value='-1'])"); clicks += 1
    page.click("[data-factor=s_procedures] label:has(input[value='-1'])"); clicks += 1
    page.click("[data-factor=p_competence] label:has(input[value='1'])"); clicks += 1
    page.click("form.quick-log button[type=submit]"); clicks += 1
    page.wait_for_url(re.compile(r"/events/[0-9]+$"))
    assert "The event is logged." in page.content()
    assert clicks <= 6
    assert height <= LAPTOP["height"], f"the form ends at {height:.0f} px"

    db.session.rollback()
    event = db.session.scalars(select(Event).where(Event.title == "Late delivery of drawings")).one()
    assert (event.kind.value, event.steering.value) == ("issue", "contractual")
    assert event.score_map() == {"p_openness": -1, "s_procedures": -1, "p_competence": 1}
    assert event.description == "Second reminder sent by letter."
    assert page.console_errors == [] and page.outside_requests == []


def test_escalation_shows_its_level_and_a_searchable_link_picker(watched_page):
    page = watched_page
    user, project, target = _world()
    page.set_viewport_size(LAPTOP)
    log_in(page, user.email, PASSWORD)
    page.goto(page.base + "/projects/QL1/events/new")
    page.fill("input[name=title]", "Permit lifted to directors")
    page.click("label:has(input[name=kind][value=escalation])")
    page.click("label:has(input[name=steering][value=mixed])")
    assert page.locator("select[name=escalation_level]").is_visible()
    assert page.locator("select[name=planned]").is_hidden()
    picker = page.locator("input[name=links_to_id]")
    assert picker.get_attribute("list") == "link-targets" and picker.is_visible()
    assert page.locator("#link-targets option").count() == 119
    page.select_option("select[name=escalation_level]", "2")
    option = page.locator("#link-targets option[value*='Crane permit']").first
    picker.fill(option.get_attribute("value"))
    screenshot(page, "quick-log-escalation")
    page.keyboard.press("Control+Enter")
    page.wait_for_url(re.compile(r"/events/[0-9]+$"))
    db.session.rollback()
    event = db.session.scalars(select(Event).where(Event.title == "Permit lifted to directors")).one()
    assert event.escalation_level == 2 and event.links_to_id == target.id
    assert page.console_errors == []
