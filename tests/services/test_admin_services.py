"""Admin services: organisations, accounts, projects, memberships and the factor catalogue."""
from datetime import date

import pytest
from sqlalchemy import delete, func, select

from tests.factories import PASSWORD, add_member, make_event, make_org, make_project, make_user
from tracker.extensions import db
from tracker.models import Factor, MemberRole, Membership, MemberSide, Organisation, Project, User
from tracker.services.accounts import users as accounts
from tracker.services.accounts.passwords import verify_password
from tracker.services.admin import factors, memberships, organisations, projects
from tracker.services.admin import users as admin
from tracker.services.admin.factors import FactorWording
from tracker.services.admin.projects import ProjectInput
from tracker.services.errors import NotFound, ValidationFailed


@pytest.fixture(autouse=True)
def request_context(app):
    """Services word their messages with Flask-Babel, which picks the language per request."""
    with app.test_request_context():
        yield


def count(model, *where) -> int:
    """Rows in a table, read fresh."""
    db.session.rollback()
    return db.session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def fails(field: str, call, *args, **kwargs) -> str:
    """Assert the call raises ValidationFailed on `field`; return the message."""
    with pytest.raises(ValidationFailed) as info:
        call(*args, **kwargs)
    assert field in info.value.errors, info.value.errors
    message = info.value.errors[field][0]
    assert isinstance(message, str) and message
    return message


# organisations ------------------------------------------------------------------------------

def test_create_and_rename_organisation():
    org = organisations.create_organisation("  Rijkswaterstaat  ")
    assert org.name == "Rijkswaterstaat"
    organisations.rename_organisation(org, "RWS")
    assert db.session.get(Organisation, org.id).name == "RWS"
    organisations.rename_organisation(org, "rws")  # its own name, other case: fine
    assert organisations.find_organisation("RWS").name == "rws"


@pytest.mark.parametrize("name", ["", "   ", "x" * 121])
def test_organisation_name_rules(name):
    fails("name", organisations.create_organisation, name)
    assert count(Organisation) == 0


def test_organisation_names_are_unique_ignoring_case():
    organisations.create_organisation("BAM Infra")
    assert "exists" in fails("name", organisations.create_organisation, "bam infra")
    other = organisations.create_organisation("Heijmans")
    fails("name", organisations.rename_organisation, other, "BAM INFRA")
    assert count(Organisation) == 2
    assert count(Organisation, Organisation.name == "Heijmans") == 1


def test_non_ascii_names_are_found_and_stay_unique():
    org = organisations.create_organisation("Ökotech Zuid")
    assert organisations.find_organisation(" Ökotech Zuid ") is org
    assert "exists" in fails("name", organisations.create_organisation, "Ökotech Zuid")
    assert count(Organisation) == 1


def test_organisation_race_becomes_a_field_error(monkeypatch):
    organisations.create_organisation("Dura Vermeer")
    monkeypatch.setattr(organisations, "find_organisation", lambda name: None)  # the check misses it
    assert "exists" in fails("name", organisations.create_organisation, "Dura Vermeer")
    assert count(Organisation) == 1


def test_organisation_rows_and_members():
    client, contractor = make_org("Client"), make_org("Contractor")
    project = make_project(client_org=client, contractor_org=contractor)
    admin.create_account("a@example.org", "A", PASSWORD, organisation_id=client.id)
    rows = {r.organisation.name: r for r in organisations.organisation_rows()}
    assert (rows["Client"].users, rows["Client"].projects) == (1, 1)
    assert (rows["Contractor"].users, rows["Contractor"].projects) == (0, 1)
    users, projs = organisations.members_of(client)
    assert [u.email for u in users] == ["a@example.org"] and projs == [project]
    with pytest.raises(NotFound):
        organisations.get_organisation(9999)


# accounts -----------------------------------------------------------------------------------

def test_create_account():
    org = make_org("RWS")
    user = admin.create_account(" Ann@Example.ORG ", " Ann ", PASSWORD, is_admin=True,
                                organisation_id=org.id)
    assert (user.email, user.name, user.is_admin, user.organisation_id) == \
        ("ann@example.org", "Ann", True, org.id)
    assert accounts.authenticate("ann@example.org", PASSWORD).user is not None


@pytest.mark.parametrize("email, name, password, field", [
    ("", "Ann", PASSWORD, "email"),
    ("not-an-address", "Ann", PASSWORD, "email"),
    ("ann@localhost", "Ann", PASSWORD, "email"),
    ("a" * 250 + "@x.org", "Ann", PASSWORD, "email"),
    ("ann@example.org", "  ", PASSWORD, "name"),
    ("ann@example.org", "n" * 121, PASSWORD, "name"),
    ("ann@example.org", "Ann", "short", "password"),
    ("ann@example.org", "Ann", "aaaaaaaaaaaa", "password"),
])
def test_create_account_rules(email, name, password, field):
    fails(field, admin.create_account, email, name, password)
    assert count(User) == 0


def test_create_account_unknown_organisation_and_duplicate():
    fails("organisation_id", admin.create_account, "x@example.org", "X", PASSWORD, organisation_id=404)
    admin.create_account("x@example.org", "X", PASSWORD)
    assert "exists" in fails("email", admin.create_account, "X@example.org", "X2", PASSWORD)
    assert count(User) == 1


def test_create_account_race_becomes_a_field_error(monkeypatch):
    admin.create_account("x@example.org", "X", PASSWORD)
    monkeypatch.setattr(accounts, "find_user", lambda email: None)
    assert "exists" in fails("email", admin.create_account, "x@example.org", "Y", PASSWORD)
    assert count(User) == 1


def _edit(user, acting=None, **changes):
    values = dict(email=user.email, name=user.name, organisation_id=user.organisation_id,
                  is_admin=user.is_admin, is_enabled=user.is_enabled)
    values.update(changes)
    return admin.update_account(user, acting=acting, **values)


def test_update_account_details_and_flags():
    boss, user = make_user(admin=True), make_user()
    org = make_org("Org")
    _edit(user, boss, email="New@Example.org", name="New name", organisation_id=org.id, is_admin=True)
    db.session.rollback()
    assert (user.email, user.name, user.organisation_id, user.is_admin) == \
        ("new@example.org", "New name", org.id, True)


def test_disabling_ends_the_users_sessions():
    boss, user = make_user(admin=True), make_user()
    token = user.session_token
    _edit(user, boss, is_enabled=False)
    assert not user.is_enabled and user.session_token != token
    assert accounts.authenticate(user.email, PASSWORD).user is None


def test_admin_cannot_lock_themselves_out():
    boss = make_user(admin=True)
    make_user(admin=True)
    assert "own admin" in fails("is_admin", _edit, boss, boss, is_admin=False)
    assert "own account" in fails("is_enabled", _edit, boss, boss, is_enabled=False)
    db.session.rollback()
    assert boss.is_admin and boss.is_enabled


def test_last_enabled_admin_remains():
    only = make_user(admin=True)
    fails("is_admin", _edit, only, None, is_admin=False)
    fails("is_admin", _edit, only, None, is_enabled=False)
    second = make_user(admin=True)
    _edit(only, second, is_admin=False)
    assert count(User, User.is_admin.is_(True)) == 1


def test_update_account_rejects_a_taken_address_and_changes_nothing():
    make_user("first@example.org")
    second = make_user("second@example.org", name="Second")
    fails("email", _edit, second, None, email="FIRST@example.org", name="Changed")
    db.session.rollback()
    assert (second.email, second.name) == ("second@example.org", "Second")


def test_set_account_password():
    user = make_user()
    token = user.session_token
    fails("password", admin.set_account_password, user, "short")
    admin.set_account_password(user, "another fine password")
    assert verify_password(user.password_hash, "another fine password")
    assert user.session_token != token


def test_overview_counts():
    make_user(admin=True)
    disabled = make_user()
    _edit(disabled, None, is_enabled=False)
    project = make_project()
    add_member(project, disabled)
    counts = admin.overview()
    assert (counts.organisations, counts.users, counts.users_enabled, counts.admins) == (2, 2, 1, 1)
    assert (counts.projects, counts.projects_active, counts.memberships) == (1, 1, 1)
    assert counts.factors == counts.factors_active == 12
    with pytest.raises(NotFound):
        admin.get_user(9999)


# projects -----------------------------------------------------------------------------------

def _project_input(**changes) -> ProjectInput:
    client = organisations.find_organisation("Client") or make_org("Client")
    contractor = organisations.find_organisation("Contractor") or make_org("Contractor")
    values = dict(code="a12-north", name="A12 widening", client_org_id=client.id,
                  contractor_org_id=contractor.id, start_date=date(2025, 2, 1),
                  contract_form="uav_gc", phase="working", description="  Road works  ")
    values.update(changes)
    return ProjectInput(**values)


def test_create_project():
    project = projects.create_project(_project_input())
    assert (project.code, project.name, project.description) == ("A12-NORTH", "A12 widening", "Road works")
    assert project.contract_form.value == "uav_gc" and project.phase.value == "working"
    assert project.is_active
    assert projects.get_project("a12-north") is project


@pytest.mark.parametrize("code", ["", "A", "A B", "X" * 33, "ÄB", "A.B", "A/B"])
def test_project_code_rules(code):
    fails("code", projects.create_project, _project_input(code=code))
    assert count(Project) == 0


@pytest.mark.parametrize("changes, field", [
    ({"name": " "}, "name"),
    ({"name": "n" * 161}, "name"),
    ({"description": "d" * 10_001}, "description"),
    ({"contract_form": "handshake"}, "contract_form"),
    ({"phase": "divorce"}, "phase"),
    ({"start_date": None}, "start_date"),
    ({"start_date": date(1900, 1, 1)}, "start_date"),
    ({"client_org_id": None}, "client_org_id"),
    ({"contractor_org_id": 404}, "contractor_org_id"),
])
def test_project_field_rules(changes, field):
    fails(field, projects.create_project, _project_input(**changes))
    assert count(Project) == 0


def test_client_and_contractor_must_differ():
    data = _project_input()
    data.contractor_org_id = data.client_org_id
    assert "another organisation" in fails("contractor_org_id", projects.create_project, data)


def test_project_codes_are_unique():
    projects.create_project(_project_input(code="A12"))
    assert "exists" in fails("code", projects.create_project, _project_input(code="a12"))
    assert count(Project) == 1


def test_project_race_becomes_a_field_error(monkeypatch):
    projects.create_project(_project_input(code="A12"))
    monkeypatch.setattr(projects, "find_project", lambda code: None)
    fails("code", projects.create_project, _project_input(code="A12"))
    assert count(Project) == 1


def test_update_project():
    project = projects.create_project(_project_input(code="A12"))
    projects.update_project(project, _project_input(code="a12-b", name="Renamed", phase="letting_go",
                                                    is_active=False))
    db.session.rollback()
    assert (project.code, project.name, project.phase.value, project.is_active) == \
        ("A12-B", "Renamed", "letting_go", False)


def test_update_project_to_a_taken_code_changes_nothing():
    projects.create_project(_project_input(code="A12"))
    other = projects.create_project(_project_input(code="N33", name="N33"))
    fails("code", projects.update_project, other, _project_input(code="A12", name="Changed"))
    db.session.rollback()
    assert (other.code, other.name) == ("N33", "N33")
    with pytest.raises(NotFound):
        projects.get_project("NOPE")


# memberships --------------------------------------------------------------------------------

def test_add_change_remove_member():
    project, user = make_project(), make_user("m@example.org")
    membership = memberships.add_member(project, " M@example.org ", "contractor", "manager")
    assert (membership.user_id, membership.side, membership.role) == \
        (user.id, MemberSide.CONTRACTOR, MemberRole.MANAGER)
    assert user not in memberships.candidates(project)
    memberships.change_membership(membership, "coach", "member")
    assert (membership.side, membership.role) == (MemberSide.COACH, MemberRole.MEMBER)
    memberships.remove_membership(membership)
    assert count(Membership) == 0
    assert user in memberships.candidates(project)


@pytest.mark.parametrize("email, side, role, field", [
    ("", "client", "member", "email"),
    ("nobody@example.org", "client", "member", "email"),
    ("m@example.org", "referee", "member", "side"),
    ("m@example.org", "client", "boss", "role"),
])
def test_add_member_rules(email, side, role, field):
    project = make_project()
    make_user("m@example.org")
    fails(field, memberships.add_member, project, email, side, role)
    assert count(Membership) == 0


def test_one_seat_per_user_per_project():
    project, user = make_project(), make_user()
    memberships.add_member(project, user.email, "client", "member")
    assert "already" in fails("email", memberships.add_member, project, user.email, "coach", "member")
    assert count(Membership) == 1


def test_change_member_rules_and_scoping():
    project, other = make_project(), make_project()
    membership = add_member(project, make_user(), "client", "member")
    fails("side", memberships.change_membership, membership, "nobody", "member")
    fails("role", memberships.change_membership, membership, "client", "")
    assert memberships.get_membership(project, membership.id) is membership
    with pytest.raises(NotFound):
        memberships.get_membership(other, membership.id)


def test_changing_a_membership_removed_meanwhile_is_not_found():
    membership = add_member(make_project(), make_user(), "client", "member")
    membership_id = membership.id  # loaded now; another request deletes the row behind our back
    with db.engine.begin() as other:
        other.execute(delete(Membership).where(Membership.id == membership_id))
    with pytest.raises(NotFound):
        memberships.change_membership(membership, "coach", "member")
    assert count(Membership) == 0


# factors ------------------------------------------------------------------------------------

def _wording(**changes) -> FactorWording:
    values = dict(label_nl="Humor", label_en="Humour", description_nl="Lachen", description_en="Laughing",
                  position=7)
    values.update(changes)
    return FactorWording(**values)


def test_add_factor():
    factor = factors.add_factor("p_humour", "personal", _wording())
    assert (factor.key, factor.dimension.value, factor.label_en, factor.position, factor.is_active) == \
        ("p_humour", "personal", "Humour", 7, True)
    assert factor in factors.all_factors()


@pytest.mark.parametrize("key", ["", "p", "P_humour", "1abc", "a-b", "ab cd", "a" * 41, "description"])
def test_factor_key_rules(key):
    fails("key", factors.add_factor, key, "system", _wording())
    assert count(Factor) == 12


@pytest.mark.parametrize("dimension, changes, field", [
    ("trust", {}, "dimension"),
    ("system", {"label_en": " "}, "label_en"),
    ("system", {"label_nl": "l" * 81}, "label_nl"),
    ("system", {"description_en": "d" * 2001}, "description_en"),
    ("system", {"position": None}, "position"),
    ("system", {"position": -1}, "position"),
])
def test_factor_field_rules(dimension, changes, field):
    fails(field, factors.add_factor, "s_new", dimension, _wording(**changes))
    assert count(Factor) == 12


def test_factor_keys_are_unique():
    assert "exists" in fails("key", factors.add_factor, "p_competence", "personal", _wording())
    assert count(Factor) == 12


def test_editing_a_factor_keeps_key_dimension_and_old_scores():
    project, author = make_project(), make_user()
    event = make_event(project, author, scores={"p_openness": -2})
    factor = db.session.execute(select(Factor).where(Factor.key == "p_openness")).scalar_one()
    factors.update_factor(factor, _wording(label_en="Candour", is_active=False))
    db.session.rollback()
    assert (factor.key, factor.dimension.value, factor.label_en, factor.is_active) == \
        ("p_openness", "personal", "Candour", False)
    db.session.refresh(event)
    assert event.score_map() == {"p_openness": -2}
    fails("label_nl", factors.update_factor, factor, _wording(label_nl=""))
    with pytest.raises(NotFound):
        factors.get_factor(9999)
