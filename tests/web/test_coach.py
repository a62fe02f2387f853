"""The coach overview: only coached projects, aggregates without organisations, cached summaries."""
import re
from datetime import date, timedelta

import pytest
from babel.dates import format_date
from sqlalchemy import func, select

from tests.factories import add_member, login, make_event, make_org, make_project, make_user
from tests.web.test_dashboard import chart_blocks, hardening_story
from tracker.extensions import db
from tracker.models.summary import ProjectSummary
from tracker.services.portfolio import overview as portfolio

TODAY = date.today()


def ago(days: int) -> date:
    """A date ``days`` before today."""
    return TODAY - timedelta(days=days)


@pytest.fixture
def portfolio_of(app):
    """A coach on two projects (one hardening), a third project they do not coach."""
    coach, manager = make_user(name="Coach Ingrid"), make_user(name="Manager Jeroen")
    spiral = make_project("SPIRAL", name="Hardening project", start_date=ago(400),
                          client_org=make_org("Provincie Noordholt"))
    calm = make_project("CALM", name="Calm project", start_date=ago(400))
    hidden = make_project("HIDDEN", name="Not coached", start_date=ago(400))
    for project in (spiral, calm):
        add_member(project, coach, "coach", "member")
    for project in (spiral, calm, hidden):
        add_member(project, manager, "client", "manager")
    hardening_story(spiral, manager)
    for days in (40, 30, 20):
        make_event(calm, manager, occurred_on=ago(days), kind="moment", scores={"p_openness": 1})
    make_event(hidden, manager, occurred_on=ago(3), kind="moment", title="Secret hidden event")
    return coach, manager, {"spiral": spiral, "calm": calm, "hidden": hidden}


def _rows(html: str) -> list[str]:
    """Project codes in table order."""
    return re.findall(r'<th scope="row"><a href="/projects/([^/]+)/dashboard"', html)


def test_coach_sees_only_assigned_projects_with_drill_down(client, portfolio_of):
    coach, _manager, projects = portfolio_of
    login(client, coach)
    response = client.get("/coach/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert _rows(html) == ["CALM", "SPIRAL"]
    assert "HIDDEN" not in html and "Secret hidden event" not in html
    assert "More contract, less personal trust" in html  # the spiral's active signal
    assert client.get("/projects/SPIRAL/dashboard").status_code == 200
    assert client.get("/projects/HIDDEN/dashboard").status_code == 404


def test_no_organisations_on_the_overview(client, portfolio_of):
    coach, *_ = portfolio_of
    login(client, coach)
    html = client.get("/coach/").get_data(as_text=True)
    assert "Provincie Noordholt" not in html and "Org " not in html
    assert client.get("/coach/?sort=organisation").status_code == 200  # unknown sort: by code
    assert _rows(client.get("/coach/?sort=organisation").get_data(as_text=True)) == ["CALM", "SPIRAL"]


def test_sorting_by_a_column(client, portfolio_of):
    coach, *_ = portfolio_of
    login(client, coach)
    assert _rows(client.get("/coach/?sort=escalations&dir=desc").get_data(as_text=True)) == ["SPIRAL", "CALM"]
    assert _rows(client.get("/coach/?sort=personal&dir=asc").get_data(as_text=True))[0] == "SPIRAL"
    assert _rows(client.get("/coach/?sort=signals&dir=desc").get_data(as_text=True))[0] == "SPIRAL"


def test_portfolio_charts_aggregate_across_projects(client, portfolio_of):
    coach, *_ = portfolio_of
    login(client, coach)
    html = client.get("/coach/").get_data(as_text=True)
    blocks = chart_blocks(html)
    assert set(blocks) == {"chart-portfolio-escalations"}
    assert "No issues were resolved in the last year." in html  # the stories resolve nothing
    total = sum(sum(trace["y"]) for trace in blocks["chart-portfolio-escalations"]["data"])
    assert total == 9  # the spiral's nine escalations; the calm project has none


def test_non_coaches_get_an_explanation_and_no_nav_link(client, portfolio_of):
    coach, manager, _projects = portfolio_of
    login(client, manager)
    response = client.get("/coach/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "You do not coach any project yet" in html
    assert 'href="/coach/"' not in html and "chart-data" not in html
    coach_client = client.application.test_client()
    login(coach_client, coach)
    assert 'href="/coach/"' in coach_client.get("/").get_data(as_text=True)


def test_logging_an_event_stores_the_new_summary_and_the_overview_reads_it(app, portfolio_of):
    coach, manager, projects = portfolio_of
    first = {r.code: r for r in portfolio.overview(coach.id, TODAY)}
    assert all(r.fresh for r in first.values())
    make_event(projects["calm"], manager, occurred_on=TODAY, kind="escalation", escalation_level=3,
               steering="contractual", scores={"p_openness": -2})
    stored = db.session.scalar(select(ProjectSummary).where(ProjectSummary.project_id == projects["calm"].id))
    assert stored.events == first["CALM"].events + 1 and stored.escalations_90d == 1
    changed = {r.code: r for r in portfolio.overview(coach.id, TODAY)}
    assert changed["CALM"].values == {n: getattr(stored, n) for n in portfolio.VALUES}
    assert changed["CALM"].personal < first["CALM"].personal


def test_projects_without_a_coach_get_no_stored_summary(app, portfolio_of):
    _coach, _manager, projects = portfolio_of
    assert db.session.scalar(select(ProjectSummary).where(
        ProjectSummary.project_id == projects["hidden"].id)) is None


def test_a_spent_budget_shows_last_known_figures_marked(client, app, portfolio_of):
    coach, manager, projects = portfolio_of
    app.config["COACH_SUMMARY_BUDGET_MS"] = 0
    portfolio.refresh_all(TODAY - timedelta(days=1))  # yesterday's rows, as before the nightly run
    login(client, coach)
    html = client.get("/coach/").get_data(as_text=True)
    yesterday = format_date(TODAY - timedelta(days=1), "d MMM yyyy", locale="en")
    assert "still being brought up to date" in html and f"as of {yesterday}" in html
    app.config["COACH_SUMMARY_BUDGET_MS"] = 60_000
    assert "still being brought up to date" not in client.get("/coach/").get_data(as_text=True)
    db.session.rollback()
    stored = db.session.scalars(select(ProjectSummary.as_of)).all()
    assert stored and set(stored) == {TODAY - timedelta(days=1)}  # the page view stored nothing


def test_the_stored_summary_carries_the_signals(portfolio_of):
    _coach, _manager, projects = portfolio_of
    stored = db.session.scalar(select(ProjectSummary).where(ProjectSummary.project_id == projects["spiral"].id))
    assert stored.as_of == TODAY
    assert {"code": "crowding_out", "severity": "alert"} in stored.signals


def test_refresh_command_brings_every_summary_up_to_date(app, runner, portfolio_of):
    result = runner.invoke(args=["tracker", "refresh-summaries"])
    assert result.exit_code == 0 and "2 project summaries up to date" in result.output
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(ProjectSummary)) == 2  # the coached ones


def test_trend_queries_count_escalations_and_resolution_time(app):
    manager = make_user()
    project = make_project(start_date=ago(300))
    add_member(project, manager)
    issue = make_event(project, manager, occurred_on=ago(100), kind="issue")
    raised = make_event(project, manager, occurred_on=ago(90), kind="escalation", escalation_level=2,
                        links_to_id=issue.id)
    make_event(project, manager, occurred_on=ago(70), kind="agreement", links_to_id=raised.id)
    quick = make_event(project, manager, occurred_on=ago(50), kind="issue")
    make_event(project, manager, occurred_on=ago(40), kind="agreement", links_to_id=quick.id)
    values = portfolio.summarise(project, TODAY)
    escalations, resolutions = portfolio.portfolio_trends(
        [portfolio.PortfolioRow(project.id, "X", "x", TODAY, True, values)])
    assert sum(n for _m, _l, n in escalations) == 1 and escalations[0][1] == 2
    assert sorted(round(days) for _m, days, _n in resolutions) in ([10, 30], [20])  # same month: mean
    assert sum(n for _m, _d, n in resolutions) == 2
