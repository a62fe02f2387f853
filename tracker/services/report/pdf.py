"""Print report pages to PDF with a headless Chromium driven by Playwright.

The page is the report's own print-friendly HTML, written to a temporary file whose static files
(CSS, the vendored plotly.js and the chart renderer) are file:// URLs into the app's static folder:
Chromium never calls the app over the network, and any other request is refused. plotly draws
SVG, so charts stay vector in the PDF. One browser serves a whole batch (a coach's portfolio).
"""
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import current_app

VIEWPORT = {"width": 680, "height": 960}  # the A4 text width at 96 dpi: charts are drawn as printed
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"]
READY_MS = 20_000


def _playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a dependency; a broken install lands here
        return None
    return sync_playwright


def chromium_path() -> str | None:
    """The configured Chromium, the one on the PATH, or None (then Playwright's own, if installed)."""
    configured = current_app.config.get("REPORT_CHROMIUM")
    if configured:
        return configured if os.path.exists(configured) else None
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _bundled_chromium() -> bool:
    """True when `playwright install chromium` has put a browser in Playwright's cache."""
    root = os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or os.path.expanduser("~/.cache/ms-playwright")
    return os.path.isdir(root) and any(name.startswith("chromium") for name in os.listdir(root))


def missing() -> str | None:
    """Why no PDF can be made here (None: it can): the piece that is not installed."""
    if _playwright() is None:
        return "playwright"
    configured = current_app.config.get("REPORT_CHROMIUM")
    if configured and not os.path.exists(configured):
        return "chromium"
    if chromium_path() is None and not _bundled_chromium():
        return "chromium"
    return None


# The next report's document replaces the current one in the open page: plotly.js stays loaded
# (parsing it is most of a page load), the chart renderer draws the new charts.
SWAP = """html => {
  const next = new DOMParser().parseFromString(html, "text/html").documentElement;
  document.replaceChild(document.importNode(next, true), document.documentElement);
  if (window.trackerCharts) { window.trackerCharts.renderAll(); }
}"""


class Printer:
    """An open browser page that prints report pages to PDF, one after the other."""

    def __init__(self, browser, folder: str) -> None:
        self.browser, self.folder, self.page = browser, folder, None

    def _open(self, document: str) -> None:
        """The first document: opened from a file, so Chromium reads the assets from disk."""
        path = os.path.join(self.folder, "report.html")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(document)
        self.page = self.browser.new_context(viewport=VIEWPORT).new_page()
        self.page.emulate_media(media="print")
        self.page.route(lambda url: not url.startswith("file://"), lambda route: route.abort())
        self.page.goto(Path(path).as_uri(), wait_until="load")

    def pdf(self, document: str) -> bytes:
        """The document (HTML whose assets are file:// URLs, see `asset_url`) printed on A4, after
        its charts are drawn. Every document of a batch must load the same scripts."""
        if self.page is None:
            self._open(document)
        else:
            self.page.evaluate(SWAP, document)
        if self.page.locator("script.chart-data").count():
            self.page.wait_for_selector("html[data-charts-ready]", state="attached", timeout=READY_MS)
        return self.page.pdf(format="A4", print_background=True, prefer_css_page_size=True)


def asset_url(filename: str) -> str:
    """A static file as the file:// URL the printed page loads it from."""
    return Path(current_app.static_folder, filename).resolve().as_uri()


@contextmanager
def printer() -> Iterator[Printer]:
    """A Printer on a freshly launched headless Chromium, closed afterwards."""
    sync_playwright = _playwright()
    path = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=ARGS) if path \
            else playwright.chromium.launch(args=ARGS)
        try:
            with tempfile.TemporaryDirectory(prefix="tracker-report-") as folder:
                yield Printer(browser, folder)
        finally:
            browser.close()
