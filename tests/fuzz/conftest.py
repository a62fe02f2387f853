"""A small world for the fuzz tests: an admin, a manager per side, a project with events."""
from dataclasses import dataclass
from datetime import date

import pytest
from hypothesis import event
from sqlalchemy import func, select

from tests.factories import add_member, csrf_token, login, make_event, make_org, make_project, make_user
from tracker.extensions import db
from tracker.models import Event, Project, User
from tracker.services.admin import factors


@dataclass
class World:
    """Everything the fuzz tests act on."""

    project: Project
    admin: User
    manager: User
    other_manager: User
    victim: User
    event_id: int
    factor_id: int  # a factor of the test's own: editing a default one would outlive the test on PostgreSQL


@pytest.fixture
def world(app) -> World:
    admin = make_user("admin@fuzz.test", name="Admin", admin=True)
    manager = make_user("manager@fuzz.test", name="Client manager")
    other = make_user("other@fuzz.test", name="Contractor manager")
    victim = make_user("victim@fuzz.test", name="Victim")
    project = make_project("FUZZ", client_org=make_org("Client org"), contractor_org=make_org("Contractor org"))
    add_member(project, manager, "client", "manager")
    add_member(project, other, "contractor", "manager")
    first = make_event(project, manager, title="The first issue", occurred_on=date(2025, 1, 10))
    make_event(project, other, title="The other side's moment", side="contractor", kind="moment")
    own_factor = factors.add_factor("p_fuzzed", "personal", factors.FactorWording("Gefuzzd", "Fuzzed"))
    return World(project, admin, manager, other, victim, first.id, own_factor.id)


class Browser:
    """A logged-in test client with the CSRF token of its session."""

    def __init__(self, client, user: User, token_page: str) -> None:
        self.client = client
        login(client, user)
        self.token = csrf_token(client, token_page)

    def post(self, url: str, data: dict, **kwargs):
        """POST with the session's CSRF token (unless the data brings its own)."""
        return self.client.post(url, data={"csrf_token": self.token, **data}, **kwargs)

    def get(self, url: str, **kwargs):
        """GET a page."""
        return self.client.get(url, **kwargs)


@pytest.fixture
def manager(client, world) -> Browser:
    return Browser(client, world.manager, "/projects/FUZZ/events/new")


@pytest.fixture
def admin(client, world) -> Browser:
    return Browser(client, world.admin, "/admin/users/new")


def count(model, *where) -> int:
    """Rows of a model, read from a fresh snapshot (the requests wrote on other connections)."""
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def assert_no_server_error(response, allowed=None) -> None:
    """Never a 5xx; when given, only the expected statuses."""
    event(f"status {response.status_code}")  # shown by --hypothesis-show-statistics
    assert response.status_code < 500, response.get_data(as_text=True)[-2000:]
    if allowed is not None:
        assert response.status_code in allowed, response.status_code


def events_of(project_id: int) -> list[Event]:
    """All events of a project, fresh from the database."""
    db.session.rollback()
    return list(db.session.scalars(select(Event).where(Event.project_id == project_id)))
