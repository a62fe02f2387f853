"""Accessibility in the HTML: chart summaries and tables, the statement, required fields, error
summaries and dates in the reader's language (the browser checks are in tests/e2e)."""
import re
from datetime import date, datetime

import pytest

from tests.factories import csrf_token, login, make_event
from tests.web.test_dashboard import ago, hardening_story, seated_project


@pytest.fixture
def spiral(app):
    project, people = seated_project()
    hardening_story(project, people["client"])
    return project, people


def in_dutch(client) -> None:
    token = csrf_token(client, "/accessibility")
    client.post("/language", data={"locale": "nl", "next": "/", "csrf_token": token})


def test_every_chart_has_a_summary_and_a_table_of_its_numbers(client, spiral):
    project, people = spiral
    login(client, people["client"])
    html = client.get(f"/projects/{project.code}/dashboard").get_data(as_text=True)
    charts = re.findall(r'<div id="(chart-[a-z-]+)" class="chart" role="img" aria-labelledby="([^"]+)"', html)
    assert len(charts) == 7
    for chart_id, labelled_by in charts:
        assert labelled_by == f"{chart_id}-title {chart_id}-summary"
        assert f'<p class="chart-summary" id="{chart_id}-summary">' in html
    assert html.count("Show as table") == 7 and html.count('<table class="chart-numbers">') == 7
    assert "modeBar" not in html  # no plotly toolbar configured anywhere in the page


def test_the_timeline_table_links_every_shown_event_and_the_whole_log(client, spiral):
    project, people = spiral
    login(client, people["client"])
    html = client.get(f"/projects/{project.code}/dashboard").get_data(as_text=True)
    card = html[html.index('id="chart-timeline-title"'):html.index('id="chart-heatmap-title"')]
    links = re.findall(rf'<a href="/projects/{project.code}/events/(\d+)">', card)
    assert len(links) == 50
    assert f'href="/projects/{project.code}/events/?date_to=' in card  # the rest in the event log


def test_trust_summary_states_the_latest_week_in_words(client, spiral):
    project, people = spiral
    login(client, people["client"])
    html = client.get(f"/projects/{project.code}/dashboard").get_data(as_text=True)
    summary = re.search(r'id="chart-trust-summary">([^<]+)<', html).group(1)
    assert re.match(r"Week of \d{1,2} \w{3} \d{4}: personal trust [\d.]+, system trust [\d.]+", summary)


def test_accessibility_statement_is_public_and_linked_from_every_page(app, client):
    page = client.get("/accessibility").get_data(as_text=True)
    assert "<h1>Accessibility statement</h1>" in page and "WCAG 2.1" in page and "Known limits" in page
    assert "administrator of this installation" in page
    assert '<a href="/accessibility">Accessibility</a>' in client.get("/login").get_data(as_text=True)
    app.config["ACCESSIBILITY_CONTACT"] = "toegankelijkheid@example.org"
    page = client.get("/accessibility").get_data(as_text=True)
    assert '<a href="mailto:toegankelijkheid@example.org">toegankelijkheid@example.org</a>' in page
    in_dutch(client)
    assert "<h1>Toegankelijkheidsverklaring</h1>" in client.get("/accessibility").get_data(as_text=True)


def test_required_fields_say_so_in_their_label(client):
    html = client.get("/login").get_data(as_text=True)
    assert '<label for="email">E-mail <span class="req" aria-hidden="true">(required)</span></label>' in html
    assert re.search(r'<input[^>]*id="email"[^>]*required', html)


def test_an_invalid_form_opens_with_a_summary_linking_to_each_field(client, spiral):
    project, people = spiral
    login(client, people["client"])
    url = f"/projects/{project.code}/events/new"
    for data, link in (({"occurred_on": ""}, '<a href="#occurred_on">Date it happened: '),
                       ({"occurred_on": ago(1).isoformat(), "title": ""}, '<a href="#title">Title: ')):
        response = client.post(url, data={"csrf_token": csrf_token(client, url), "kind": "issue",
                                          "side": "client", "steering": "relational", **data})
        html = response.get_data(as_text=True)
        assert response.status_code == 422
        summary = re.search(r'<div class="error-summary" role="alert" tabindex="-1">(.*?)</div>', html, re.S)
        assert link in summary.group(1)


def test_dates_and_times_follow_the_readers_language(client, app):
    project, people = seated_project()
    event = make_event(project, people["client"], occurred_on=date(2025, 3, 1), title="Kick-off")
    event.created_at = datetime(2025, 3, 1, 21, 8)  # stored in UTC: 22:08 in Amsterdam
    from tracker.extensions import db

    db.session.commit()
    login(client, people["client"])
    english = client.get(f"/projects/{project.code}/events/{event.id}").get_data(as_text=True)
    assert "<dd>1 Mar 2025</dd>" in english and "1 Mar 2025, 22:08" in english
    assert not re.search(r"\d{1,2}/\d{1,2}/\d{2}|\b(AM|PM)\b", english)
    in_dutch(client)
    dutch = client.get(f"/projects/{project.code}/events/{event.id}").get_data(as_text=True)
    assert "<dd>01-03-2025</dd>" in dutch and "01-03-2025 22:08" in dutch
    dashboard = client.get(f"/projects/{project.code}/dashboard").get_data(as_text=True)
    assert ago(0).strftime("%d-%m-%Y") in dashboard
