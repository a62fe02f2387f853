"""Fixtures for the API tests: two projects, one user per role, tokens as headers."""
import pytest

from tests.factories import add_member, make_event, make_project, make_user
from tracker.extensions import db
from tracker.services.accounts import tokens

SECRET_PROJECT = "SECRET-A-DESCRIPTION"
SECRET_EVENT = "SECRET-A-EVENT"
ROLES = ("client_manager", "client_member", "contractor_manager", "coach", "outsider", "admin")


def bearer(user, *, write: bool = True, days: int = 90) -> dict[str, str]:
    """Authorization headers with a fresh token for the user."""
    return {"Authorization": f"Bearer {tokens.issue(user, 'test tool', write=write, days=days).secret}"}


@pytest.fixture
def world(app):
    """Project A with one user per role, project B with an outsider; one event in each."""
    a = make_project("AAA", name="Project A", description=SECRET_PROJECT)
    b = make_project("BBB", name="Project B")
    users = {name: make_user(f"{name}@example.test", name=name, admin=name == "admin") for name in ROLES}
    add_member(a, users["client_manager"], "client", "manager")
    add_member(a, users["client_member"], "client", "member")
    add_member(a, users["contractor_manager"], "contractor", "manager")
    add_member(a, users["coach"], "coach", "member")
    add_member(b, users["outsider"], "client", "manager")
    event_a = make_event(a, users["client_manager"], title=SECRET_EVENT, description=SECRET_EVENT)
    event_b = make_event(b, users["outsider"], title="SECRET-B-EVENT")
    db.session.commit()
    return {"users": users, "a": a, "b": b, "event_a": event_a.id, "event_b": event_b.id}
