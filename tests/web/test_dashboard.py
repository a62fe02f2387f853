"""The shared project dashboard: who sees it, what it shows and escaping (actions and the ladder: test_ladder_actions_pages.py)."""
import json
import re
from datetime import date, timedelta

import pytest

from tests.factories import add_member, csrf_token, login, make_event, make_project, make_user
from tracker.extensions import db
from tracker.services.events.changes import retract_event
from tracker.services.trust import dashboard, history
from tracker.services.trust import facts as trust

TODAY = date.today()
EVIL_TITLE = "</script><script>alert(1)</script>"
EVIL_HTML = "<b onmouseover=alert(1)>bold</b>"


def ago(days: int) -> date:
    """A date ``days`` before today."""
    return TODAY - timedelta(days=days)


def seated_project(**fields):
    """A project with a client manager, a contractor manager, a client member and a coach."""
    project = make_project(start_date=fields.pop("start_date", ago(400)), **fields)
    people = {}
    for key, side, role in (("client", "client", "manager"), ("contractor", "contractor", "manager"),
                            ("member", "client", "member"), ("coach", "coach", "member")):
        people[key] = make_user(name=f"{key.title()} Person")
        add_member(project, people[key], side, role)
    return project, people


def hardening_story(project, author) -> None:
    """Six good months, then three months of contract steering, distrust and escalations."""
    for i, days in enumerate(range(270, 90, -3)):
        make_event(project, author, occurred_on=ago(days), kind="moment",
                   side="client" if i % 2 else "contractor",
                   steering="contractual" if i % 4 == 0 else "relational",
                   scores={"p_openness": 1, "s_procedures": 1 if i % 3 else -1})
    issue = None
    for i, days in enumerate(range(89, 0, -2)):
        side = "client" if i % 2 else "contractor"
        if i % 5 == 0:
            issue = make_event(project, author, occurred_on=ago(days), kind="issue", side=side,
                               steering="contractual", title=f"Dispute {i}",
                               scores={"p_integrity": -1})
        elif i % 5 == 2 and issue is not None:
            make_event(project, author, occurred_on=ago(days), kind="escalation", side=side,
                       steering="contractual", escalation_level=2, links_to_id=issue.id,
                       title=f"Escalated dispute {i}", scores={"p_openness": -2})
        else:
            make_event(project, author, occurred_on=ago(days), kind="moment", side=side,
                       steering="contractual" if i % 10 < 7 else "relational",
                       scores={"p_openness": 1 if i % 3 == 0 else -1, "s_contract": -1})


def chart_blocks(html: str) -> dict[str, dict]:
    """Chart id → parsed figure, from the page's JSON blocks."""
    blocks = re.findall(r'<script type="application/json" class="chart-data" data-target="([^"]+)">(.*?)</script>',
                        html, flags=re.S)
    return {target: json.loads(text) for target, text in blocks}


@pytest.fixture
def spiral(app):
    """A seated project with a hardening story."""
    project, people = seated_project()
    hardening_story(project, people["client"])
    return project, people


def test_both_sides_members_and_the_coach_read_the_same_dashboard(app, spiral):
    project, people = spiral
    pages = []
    for key in ("client", "contractor", "member", "coach"):
        client = app.test_client()
        login(client, people[key])
        response = client.get(f"/projects/{project.code}/dashboard")
        assert response.status_code == 200, key
        pages.append(chart_blocks(response.get_data(as_text=True)))
    assert all(p.keys() == pages[0].keys() for p in pages)


def test_outsiders_get_404_and_anonymous_users_the_login_page(client, spiral):
    project, _people = spiral
    assert client.get(f"/projects/{project.code}/dashboard").status_code == 302
    other, other_people = seated_project()
    login(client, other_people["client"])
    assert client.get(f"/projects/{project.code}/dashboard").status_code == 404
    assert client.get("/projects/NOPE/dashboard").status_code == 404
    assert client.post(f"/projects/{project.code}/dashboard/interventions",
                       data={"csrf_token": csrf_token(client, "/")}).status_code == 404


def test_spiral_project_shows_signals_evidence_links_and_suggestions(client, spiral):
    project, people = spiral
    login(client, people["contractor"])
    html = client.get(f"/projects/{project.code}/dashboard").get_data(as_text=True)
    assert 'id="signal-crowding_out"' in html
    assert "More contract, less personal trust" in html
    assert f'href="/projects/{project.code}/events/' in html  # evidence links to events.show
    assert "Person-to-person conversation" in html  # a suggested intervention from the catalogue
    assert html.index('id="signals-title"') < html.index('id="chart-trust"')  # signals on top
    blocks = chart_blocks(html)
    assert set(blocks) == {"chart-trust", "chart-share", "chart-balance", "chart-timeline",
                           "chart-heatmap", "chart-ladder", "chart-levels"}
    balance = blocks["chart-balance"]["layout"]["annotations"]
    assert {"<b>Balanced</b>", "<b>Contract-driven</b>", "<b>Blind trust</b>", "<b>Adrift</b>"} <= \
        {a["text"] for a in balance}
    assert html.count("How to read this:") == len(blocks)


def test_csp_without_inline_scripts_and_only_the_apps_own_plotly(client, spiral):
    project, people = spiral
    login(client, people["client"])
    response = client.get(f"/projects/{project.code}/dashboard")
    csp = response.headers["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", csp).group(1)
    assert script_src.strip() == "'self'"
    html = response.get_data(as_text=True)
    scripts = re.findall(r"<script(?![^>]*application/json)([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts and all(body.strip() == "" and "src=\"/" in attrs for attrs, body in scripts)
    assert "/static/vendor/plotly/plotly.min.js?v=" in html and "cdn" not in html.lower()


def test_hostile_titles_cannot_break_out_or_render_html(client, app):
    project, people = seated_project()
    for n, title in enumerate((EVIL_TITLE, EVIL_HTML)):
        make_event(project, people["client"], occurred_on=ago(5 + n), kind="moment", title=title,
                   scores={"p_openness": 1, "s_contract": 1})
    login(client, people["client"])
    html = client.get(f"/projects/{project.code}/dashboard").get_data(as_text=True)
    assert "<script>alert(1)" not in html and "<b onmouseover" not in html
    timeline = chart_blocks(html)["chart-timeline"]
    hover = " ".join(t for trace in timeline["data"] for t in trace.get("hovertext") or [])
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in hover  # shown as text
    assert "&lt;b onmouseover=alert(1)&gt;" in hover
    for block in re.findall(r'class="chart-data"[^>]*>(.*?)</script>', html, flags=re.S):
        assert "<" not in block and ">" not in block


def test_empty_project_shows_a_helpful_empty_state_not_a_broken_chart(client):
    project, people = seated_project()
    login(client, people["client"])
    html = client.get(f"/projects/{project.code}/dashboard").get_data(as_text=True)
    assert "Nothing to show yet" in html and "Log the first event" in html
    assert "chart-data" not in html and "plotly.min.js" not in html
    reader = client.application.test_client()
    login(reader, people["member"])
    assert "Log the first event" not in reader.get(f"/projects/{project.code}/dashboard").get_data(as_text=True)


def test_a_project_without_events_for_six_weeks_shows_the_silence_signal(client):
    project, people = seated_project(start_date=ago(60))
    login(client, people["coach"])
    html = client.get(f"/projects/{project.code}/dashboard").get_data(as_text=True)
    assert "Nothing to show yet" in html
    assert "No event has been logged since the project started on" in html and "60 days ago" in html
    overview = client.get("/coach/").get_data(as_text=True)
    assert "It has gone quiet" in overview  # the signal in the coach's table too
    db.session.commit()  # end the test's read snapshot: the coach overview just stored summaries
    young, others = seated_project(start_date=ago(20))
    newcomer = client.application.test_client()
    login(newcomer, others["client"])
    assert "since the project started" not in newcomer.get(f"/projects/{young.code}/dashboard").get_data(as_text=True)


def test_few_events_are_marked_low_confidence(client):
    project, people = seated_project()
    for days in (10, 20, 30):
        make_event(project, people["client"], occurred_on=ago(days), kind="moment",
                   scores={"p_openness": 1})
    login(client, people["client"])
    html = client.get(f"/projects/{project.code}/dashboard").get_data(as_text=True)
    assert "low confidence" in html and "Only a few events so far" in html
    assert "The map needs both personal and system scores." in html


def test_a_capped_timeline_says_how_many_events_it_leaves_out(client, monkeypatch):
    project, people = seated_project()
    for days in (5, 10, 20, 30, 40):
        make_event(project, people["client"], occurred_on=ago(days), kind="moment")
    login(client, people["client"])
    url = f"/projects/{project.code}/dashboard"
    assert "Showing the newest" not in client.get(url).get_data(as_text=True)
    monkeypatch.setattr(dashboard, "TIMELINE_LIMIT", 3)
    html = client.get(url).get_data(as_text=True)
    assert "Showing the newest 3 of 5 events in this period" in html
    html = client.get(url + "?date_from=" + ago(15).isoformat()).get_data(as_text=True)
    assert "Showing the newest" not in html  # two events in the shorter period: all shown


def test_side_and_date_filters(client, spiral):
    project, people = spiral
    login(client, people["client"])
    url = f"/projects/{project.code}/dashboard"
    client_view = client.get(url + "?side=client")
    assert client_view.status_code == 200
    names = [t["name"] for t in chart_blocks(client_view.get_data(as_text=True))["chart-trust"]["data"]]
    assert names == ["Personal trust · Client", "System trust · Client"]
    recent = client.get(url + f"?date_from={ago(60).isoformat()}")
    trust = chart_blocks(recent.get_data(as_text=True))["chart-trust"]["data"][0]["x"]
    assert min(trust) >= ago(60).isoformat()
    for bad in ("?date_from=yesterday", f"?date_to={(TODAY + timedelta(days=3)).isoformat()}",
                f"?date_from={(TODAY + timedelta(days=1)).isoformat()}",
                f"?date_from={ago(5).isoformat()}&date_to={ago(30).isoformat()}", "?side=coach"):
        assert client.get(url + bad).status_code == 400, bad


def test_the_cached_history_follows_new_events(app, spiral):
    project, people = spiral
    before = history.trust_history(project, TODAY)
    assert history.trust_history(project, TODAY) is before
    make_event(project, people["client"], occurred_on=TODAY, kind="moment", scores={"p_openness": 2})
    after = history.trust_history(project, TODAY)
    assert after is not before and after.current.figures.events == before.current.figures.events + 1


def test_the_fact_loader_carries_every_field_the_model_needs(app, spiral):
    from tracker.domain.types import Dimension, EventFacts, Score

    project, people = spiral
    issue = make_event(project, people["client"], occurred_on=ago(3), title="Root issue")
    event = make_event(project, people["client"], occurred_on=ago(1), kind="agreement",
                       scores={"s_finance": 2, "p_benevolence": -2}, links_to_id=issue.id)
    retract_event(event, "logged twice", people["client"], event.version)
    facts = {f.id: f for f in trust.load_facts(project.id, TODAY)}
    loaded = facts[event.id]
    assert loaded == EventFacts(id=event.id, occurred_on=ago(1), side="client", kind="agreement",
                                steering="relational", scores=loaded.scores, links_to=issue.id,
                                retracted=True, title="Something happened")
    assert sorted(loaded.scores, key=lambda s: s.factor) == [
        Score("p_benevolence", Dimension.PERSONAL, -2), Score("s_finance", Dimension.SYSTEM, 2)]
    assert event.id not in {f.id for f in trust.load_facts(project.id, ago(2))}


def test_an_issue_at_mediation_shows_the_third_party_signal_with_its_chain(client):
    project, people = seated_project()
    issue = make_event(project, people["client"], occurred_on=ago(40), title="Claim: extra piling")
    lifted = make_event(project, people["client"], occurred_on=ago(30), kind="escalation", escalation_level=3,
                        links_to_id=issue.id, title="To the directors")
    make_event(project, people["contractor"], side="contractor", occurred_on=ago(20), kind="escalation",
               escalation_level=4, links_to_id=lifted.id, title="To mediation", steering="contractual")
    login(client, people["member"])
    html = client.get(f"/projects/{project.code}/dashboard").get_data(as_text=True)
    assert "An issue is with a third party" in html and "Claim: extra piling" in html
    assert re.search(r"Raised on \d{4}-\d{2}-\d{2}", html)
    assert "Keep the issue apart from the work" in html
    client.post("/language", data={"locale": "nl", "next": "/", "csrf_token": csrf_token(client, "/")})
    html = client.get(f"/projects/{project.code}/dashboard").get_data(as_text=True)
    assert "Een kwestie ligt bij een derde partij" in html and "Gemeld op" in html
