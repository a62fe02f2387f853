"""The dashboard and the coach overview in a real browser, on the demo portfolio."""
from datetime import date, timedelta

import pytest

from tests.e2e.conftest import log_in, screenshot
from tracker.services.demo.load import DEMO_PASSWORD, create_demo

CLIENT_MANAGER = "marieke.devries@noordholt.example"
CONTRACTOR_MANAGER = "jeroen.bakker@deltaveld.example"
COACH = "ingrid.bos@samenspel.example"
SPIRAL = "VIADUCT-KZW"


@pytest.fixture
def demo(app):
    """The demo portfolio (healthy, spiral, blind trust, recovery, quiet)."""
    return create_demo()


def charts_rendered(page) -> None:
    """Every chart container holds a plotly SVG (waits for plotly to draw)."""
    containers = page.locator("div.chart")
    assert containers.count() > 0
    for i in range(containers.count()):
        containers.nth(i).locator("svg.main-svg").first.wait_for(state="attached")


def clean(page) -> None:
    """No console errors (CSP violations included) and nothing fetched from outside 127.0.0.1."""
    assert page.console_errors == []
    assert page.outside_requests == []


def open_dashboard(page, code: str = SPIRAL) -> None:
    page.goto(f"{page.base}/projects/{code}/dashboard")
    page.wait_for_load_state("networkidle")
    charts_rendered(page)


def test_client_manager_sees_the_spiral_with_signals_and_charts(watched_page, demo):
    page = watched_page
    log_in(page, CLIENT_MANAGER, DEMO_PASSWORD)
    open_dashboard(page)
    assert page.locator("#signal-crowding_out").is_visible()
    assert page.locator(".signal .badge-alert, .signal .badge-warning").count() >= 1
    assert page.locator("div.chart").count() == 7
    assert page.evaluate("document.getElementById('chart-balance').layout.annotations.length") >= 5
    screenshot(page, "dashboard-client-manager")
    signal = page.locator("article.signal:has(#signal-crowding_out)")
    signal.locator(".signal-events summary").click()
    evidence = signal.locator(".signal-events a").first
    evidence.wait_for()
    href = evidence.get_attribute("href")
    assert href.startswith(f"/projects/{SPIRAL}/events/")
    clean(page)


def test_timeline_click_opens_the_event(watched_page, demo):
    page = watched_page
    log_in(page, CLIENT_MANAGER, DEMO_PASSWORD)
    open_dashboard(page)
    event_id = page.evaluate("""() => {
        const gd = document.getElementById('chart-timeline');
        const trace = gd.data.find(t => t.customdata && t.customdata.length);
        const id = trace.customdata[0];
        gd.emit('plotly_click', {points: [{customdata: id}]});
        return id; }""")
    page.wait_for_url(f"**/projects/{SPIRAL}/events/{event_id}")
    clean(page)


def test_contractor_manager_on_a_phone_and_in_dutch(watched_page, demo):
    page = watched_page
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, CONTRACTOR_MANAGER, DEMO_PASSWORD)
    open_dashboard(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 392, f"page scrolls sideways on a phone ({width}px)"
    screenshot(page, "dashboard-contractor-manager-390")
    page.click("button[value=nl]")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "nl"
    charts_rendered(page)
    assert "Er wordt meer op het contract gestuurd" in page.locator(".signals").inner_text()
    ticks = page.locator("#chart-trust .xtick text").all_text_contents()
    assert any(month in " ".join(ticks) for month in ("mrt", "mei", "okt")), ticks  # Dutch months
    assert page.evaluate("document.documentElement.scrollWidth") <= 392  # longer Dutch words fit
    screenshot(page, "dashboard-nl-390")
    page.set_viewport_size({"width": 1280, "height": 860})
    page.reload()
    page.wait_for_load_state("networkidle")
    charts_rendered(page)
    screenshot(page, "dashboard-nl")
    page.click("button[value=en]")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    clean(page)


def test_coach_overview_drill_down_and_an_action_from_a_signal(watched_page, demo):
    page = watched_page
    log_in(page, COACH, DEMO_PASSWORD)
    page.click("nav.mainnav >> text=Coach")
    page.wait_for_load_state("networkidle")
    charts_rendered(page)
    rows = page.locator("table.coach-table tbody tr")
    assert rows.count() == 5
    screenshot(page, "coach-overview")
    page.click("table.coach-table >> text=Escalations (90 days)")
    page.wait_for_load_state("networkidle")
    assert "sort=escalations" in page.url
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.wait_for_load_state("networkidle")
    charts_rendered(page)
    screenshot(page, "coach-overview-390")
    page.set_viewport_size({"width": 1280, "height": 860})
    page.click(f"table.coach-table >> text={SPIRAL}")
    page.wait_for_load_state("networkidle")
    charts_rendered(page)
    before = page.evaluate("document.getElementById('chart-trust').layout.shapes.length")
    card = page.locator("article.signal", has_text="More contract, less personal trust")
    card.locator("summary", has_text="Work in cross-party pairs").click()
    card.locator("a[href*='intervention=work_in_pairs']").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#intervention").input_value() == "work_in_pairs"
    assert page.locator("#signal").input_value() == "crowding_out"
    page.fill("#due_on", (date.today() + timedelta(days=14)).isoformat())
    page.fill("#notes", "Pairs across both teams on the temporary bridge <b>design</b>")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator(".flash-success").is_visible()
    assert "Pairs across both teams on the temporary bridge <b>design</b>" in page.locator("dl.facts").inner_text()
    screenshot(page, "action-created")
    page.select_option("#status", "done")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Did it help?" in page.locator("main").inner_text()
    page.goto(page.url.split("/actions/")[0] + "/dashboard")
    page.wait_for_load_state("networkidle")
    charts_rendered(page)
    assert page.evaluate("document.getElementById('chart-trust').layout.shapes.length") == before + 1
    assert "Did it help?" in page.locator("#actions").inner_text()
    screenshot(page, "dashboard-coach-after-action")
    clean(page)
