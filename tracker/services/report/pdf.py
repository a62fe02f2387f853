"""Print report pages to PDF with a headless Chromium driven by Playwright.

The page is the report's own print-friendly HTML, written to a temporary file whose static files
(CSS, the vendored plotly.js and the chart renderer) are file:// URLs into the app's static folder:
Chromium never calls the app over the network, and any other request is refused. plotly draws
SVG, so charts stay vector in the PDF. One thread per process keeps one browser page open for all
PDFs, so only the first pays for starting Chromium and loading plotly.js.
"""
import atexit
import os
import queue
import shutil
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app

VIEWPORT = {"width": 680, "height": 960}  # the A4 text width at 96 dpi: charts are drawn as printed
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"]
READY_MS = 20_000  # charts drawn
JOB_SECONDS = 120  # one PDF, waiting in line included
IDLE_SECONDS = 300  # the browser stays open this long after the last PDF


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


# The next report's body, title, language and page-margin style replace the current ones in the
# open page: the stylesheet and plotly.js stay loaded (parsing plotly.js is most of a page load),
# the old charts are released and the chart renderer draws the new ones.
SWAP = """html => {
  const next = new DOMParser().parseFromString(html, "text/html");
  document.querySelectorAll(".js-plotly-plot").forEach(gd => window.Plotly.purge(gd));
  const root = document.documentElement;
  root.removeAttribute("data-charts-ready");
  root.lang = next.documentElement.lang;
  document.title = next.title;
  const style = document.querySelector("head style"), nextStyle = next.querySelector("head style");
  if (style && nextStyle) { style.textContent = nextStyle.textContent; }
  document.body.replaceWith(document.importNode(next.body, true));
  window.trackerCharts.renderAll();
}"""
RECYCLE_AFTER = 200  # documents per page, then a fresh page (whatever the swaps leave behind goes)


class _Page:
    """A browser page that prints report documents one after the other (print thread only)."""

    def __init__(self, browser, folder: str) -> None:
        self.browser, self.folder, self.page, self.printed = browser, folder, None, 0

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
        """The document printed on A4, after its charts are drawn."""
        if self.page is not None and self.printed >= RECYCLE_AFTER:
            self.page.context.close()
            self.page, self.printed = None, 0
        if self.page is None:
            self._open(document)
        else:
            self.page.evaluate(SWAP, document)
        self.printed += 1
        if self.page.locator("script.chart-data").count():
            self.page.wait_for_selector("html[data-charts-ready]", state="attached", timeout=READY_MS)
        return self.page.pdf(format="A4", print_background=True, prefer_css_page_size=True)


@dataclass
class _Job:
    document: str
    chromium: str | None
    done: Future = field(default_factory=Future)


class _PrintThread:
    """One thread per process owns Playwright and one Chromium (Playwright's sync API belongs to
    the thread that started it). Requests hand it documents and wait; the browser and its page stay
    open between requests, so a PDF costs drawing and printing, not a browser start and a plotly.js
    parse. After IDLE_SECONDS without work it closes the browser and ends; the next job starts it
    again. A failed job closes the page (and a dead browser is relaunched) before the next one."""

    def __init__(self) -> None:
        self.jobs: queue.Queue[_Job | None] = queue.Queue()  # None: stop
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None

    def submit(self, job: _Job) -> _Job:
        with self.lock:
            self.jobs.put(job)
            if self.thread is None:
                self.thread = threading.Thread(target=self._run, name="report-printer", daemon=True)
                self.thread.start()
        return job

    def stop(self) -> None:
        """End the thread and close its browser (at interpreter exit)."""
        with self.lock:
            thread, self.thread = self.thread, None
            if thread is not None:
                self.jobs.put(None)
        if thread is not None:
            thread.join(timeout=10)

    def _next(self) -> _Job | None:
        try:
            return self.jobs.get(timeout=IDLE_SECONDS)
        except queue.Empty:
            with self.lock:
                if self.jobs.empty():
                    self.thread = None
                    return None
            return self.jobs.get()

    def _run(self) -> None:
        browser, page, running = None, None, None
        with _playwright()() as playwright, tempfile.TemporaryDirectory(prefix="tracker-report-") as folder:
            try:
                while (job := self._next()) is not None:
                    try:
                        if browser is None or not browser.is_connected() or job.chromium != running:
                            if browser is not None:
                                browser.close()
                            browser, running = _launch(playwright, job.chromium), job.chromium
                            page = None
                        page = page or _Page(browser, folder)
                        job.done.set_result(page.pdf(job.document))
                    except Exception as error:  # the request shows it; the next job starts afresh
                        page = None
                        job.done.set_exception(error)
            finally:
                if browser is not None:
                    browser.close()


def _launch(playwright, path: str | None):
    """Chromium, headless and quiet: the one named, or Playwright's own."""
    return playwright.chromium.launch(executable_path=path, args=ARGS) if path \
        else playwright.chromium.launch(args=ARGS)


_printer = _PrintThread()
atexit.register(_printer.stop)


class Printer:
    """Prints report documents (HTML whose assets are file:// URLs, see `asset_url`) to PDF.

    Every document must load the same scripts (the report page always does in its PDF form)."""

    def __init__(self, chromium: str | None) -> None:
        self.chromium = chromium

    def submit(self, document: str) -> Future:
        """Hand the document to the process's print thread; the future gives the PDF's bytes."""
        return _printer.submit(_Job(document, self.chromium)).done

    def pdf(self, document: str) -> bytes:
        """The document printed on A4 by the process's print thread."""
        return self.submit(document).result(timeout=JOB_SECONDS)


def asset_url(filename: str) -> str:
    """A static file as the file:// URL the printed page loads it from."""
    return Path(current_app.static_folder, filename).resolve().as_uri()


@contextmanager
def printer() -> Iterator[Printer]:
    """A Printer for the configured Chromium (a context manager, so callers need not change when
    printing moves elsewhere, e.g. to a separate service)."""
    yield Printer(chromium_path())
