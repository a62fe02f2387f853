"""What axe cannot see: the Tab order. Every stop on the main pages must be visible, the main task
of each page must come within a reasonable number of stops, and the charts' events must open
from the keyboard alone."""
import pytest

from tests.e2e.site import CODE, build_site, open_as, settle

P = f"/projects/{CODE}"
# (page, its main task, the most Tab stops it may take to get there from the top)
MAIN_TASKS = [
    ("/", "a.project-card", 15),
    (f"{P}/dashboard", ".signal summary", 45),
    (f"{P}/open-issues", "table.register a", 40),
    (f"{P}/actions", "main a.btn", 30),
    (f"{P}/events/", "table.event-table tbody a", 40),
    (f"{P}/events/new", "#title", 30),
    (f"{P}/scan/", "main a.btn, main .scan-round a", 30),
    (f"{P}/transfer/", "#file", 40),
]
# A radio button styled as its label (the score pickers) shows its focus on the label: check that.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  let shown = el;
  if (el.matches("input[type=radio], input[type=checkbox]") && el.closest("label")
      && getComputedStyle(el).opacity === "0") {
    shown = el.closest("label");
    if (getComputedStyle(shown).outlineStyle === "none") {
      return {invisible: true, key: el.outerHTML.slice(0, 120)};
    }
  }
  const r = shown.getBoundingClientRect(), style = getComputedStyle(shown);
  let hidden = style.visibility === "hidden" || r.width < 1 || r.height < 1;
  for (let node = shown; node && node.nodeType === 1; node = node.parentElement) {
    const s = getComputedStyle(node);
    if (s.opacity === "0" || s.display === "none") hidden = true;
  }
  const offscreen = r.bottom < 0 || r.right < 0 || r.left > window.innerWidth || r.top > window.innerHeight;
  const text = el.innerText || el.value || el.getAttribute("aria-label") || "";
  return {tag: el.tagName.toLowerCase(), id: el.id, text: text.trim().slice(0, 40),
          invisible: hidden || offscreen, key: el.outerHTML.slice(0, 120)};
}"""


@pytest.fixture
def site(app):
    return build_site()


# Focus a throw-away element at the very start of the page (not itself a Tab stop), so the next
# Tab goes to the first stop even when a field took the focus on load (autofocus).
FROM_THE_TOP = """() => {
  const start = document.createElement("span");
  start.tabIndex = -1;
  document.body.prepend(start);
  start.focus();
  window.scrollTo(0, 0);
}"""


def walk(page, limit: int = 160) -> list[dict]:
    """Press Tab from the top of the page until focus leaves it; every stop in order."""
    page.evaluate(FROM_THE_TOP)
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop is None or (stops and stop["key"] == stops[0]["key"]):
            break
        stops.append(stop)
    return stops


@pytest.mark.parametrize("lang,width", [("en", 1280), ("nl", 390)])
def test_every_tab_stop_is_visible_and_the_main_task_is_near(browser, live_server, site, lang, width):
    context, page = open_as(browser, live_server, "manager", lang, width)
    problems = []
    for path, task, most in MAIN_TASKS:
        page.goto(live_server + path)
        settle(page)
        targets = page.evaluate(
            "(sel) => [...document.querySelectorAll(sel)].map(e => e.outerHTML.slice(0, 120))", task)
        autofocused = page.evaluate("document.activeElement.outerHTML.slice(0, 120)") in targets
        stops = walk(page)
        for n, stop in enumerate(stops, 1):
            if stop["invisible"]:
                problems.append(f"{path}: Tab stop {n} is invisible: {stop['key']}")
        reached = 0 if autofocused else next((n for n, stop in enumerate(stops, 1) if stop["key"] in targets),
                                             None)
        if reached is None or reached > most:
            problems.append(f"{path}: {task} after {reached} Tab stops (at most {most}); "
                            f"{len(stops)} stops: {[s['text'] or s['tag'] for s in stops[:90]]}")
    context.close()
    assert not problems, "\n".join(problems)


def test_timeline_events_open_with_the_keyboard_alone(browser, live_server, site):
    context, page = open_as(browser, live_server, "manager", "en", 1280)
    page.goto(f"{live_server}{P}/dashboard")
    settle(page)
    summary = page.locator("#chart-timeline ~ details.chart-table > summary")
    summary.focus()
    page.keyboard.press("Enter")
    first = page.locator("#chart-timeline ~ details.chart-table tbody a").first
    assert first.is_visible()
    title = first.inner_text()
    page.keyboard.press("Tab")  # the table's scroll area or its first link
    if page.evaluate("document.activeElement.tagName") != "A":
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.innerText") == title
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{P}/events/*")
    assert page.locator("h1").inner_text() == title
    context.close()
