"""The partnership report page: period and language, the dashboard's own figures, access,
the scan's anonymity threshold, and what the PDF link says where no PDF can be printed."""
from datetime import date, timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from tests.factories import add_member, login, make_project, make_user
from tracker.blueprints.dashboard import labels
from tracker.domain import scan as scan_domain
from tracker.extensions import db
from tracker.models import Project, User
from tracker.services.demo import load as demo
from tracker.services.instruments import scan
from tracker.services.report.period import last_full_quarter
from tracker.services.trust.dashboard import Filters, build_dashboard
from tracker.services.trust.history import trust_history

MANAGER = "marieke.devries@noordholt.example"
CODE = "VIADUCT-KZW"


@pytest.fixture
def demo_world(app):
    """The demo portfolio."""
    with app.test_request_context():
        demo.create_demo()
    db.session.commit()
    return app


def _login(client, email=MANAGER):
    user = db.session.scalar(select(User).where(User.email == email))
    login(client, user, demo.DEMO_PASSWORD)
    return user


def _project(code=CODE) -> Project:
    return db.session.scalar(select(Project).where(Project.code == code))


def _text(response) -> str:
    return response.get_data(as_text=True)


@pytest.mark.parametrize("lang, headings", [
    ("en", ["Headline figures", "Each side's view", "Signals in this period", "Meaningful moments",
            "The balance map", "Escalations", "Questions for the meeting", "Open issues and their time boxes"]),
    ("nl", ["Kerncijfers", "Het beeld van elke partij", "Signalen in deze periode", "Betekenisvolle momenten",
            "De balanskaart", "Escalaties", "Vragen voor het overleg", "Open kwesties en hun termijnen"]),
])
def test_report_has_every_section_in_the_language_asked_for(demo_world, client, lang, headings):
    _login(client)
    response = client.get(f"/projects/{CODE}/report?lang={lang}")
    assert response.status_code == 200
    html = _text(response)
    assert f'<html lang="{lang}">' in html
    for heading in headings:
        assert heading in html
    for word in ("None", "nan", "NaN", "undefined"):
        assert f">{word}<" not in html and f" {word} " not in html


def test_report_figures_are_the_dashboards(demo_world, client):
    _login(client)
    period = last_full_quarter(date.today())
    project = _project()
    html = _text(client.get(f"/projects/{CODE}/report?lang=en"))
    with demo_world.test_request_context(), force_locale("en"):
        dash = build_dashboard(project, Filters(period.start, period.end, None), "en")
        start = trust_history(project, period.start - timedelta(days=1)).current.figures
        end = dash.history.current.figures
        expected = [labels.number(end.personal.value), labels.number(end.system.value),
                    labels.percent(end.contract_share.value), labels.number(start.personal.value),
                    labels.number(end.personal.value - start.personal.value, sign=True),
                    labels.number(end.by_side["client"].personal.value),
                    labels.number(end.by_side["contractor"].personal.value)]
    for figure in expected:
        assert figure in html, figure
    assert f"{dash.timeline_total} events were logged in this period" in html
    for view in dash.signals:  # the flags active at the end of the period, with their own words
        assert view.flag.message["en"].split(":")[0] in html


def test_report_period_defaults_to_the_last_full_quarter_and_any_period_can_be_asked(demo_world, client):
    _login(client)
    period = last_full_quarter(date.today())
    html = _text(client.get(f"/projects/{CODE}/report?lang=en"))
    assert f'value="{period.start.isoformat()}"' in html and f'value="{period.end.isoformat()}"' in html
    asked = date.today() - timedelta(days=60)
    html = _text(client.get(f"/projects/{CODE}/report?lang=en&from={asked.isoformat()}"))
    assert f'value="{asked.isoformat()}"' in html and f'value="{date.today().isoformat()}"' in html


@pytest.mark.parametrize("query, message", [
    ("from=2026-13-01", "Write the date as YYYY-MM-DD"),
    ("from=2026-06-01&until=2026-05-01", "cannot start after it ends"),
    ("until=2999-01-01", "cannot end after today"),
    ("from=2001-01-01&until=2026-01-01", "at most three years"),
    ("lang=de", "Choose Dutch (nl) or English (en)"),
])
def test_a_bad_period_or_language_is_a_clear_error(demo_world, client, query, message):
    _login(client)
    response = client.get(f"/projects/{CODE}/report?{query}")
    assert response.status_code == 400
    assert message in _text(response)
    response = client.get(f"/projects/{CODE}/report.pdf?{query}")
    assert response.status_code == 400 and message in _text(response)


def test_report_needs_a_seat_on_the_project(demo_world, client):
    outsider = make_user()
    db.session.commit()
    login(client, outsider)
    assert client.get(f"/projects/{CODE}/report").status_code == 404
    assert client.get(f"/projects/{CODE}/report.pdf").status_code == 404
    assert client.get("/coach/reports.zip").status_code == 404  # no coached projects: nothing to zip


def test_without_chromium_the_pdf_link_explains_what_is_missing(demo_world, client):
    demo_world.config["REPORT_CHROMIUM"] = "/nowhere/chromium"
    _login(client)
    page = _text(client.get(f"/projects/{CODE}/report"))
    assert "PDF download not available on this server" in page
    response = client.get(f"/projects/{CODE}/report.pdf")
    assert response.status_code == 503
    assert "apt-get install chromium" in _text(response)
    assert "print-friendly page" in _text(response)


def _answers(value: int) -> dict[str, str]:
    return {key: str(value) for key in sorted(scan_domain.STATEMENT_KEYS)}


def test_scan_results_respect_the_anonymity_threshold(demo_world, client):
    """Three client answers show; two contractor answers do not, exactly as on the scan pages."""
    project = _project()
    records, line = [], 2
    for person, side, value in (("c1", "client", 4), ("c2", "client", 4), ("c3", "client", 5),
                                ("o1", "contractor", 1), ("o2", "contractor", 2)):
        for key, score in _answers(value).items():
            records.append((line, {"respondent": person, "side": side, "statement": key, "score": score}))
            line += 1
    with demo_world.test_request_context():
        scan.import_responses(project, "Spring round", records)
    _login(client)
    html = _text(client.get(f"/projects/{CODE}/report?lang=en"))  # the last quarter: before the round
    assert "Spring round" not in html and "No scan round had opened by the end of the period" in html
    recent = (date.today() - timedelta(days=30)).isoformat()
    html = _text(client.get(f"/projects/{CODE}/report?lang=en&from={recent}"))
    assert "Spring round" in html
    assert "too few responses" in html
    assert "4,33" not in html and "4.33" in html  # the client's mean (4 + 4 + 5) / 3
    assert "1.50" not in html  # the contractor's mean stays hidden below the threshold


def test_coach_portfolio_page_lists_the_coached_projects_without_ranking(demo_world, client):
    _login(client, "ingrid.bos@samenspel.example")
    response = client.get("/coach/reports?lang=nl")
    html = _text(response)
    assert response.status_code == 200
    codes = [p.code for p in db.session.scalars(select(Project).order_by(Project.code))]
    positions = [html.index(f'data-name="{code}"') for code in codes]
    assert positions == sorted(positions)  # by code, as the coach overview lists them
    assert "/coach/reports.zip" in html


def test_a_member_without_a_coach_seat_gets_no_portfolio(demo_world, client):
    _login(client)
    html = _text(client.get("/coach/reports"))
    assert "You do not coach any project yet" in html


def test_a_project_without_events_still_has_a_report(app, client):
    project = make_project(start_date=date.today() - timedelta(days=200))
    user = make_user()
    add_member(project, user, "client", "manager")
    db.session.commit()
    login(client, user)
    response = client.get(f"/projects/{project.code}/report?lang=en")
    html = _text(response)
    assert response.status_code == 200
    assert "No meaningful moments were logged" in html and "No scan round had opened" in html
    assert ">None<" not in html and "nan" not in html.replace("nancial", "")


def test_report_lists_the_open_issue_register_and_the_actions_of_the_period(demo_world, client):
    from tracker.services.actions.queries import list_actions
    from tracker.services.ladder.register import open_issues

    _login(client)
    shown = 0
    for project in db.session.scalars(select(Project)).all():
        period = last_full_quarter(date.today())
        html = _text(client.get(f"/projects/{project.code}/report?lang=en"))
        if "Open issues and their time boxes" not in html:
            continue  # not a project of this manager
        rows = open_issues(project, period.end)
        for row in rows:
            assert f'<th scope="row">{row.title}</th>' in html.replace("&#39;", "'")
        if not rows:
            assert "No issue is open at the end of the period." in html
        actions = [a for a in list_actions(project.id, period.end)
                   if a.created_on <= period.end and (a.closed_on is None or a.closed_on >= period.start)]
        assert ("Actions and whether they helped" in html) == bool(actions)
        shown += len(rows) + len(actions)
    assert shown  # the demo gives the manager's projects open issues or actions to report
