"""Small factories for tests: organisations, users, projects, memberships, events."""
import itertools
import re
from datetime import date

from tracker.domain.types import Kind, Side, Steering
from tracker.extensions import db
from tracker.models import ContractForm, MemberRole, Membership, MemberSide, Organisation, Project, User
from tracker.services.accounts import users as accounts
from tracker.services.events.changes import log_event
from tracker.services.events.rules import EventInput

PASSWORD = "correct horse battery"
_seq = itertools.count(1)


def make_org(name: str | None = None) -> Organisation:
    """An organisation with a unique name."""
    org = Organisation(name=name or f"Org {next(_seq)}")
    db.session.add(org)
    db.session.commit()
    return org


def make_user(email: str | None = None, *, name: str = "Test User", admin: bool = False,
              password: str = PASSWORD) -> User:
    """A user with a known password."""
    return accounts.create_user(email or f"user{next(_seq)}@example.test", name, password,
                                is_admin=admin)


def make_project(code: str | None = None, **fields) -> Project:
    """A project between two fresh organisations."""
    project = Project(code=code or f"P{next(_seq)}", name=fields.pop("name", "Test project"),
                      contract_form=fields.pop("contract_form", ContractForm.UAV_GC),
                      client_org=fields.pop("client_org", None) or make_org(),
                      contractor_org=fields.pop("contractor_org", None) or make_org(),
                      start_date=fields.pop("start_date", date(2025, 1, 1)), **fields)
    db.session.add(project)
    db.session.commit()
    return project


def add_member(project: Project, user: User, side: str = "client", role: str = "manager") -> Membership:
    """Give a user a seat on a project."""
    membership = Membership(project=project, user=user, side=MemberSide(side), role=MemberRole(role))
    db.session.add(membership)
    db.session.commit()
    return membership


def make_event(project: Project, author: User, **fields):
    """Log an event through the service (so history exists)."""
    data = EventInput(
        occurred_on=fields.pop("occurred_on", date(2025, 3, 1)),
        side=Side(fields.pop("side", "client")),
        kind=Kind(fields.pop("kind", "issue")),
        steering=Steering(fields.pop("steering", "relational")),
        title=fields.pop("title", "Something happened"),
        **fields,
    )
    return log_event(project, data, author)


def login(client, user: User, password: str = PASSWORD):
    """Log a test client in through the real login form."""
    email = user.email
    # End the test's own read transaction first: a login writes (audit log), and on SQLite a
    # read snapshot taken before another connection's write can no longer write itself.
    db.session.commit()
    return client.post("/login", data={"email": email, "password": password,
                                       "csrf_token": csrf_token(client, "/login")})


def csrf_token(client, url: str) -> str:
    """Fetch a page and pull the CSRF token out of its form."""
    html = client.get(url).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or \
        re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, f"no CSRF token on {url}"
    return match.group(1)


ROLE_SEATS = (("client_manager", "client", "manager"), ("client_member", "client", "member"),
              ("contractor_manager", "contractor", "manager"), ("coach", "coach", "member"))


def seat_roles(project: Project, other: Project) -> dict[str, User]:
    """One user per role on ``project`` (named after the role), plus an outsider managing ``other``."""
    users = {}
    for name, side, role in ROLE_SEATS:
        users[name] = make_user(f"{name}@example.test", name=name)
        add_member(project, users[name], side, role)
    users["outsider"] = make_user("outsider@example.test", name="outsider")
    add_member(other, users["outsider"], "client", "manager")
    return users
