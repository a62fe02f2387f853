"""Every route × role × someone else's project or event: 404/403, never data.

Routes are read from the app's URL map, so a new route is covered the day it is added.
"""
import re

import pytest

from tests.factories import add_member, login, make_event, make_project, make_user
from tracker.extensions import db

SECRET_PROJECT = "SECRET-A-DESCRIPTION"
SECRET_EVENT = "SECRET-A-EVENT"
PUBLIC = {"static", "auth.login", "auth.set_language", "health.healthz", "pages.accessibility",
          # links from mails (the signed token is the credential) and the development outbox
          "welcome.forgot", "welcome.reset", "welcome.accept", "notify.unsubscribe",
          "notify.dev_mail", "notify.dev_mail_show", "notify.dev_mail_html",
          "api_docs.openapi_json", "api_docs.reference"}
# POST endpoints a coach may use on a project they coach (reading stays reading).
COACH_MAY_POST = re.compile(r"intervention|actions\.(new|show)|scan\.new|partnership\.(change_phase|goals|closeout)",
                            re.I)
# POST endpoints every member may use: answering the collaboration scan is for all.
MEMBER_MAY_POST = re.compile(r"answer", re.I)


@pytest.fixture
def world(app):
    """Two projects; project A has one user per role, project B an outsider."""
    app.config["WTF_CSRF_ENABLED"] = False  # CSRF has its own tests; here we test access
    a = make_project("AAA", name="Project A", description=SECRET_PROJECT)
    b = make_project("BBB", name="Project B")
    users = {name: make_user(f"{name}@example.test", name=name) for name in
             ("client_manager", "client_member", "contractor_manager", "coach", "outsider")}
    users["admin"] = make_user("admin@example.test", name="admin", admin=True)
    add_member(a, users["client_manager"], "client", "manager")
    add_member(a, users["client_member"], "client", "member")
    add_member(a, users["contractor_manager"], "contractor", "manager")
    add_member(a, users["coach"], "coach", "member")
    add_member(b, users["outsider"], "client", "manager")
    event_a = make_event(a, users["client_manager"], title=SECRET_EVENT, description=SECRET_EVENT)
    event_b = make_event(b, users["outsider"], title="SECRET-B-EVENT")
    db.session.commit()
    return {"users": users, "a": a, "b": b, "event_a": event_a.id, "event_b": event_b.id}


def _project_rules(app):
    """URL rules that take a project code, except the admin area and the API (bearer tokens, no
    sessions: tests/api/test_api_access.py walks it)."""
    return [r for r in app.url_map.iter_rules()
            if "code" in r.arguments and not r.endpoint.startswith(("admin.", "api."))]


def _url(rule, code: str, event_id: int) -> str:
    """Build a concrete URL for a rule, filling unknown integer parts with 1."""
    values = {"code": code}
    for arg in rule.arguments - {"code"}:
        values[arg] = event_id if arg == "event_id" else 1
    return rule.build(values)[1]


def _methods(rule):
    return sorted(rule.methods & {"GET", "POST"})


def _call(client, method, url):
    return client.get(url) if method == "GET" else client.post(url, data={})


def test_every_project_route_is_404_for_outsiders_and_non_member_admins(app, client, world):
    rules = _project_rules(app)
    assert len(rules) >= 8, "the URL map should hold the project and event routes"
    for who in ("outsider", "admin"):
        c = app.test_client()
        login(c, world["users"][who])
        for rule in rules:
            for method in _methods(rule):
                url = _url(rule, "AAA", world["event_a"])
                response = _call(c, method, url)
                assert response.status_code == 404, (who, method, url, response.status_code)
                body = response.get_data(as_text=True)
                assert SECRET_EVENT not in body and SECRET_PROJECT not in body


def test_events_of_another_project_are_404_under_this_projects_code(app, world):
    c = app.test_client()
    login(c, world["users"]["client_manager"])
    for rule in _project_rules(app):
        if "event_id" not in rule.arguments:
            continue
        for method in _methods(rule):
            url = _url(rule, "AAA", world["event_b"])
            response = _call(c, method, url)
            assert response.status_code == 404, (method, url, response.status_code)
            assert "SECRET-B-EVENT" not in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["client_member", "coach"])
def test_read_only_roles_cannot_write(app, world, role):
    c = app.test_client()
    login(c, world["users"][role])
    for rule in _project_rules(app):
        if "POST" not in rule.methods:
            continue
        if role == "coach" and COACH_MAY_POST.search(rule.endpoint + rule.rule):
            continue
        if MEMBER_MAY_POST.search(rule.endpoint + rule.rule):
            continue
        url = _url(rule, "AAA", world["event_a"])
        response = c.post(url, data={})
        # A sub-object that does not exist (id 1 of a scan round, say) may answer 404 first.
        allowed = (403, 404) if rule.arguments - {"code", "event_id"} else (403,)
        assert response.status_code in allowed, (role, url, response.status_code)


# The one event route the other party's manager may post to: adding its own party's view.
OTHER_PARTY_MAY_POST = {"events.view"}


def test_the_other_sides_manager_cannot_change_this_sides_event(app, world):
    c = app.test_client()
    login(c, world["users"]["contractor_manager"])
    for rule in _project_rules(app):
        if "event_id" not in rule.arguments or "POST" not in rule.methods:
            continue
        url = _url(rule, "AAA", world["event_a"])
        if rule.endpoint in OTHER_PARTY_MAY_POST:
            assert c.post(url, data={}).status_code != 403, url
            continue
        assert c.post(url, data={}).status_code == 403, url


def test_only_the_other_partys_manager_gives_its_view(app, world):
    url = f"/projects/AAA/events/{world['event_a']}/view"
    for role in ("client_manager", "client_member", "coach"):
        c = app.test_client()
        login(c, world["users"][role])
        assert c.get(url).status_code == 403 and c.post(url, data={}).status_code == 403, role


def test_members_can_read_every_project_page(app, world):
    for role in ("client_manager", "client_member", "contractor_manager", "coach"):
        c = app.test_client()
        login(c, world["users"][role])
        for rule in _project_rules(app):
            if "GET" not in rule.methods or rule.arguments - {"code", "event_id"}:
                continue
            if re.search(r"\.(new|edit|retract|import|merge)", rule.endpoint) and role in ("client_member", "coach"):
                continue
            if re.search(r"\.(edit|retract|merge)", rule.endpoint) and role == "contractor_manager":
                continue
            if rule.endpoint in OTHER_PARTY_MAY_POST and role != "contractor_manager":
                continue  # only the other party gives its view (test_only_the_other_partys_manager_gives_its_view)
            url = _url(rule, "AAA", world["event_a"])
            response = c.get(url)
            expected = 503 if rule.endpoint == "report.download" and _no_pdf(app) else 200
            assert response.status_code == expected, (role, url, response.status_code)


def _no_pdf(app) -> bool:
    """True where no report PDF can be printed (no Chromium): its link then answers 503."""
    from tracker.services.report import pdf

    with app.app_context():
        return pdf.missing() is not None


def test_admin_area_is_403_for_everyone_but_admins(app, world):
    admin_rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("admin.")]
    assert admin_rules
    for who in ("client_manager", "coach", "outsider"):
        c = app.test_client()
        login(c, world["users"][who])
        for rule in admin_rules:
            url = _url(rule, "AAA", world["event_a"])
            for method in _methods(rule):
                assert _call(c, method, url).status_code == 403, (who, method, url)


def test_anonymous_visitors_are_sent_to_login(app, world):
    c = app.test_client()
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC:
            continue
        url = _url(rule, "AAA", world["event_a"])
        for method in _methods(rule):
            response = _call(c, method, url)
            assert response.status_code in (302, 401), (method, url, response.status_code)
            if response.status_code == 302:
                assert "/login" in response.headers["Location"]
            assert SECRET_EVENT not in response.get_data(as_text=True)
