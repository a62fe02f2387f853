"""Every main page, in Dutch and English, on a phone and a laptop: axe-core finds no WCAG 2.x A/AA
violation and nothing scrolls sideways. Then what axe cannot see: the Tab order.

axe-core comes from npm (`npm ci` in the repository root; `.ci/run` and `make test` do it) and is
injected by Playwright into a context that bypasses the app's Content-Security-Policy.
Set TRACKER_A11Y_SHOTS=DIR to keep a full-page screenshot of every page visited.
"""
import os
from itertools import groupby
from pathlib import Path

import pytest

from tests.e2e.conftest import CHROMIUM
from tests.e2e.site import build_site, main_pages, open_as, settle

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SHOTS = os.environ.get("TRACKER_A11Y_SHOTS")

pytestmark = pytest.mark.skipif(os.path.exists(CHROMIUM) and not AXE.exists(),
                                reason="axe-core not installed (run `npm ci` in the repository root)")

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 4).map(n => n.target.join(" "))}));
}"""
OVERFLOW = """() => {
  const doc = document.documentElement;
  const wide = [...document.querySelectorAll("body *")].filter(el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.right > doc.clientWidth + 1 && !el.closest(".table-wrap, .chart");
  }).slice(0, 3);
  return {scroll: doc.scrollWidth, client: doc.clientWidth,
          wide: wide.map(el => el.tagName.toLowerCase() + "." + String(el.className).split(" ")[0])};
}"""


@pytest.fixture
def site(app):
    """Demo data plus the awkward cases, and the ids the page list needs."""
    return build_site()


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the current page."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, WCAG_TAGS)


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_main_page_passes_axe_and_never_scrolls_sideways(browser, live_server, site, lang, width):
    problems = []
    for role, pages in groupby(main_pages(site), key=lambda p: p.role):
        context, page = open_as(browser, live_server, role, lang, width)
        for target in pages:
            page.goto(live_server + target.path)
            settle(page)
            for v in axe_violations(page):
                problems.append(f"{target.name}: axe {v['impact']} {v['id']} ({v['help']}) at {v['nodes']}")
            fit = page.evaluate(OVERFLOW)
            if fit["scroll"] > fit["client"] + 1:
                problems.append(f"{target.name}: {fit['scroll']} px wide at {fit['client']} px {fit['wide']}")
            if SHOTS:
                Path(SHOTS).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=f"{SHOTS}/{lang}-{width}-{target.name}.png", full_page=True)
        context.close()
    assert not problems, f"{len(problems)} problems ({lang}, {width} px):\n" + "\n".join(problems)
