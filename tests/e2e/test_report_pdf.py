"""The report as PDF, printed by Chromium and read back with poppler: A4, the project and period and
a page number on every page, the dashboard's figures, charts drawn, both languages; the pages are
kept as images under test-artifacts/screenshots to look at. And a coach's zip of every report."""
import io
import re
import shutil
import subprocess
import zipfile
from datetime import date, timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from tests.e2e.conftest import SCREENSHOTS
from tests.factories import login
from tracker.blueprints.dashboard import labels
from tracker.extensions import db
from tracker.models import Project, User
from tracker.services.demo import load as demo
from tracker.services.report.period import last_full_quarter
from tracker.services.trust.dashboard import Filters, build_dashboard
from tracker.services.trust.history import trust_history

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdftoppm"),
                                reason="poppler-utils not installed (apt-get install poppler-utils)")
CODE = "VIADUCT-KZW"
HEADINGS = {
    "en": ["Headline figures", "Each side's view", "Signals in this period", "The balance map",
           "Escalations", "Meaningful moments", "Questions for the meeting"],
    "nl": ["Kerncijfers", "Het beeld van elke partij", "Signalen in deze periode", "De balanskaart",
           "Escalaties", "Betekenisvolle momenten", "Vragen voor het overleg"],
}
PAGE = {"en": "Page", "nl": "Pagina"}
ZONE = {"en": "Contract-driven", "nl": "Contractgedreven"}  # drawn inside the balance map only


@pytest.fixture
def demo_world(app):
    """The demo portfolio."""
    with app.test_request_context():
        demo.create_demo()
    db.session.commit()
    return app


def _login(client, email: str) -> None:
    login(client, db.session.scalar(select(User).where(User.email == email)), demo.DEMO_PASSWORD)


def _poppler(*args: str, data: bytes) -> str:
    return subprocess.run(args, input=data, capture_output=True, check=True).stdout.decode()


def _pages(data: bytes) -> int:
    info = _poppler("pdfinfo", "-", data=data)
    assert re.search(r"Page size:\s+59[45](\.\d+)? x 84[12]", info), info  # A4 in points
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def _page_text(data: bytes, page: int) -> str:
    return _poppler("pdftotext", "-layout", "-f", str(page), "-l", str(page), "-", "-", data=data)


def _expected_figures(app, lang: str) -> list[str]:
    """Headline figures as the dashboard computes them for the period, in the report's language."""
    period = last_full_quarter(date.today())
    project = db.session.scalar(select(Project).where(Project.code == CODE))
    with app.test_request_context(), force_locale(lang):
        end = build_dashboard(project, Filters(period.start, period.end, None), lang).history.current.figures
        start = trust_history(project, period.start - timedelta(days=1)).current.figures
        return [labels.number(end.personal.value), labels.number(end.system.value),
                labels.percent(end.contract_share.value), labels.number(start.personal.value),
                labels.number(end.by_side["client"].personal.value)]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_report_pdf_reads_back_with_the_dashboards_figures(demo_world, client, lang, tmp_path):
    _login(client, "marieke.devries@noordholt.example")
    response = client.get(f"/projects/{CODE}/report.pdf?lang={lang}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    data = response.data
    assert data.startswith(b"%PDF") and "attachment" in response.headers["Content-Disposition"]
    pages = _pages(data)
    assert 3 <= pages <= 16
    texts = [_page_text(data, n) for n in range(1, pages + 1)]
    with force_locale(lang):
        period = last_full_quarter(date.today())
    for n, text in enumerate(texts, start=1):  # the running header and the page number on every page
        assert CODE in text.split("\n", 2)[0], (n, text[:200])
        assert f"{PAGE[lang]} {n} / {pages}" in text
    whole = "\n".join(texts)
    assert str(period.end.year) in whole.split("\n", 1)[0]
    flat = re.sub(r"\s+", " ", whole)
    for heading in HEADINGS[lang]:
        assert heading in flat, heading
    for figure in _expected_figures(demo_world, lang):
        assert figure in flat, figure
    assert ZONE[lang] in flat  # the balance map was drawn, as vector text
    for word in ("None", "nan", "NaN", "undefined"):
        assert not re.search(rf"\b{word}\b", flat), word
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob(f"report-{CODE}-{lang}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-", str(SCREENSHOTS / f"report-{CODE}-{lang}")],
                   input=data, check=True)
    assert len(list(SCREENSHOTS.glob(f"report-{CODE}-{lang}-*.png"))) == pages


def test_coach_zip_holds_every_coached_projects_report(demo_world, client):
    _login(client, "ingrid.bos@samenspel.example")
    response = client.get("/coach/reports.zip?lang=nl")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = archive.namelist()
    codes = [p.code for p in db.session.scalars(select(Project).order_by(Project.code))]
    assert [name.split("-report-")[0] for name in names] == codes
    for name, code in zip(names, codes):
        data = archive.read(name)
        text = re.sub(r"\s+", " ", "\n".join(_page_text(data, n) for n in range(1, _pages(data) + 1)))
        assert code in text and "Kerncijfers" in text
        # every report in the batch draws its own charts (the browser page is reused between them)
        page = client.get(f"/projects/{code}/report?lang=nl").get_data(as_text=True)
        if 'data-target="chart-balance"' in page:
            assert ZONE["nl"] in text, code


def test_coach_page_fetches_the_reports_one_by_one_and_offers_one_zip(demo_world, watched_page):
    from tests.e2e.conftest import log_in, screenshot

    page = watched_page
    log_in(page, "ingrid.bos@samenspel.example", demo.DEMO_PASSWORD)
    page.goto(page.base + "/coach/reports?lang=en")
    projects = page.locator("li[data-url]").count()
    assert projects == 5
    page.set_default_timeout(120_000)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download all as one zip").click()
    path = download_info.value.path()
    assert download_info.value.suggested_filename.endswith("-en.zip")
    assert page.locator("progress").get_attribute("value") == str(projects)
    assert page.locator(".report-bundle-state", has_text="done").count() == projects
    screenshot(page, "report-coach-portfolio")
    archive = zipfile.ZipFile(path)
    assert len(archive.namelist()) == projects
    assert all(archive.read(name).startswith(b"%PDF") for name in archive.namelist())
    assert not page.console_errors and not page.outside_requests


def test_a_report_printed_in_a_reused_page_equals_one_printed_in_a_fresh_page(demo_world):
    """The print thread swaps each next document into its open page: same pages, same text."""
    from tracker.blueprints.report.present import render
    from tracker.services.report import pdf

    period = last_full_quarter(date.today())
    with demo_world.test_request_context():
        projects = [db.session.scalar(select(Project).where(Project.code == c)) for c in (CODE, "N712")]
        documents = [render(p, period, "en", for_pdf=True) for p in projects]
        pdf._printer.stop()  # the next PDF opens a fresh browser page
        with pdf.printer() as printer:
            fresh, other, reused = (printer.pdf(d) for d in (documents[0], documents[1], documents[0]))
    assert _pages(fresh) == _pages(reused) != 0
    for n in range(1, _pages(fresh) + 1):
        assert _page_text(fresh, n) == _page_text(reused, n)
    assert "N712" in _page_text(other, 1) and CODE not in _page_text(other, 1)
