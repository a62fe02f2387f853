"""The project list and a project's overview page."""
import re
from datetime import date

import pytest

from tests.factories import add_member, login, make_event, make_org, make_project, make_user
from tracker.models import Phase
from tracker.services.events.changes import retract_event

XSS = "</script><script>alert(1)</script>"


@pytest.fixture
def world(app):
    """Project BRUG (Clara manages for the client, Mira is a member, Kees manages for the contractor)."""
    project = make_project("BRUG", name="Bridge renewal", client_org=make_org("Rijkswaterstaat Oost"),
                           contractor_org=make_org("Bouwcombinatie Delta"), phase=Phase.WORKING,
                           start_date=date(2024, 9, 2), description="Replace the bridge deck.\nKeep traffic flowing.")
    users = {}
    for name, side, role in [("clara", "client", "manager"), ("mira", "client", "member"),
                             ("kees", "contractor", "manager"), ("cora", "coach", "member")]:
        users[name] = make_user(f"{name}@example.test", name=name.title())
        add_member(project, users[name], side, role)
    other = make_project("ELSE", name="Elsewhere")
    users["otto"] = make_user("otto@example.test", name="Otto")
    add_member(other, users["otto"], "contractor", "manager")
    return project, users, other


def as_user(app, user):
    client = app.test_client()
    login(client, user)
    return client


def text_of(response) -> str:
    return response.get_data(as_text=True)


def test_project_list_shows_cards_with_parties_phase_last_event_and_seat(app, world):
    project, users, _ = world
    make_event(project, users["clara"], occurred_on=date(2025, 2, 3))
    late = make_event(project, users["clara"], occurred_on=date(2025, 6, 1))
    retract_event(late, "typo in the date", users["clara"], 1)  # retracted: not the last event
    text = text_of(as_user(app, users["kees"]).get("/"))
    assert "BRUG" in text and "Bridge renewal" in text
    assert "Rijkswaterstaat Oost" in text and "Bouwcombinatie Delta" in text
    assert "Working together" in text
    assert "Last event: 3 Feb 2025" in text  # dates in the reader's language
    assert "badge-contractor" in text and "Manager" in text
    assert "ELSE" not in text and "Elsewhere" not in text


def test_project_list_without_events_or_projects(app, world):
    _, users, _ = world
    assert "No events yet" in text_of(as_user(app, users["mira"]).get("/"))
    lonely = make_user("lonely@example.test")
    assert "not a member of any project" in text_of(as_user(app, lonely).get("/"))


def test_project_page_header_seat_counts_and_buttons(app, world):
    project, users, _ = world
    make_event(project, users["clara"], kind="issue")
    make_event(project, users["clara"], kind="issue")
    make_event(project, users["kees"], side="contractor", kind="escalation", escalation_level=1)
    text = text_of(as_user(app, users["clara"]).get("/projects/BRUG"))
    for fact in ("BRUG", "Bridge renewal", "UAV-GC", "Working together", "Rijkswaterstaat Oost",
                 "Bouwcombinatie Delta", "2 Sep 2024", "Replace the bridge deck.\nKeep traffic flowing."):
        assert fact in text, fact
    assert re.search(r'Your seat:\s*<span class="badge badge-client">Client</span>\s*<span class="badge">Manager</span>', text)
    assert re.search(r'stat-value">2</span><span class="stat-label">Issue', text)
    assert re.search(r'stat-value">1</span><span class="stat-label">Escalation', text)
    assert re.search(r'stat-value">0</span><span class="stat-label">Agreement', text)
    assert 'href="/projects/BRUG/events/new"' in text and "Log an event" in text
    assert 'href="/projects/BRUG/events/"' in text and "All events" in text


def test_project_tabs_link_every_part_of_the_project(app, world):
    _, users, _ = world
    text = text_of(as_user(app, users["clara"]).get("/projects/BRUG"))
    for path in ("/projects/BRUG/dashboard", "/projects/BRUG/events/", "/projects/BRUG/scan/",
                 "/projects/BRUG/transfer/"):
        assert f'href="{path}' in text, path
    assert 'aria-current="page">Overview' in text


@pytest.mark.parametrize("who, side_badge", [("mira", "badge-client"), ("cora", "badge-coach")])
def test_readers_see_the_page_without_the_log_button(app, world, who, side_badge):
    _, users, _ = world
    response = as_user(app, users[who]).get("/projects/BRUG")
    assert response.status_code == 200
    text = text_of(response)
    assert side_badge in text and "Log an event" not in text and "All events" in text


def test_project_page_lists_the_ten_latest_events(app, world):
    project, users, _ = world
    for day in range(1, 13):
        make_event(project, users["clara"], title=f"Event day {day:02d}", occurred_on=date(2025, 1, day))
    text = text_of(as_user(app, users["mira"]).get("/projects/BRUG"))
    assert "Event day 12" in text and "Event day 03" in text
    assert "Event day 02" not in text and "Event day 01" not in text
    assert text.index("Event day 12") < text.index("Event day 03")


def test_project_page_marks_retracted_events_and_leaves_them_out_of_counts(app, world):
    project, users, _ = world
    event = make_event(project, users["clara"], title="Mistake")
    retract_event(event, "wrong project", users["clara"], 1)
    text = text_of(as_user(app, users["clara"]).get("/projects/BRUG"))
    assert 'class="retracted"' in text and "badge-retracted" in text and "Mistake" in text
    assert re.search(r'stat-value">0</span><span class="stat-label">Issue', text)


def test_empty_project_page_invites_a_manager_to_log(app, world):
    _, users, _ = world
    text = text_of(as_user(app, users["clara"]).get("/projects/BRUG"))
    assert "No events have been logged for this project yet." in text and "Log the first event" in text


def test_project_page_escapes_user_text(app, world):
    project, users, _ = world
    make_event(project, users["clara"], title=XSS, description="<img src=x onerror=alert(1)>")
    for url in ("/", "/projects/BRUG"):
        text = text_of(as_user(app, users["clara"]).get(url))
        assert "<script>alert(1)" not in text and "<img src=x" not in text
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_project_page_is_404_for_outsiders_and_unknown_codes(app, world):
    _, users, _ = world
    client = as_user(app, users["otto"])
    assert client.get("/projects/BRUG").status_code == 404
    assert client.get("/projects/NOPE").status_code == 404
    assert client.get("/projects/ELSE").status_code == 200


def test_admins_get_no_implicit_access(app, world):
    admin = make_user("admin@example.test", admin=True)
    client = as_user(app, admin)
    assert client.get("/projects/BRUG").status_code == 404
    assert "BRUG" not in text_of(client.get("/"))


def test_pages_need_a_login(app, world):
    client = app.test_client()
    for url in ("/", "/projects/BRUG"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
