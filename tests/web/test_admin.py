"""The admin area: access, CSRF, validation errors next to fields, happy paths, escaping."""
import re
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from tests.factories import PASSWORD, add_member, csrf_token, login, make_org, make_project, make_user
from tracker.extensions import db
from tracker.models import Factor, Membership, Organisation, Project, User
from tracker.services.accounts.passwords import verify_password

XSS = "</script><script>alert(1)</script>"
ESCAPED = "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"


@dataclass
class World:
    """An admin, an ordinary user, two organisations and a project with one member."""

    admin: User
    user: User
    client_org: Organisation
    contractor_org: Organisation
    project: Project
    membership: Membership


@pytest.fixture
def world(app) -> World:
    admin = make_user("admin@example.org", name="Ada Admin", admin=True)
    user = make_user("user@example.org", name="Uma User")
    client_org, contractor_org = make_org("Client BV"), make_org("Contractor NV")
    project = make_project("A12", name="A12 widening", client_org=client_org, contractor_org=contractor_org)
    membership = add_member(project, user, "client", "member")
    return World(admin, user, client_org, contractor_org, project, membership)


@pytest.fixture
def admin_client(client, world):
    login(client, world.admin)
    return client


def get_urls(w: World) -> list[str]:
    return ["/admin/", "/admin/organisations", "/admin/organisations/new",
            f"/admin/organisations/{w.client_org.id}", "/admin/users", "/admin/users/new",
            f"/admin/users/{w.user.id}", "/admin/projects", "/admin/projects/new", "/admin/projects/A12",
            "/admin/factors", "/admin/factors/new", f"/admin/factors/{first_factor().id}"]


def post_urls(w: World) -> list[str]:
    m = w.membership.id
    return ["/admin/organisations/new", f"/admin/organisations/{w.client_org.id}", "/admin/users/new",
            f"/admin/users/{w.user.id}", f"/admin/users/{w.user.id}/password", "/admin/projects/new",
            "/admin/projects/A12", "/admin/projects/A12/members", f"/admin/projects/A12/members/{m}",
            f"/admin/projects/A12/members/{m}/remove", "/admin/factors/new",
            f"/admin/factors/{first_factor().id}"]


def first_factor() -> Factor:
    return db.session.execute(select(Factor).order_by(Factor.id)).scalars().first()


def fresh(query):
    """Run a query in a new transaction (requests commit in their own sessions)."""
    db.session.rollback()
    return db.session.execute(query)


def count(model, *where) -> int:
    return fresh(select(func.count()).select_from(model).where(*where)).scalar_one()


def event_state() -> tuple:
    """Everything the admin area can change, to prove a request stored nothing."""
    db.session.rollback()
    rows = []
    for model in (Organisation, User, Project, Membership, Factor):
        for obj in db.session.execute(select(model).order_by(model.id)).scalars():
            rows.append(tuple(sorted((k, str(v)) for k, v in vars(obj).items() if not k.startswith("_"))))
    return tuple(rows)


def post(client, url: str, data: dict, token_page: str | None = None):
    """POST a form with a CSRF token taken from the page that shows it."""
    return client.post(url, data={**data, "csrf_token": csrf_token(client, token_page or url)})


def assert_field_error(html: str, field_id: str, message: str) -> None:
    """The message is shown inside the field block of `field_id`, which is marked as erroneous."""
    blocks = re.findall(r'<div class="field[^"]*has-error">(.*?)</div>', html, re.S)
    assert any(f'id="{field_id}"' in b and message in b for b in blocks), \
        f"no error {message!r} at field {field_id!r}"


# access ------------------------------------------------------------------------------------

def test_anonymous_users_are_sent_to_login(client, world):
    for url in get_urls(world):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/login" in response.headers["Location"]


def test_non_admins_get_403_everywhere(client, world):
    login(client, world.user)
    token = csrf_token(client, "/")
    before = event_state()
    for url in get_urls(world):
        assert client.get(url).status_code == 403, url
    for url in post_urls(world):
        response = client.post(url, data={"csrf_token": token, "name": "Hacked", "email": "x@example.org",
                                          "side": "coach", "role": "manager"})
        assert response.status_code == 403, url
    assert event_state() == before


def test_every_page_renders_for_admins(admin_client, world):
    for url in get_urls(world):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert b'aria-label="Admin sections"' in response.data


def test_every_post_needs_a_csrf_token(admin_client, world):
    before = event_state()
    for url in post_urls(world):
        response = admin_client.post(url, data={"name": "Changed", "email": "new@example.org",
                                                "code": "NEW", "key": "p_new", "side": "coach",
                                                "role": "manager", "label_en": "x", "label_nl": "x"})
        assert response.status_code == 400, url
    assert event_state() == before


def test_unknown_objects_are_404(admin_client, world):
    for url in ["/admin/organisations/999", "/admin/users/999", "/admin/projects/NOPE",
                "/admin/factors/999"]:
        assert admin_client.get(url).status_code == 404, url
    other = make_project("OTHER")
    foreign = add_member(other, world.admin, "coach", "member")
    token = csrf_token(admin_client, "/admin/projects/A12")
    response = admin_client.post(f"/admin/projects/A12/members/{foreign.id}/remove", data={"csrf_token": token})
    assert response.status_code == 404
    assert count(Membership, Membership.id == foreign.id) == 1


# overview ----------------------------------------------------------------------------------

def test_overview_shows_counts_and_links(admin_client, world):
    html = admin_client.get("/admin/").get_data(as_text=True)
    assert 'href="/admin/organisations"' in html and 'href="/admin/factors"' in html
    assert re.search(r'class="stat-number">2<', html)  # two organisations / users
    assert "Getting started" not in html


def test_overview_of_an_empty_installation_guides_the_admin(client, app):
    login(client, make_user(admin=True))
    html = client.get("/admin/").get_data(as_text=True)
    assert "Getting started" in html
    assert "No organisations yet" in client.get("/admin/organisations").get_data(as_text=True)
    assert "No projects yet" in client.get("/admin/projects").get_data(as_text=True)
    assert "fewer than two" in client.get("/admin/projects/new").get_data(as_text=True)


# organisations -----------------------------------------------------------------------------

def test_create_organisation(admin_client, world):
    response = post(admin_client, "/admin/organisations/new", {"name": "  Heijmans  "})
    assert response.status_code == 302
    assert count(Organisation, Organisation.name == "Heijmans") == 1
    assert "Heijmans" in admin_client.get("/admin/organisations").get_data(as_text=True)


@pytest.mark.parametrize("name, message", [("", "Enter the organisation"),
                                           ("client bv", "exists"), ("x" * 121, "at most 120")])
def test_create_organisation_errors(admin_client, world, name, message):
    before = event_state()
    response = post(admin_client, "/admin/organisations/new", {"name": name})
    assert response.status_code == 422
    assert_field_error(response.get_data(as_text=True), "name", message)
    assert event_state() == before


def test_rename_organisation(admin_client, world):
    url = f"/admin/organisations/{world.client_org.id}"
    assert "A12" in admin_client.get(url).get_data(as_text=True)  # its projects are listed
    assert post(admin_client, url, {"name": "Client Renamed"}).status_code == 302
    assert count(Organisation, Organisation.name == "Client Renamed") == 1
    before = event_state()
    response = post(admin_client, url, {"name": "Contractor NV"})
    assert response.status_code == 422
    assert_field_error(response.get_data(as_text=True), "name", "exists")
    assert event_state() == before


# users -------------------------------------------------------------------------------------

def _user_form(**changes) -> dict:
    data = {"name": "Nina New", "email": "nina@example.org", "organisation_id": "",
            "password": "a decent passphrase", "confirm": "a decent passphrase"}
    data.update(changes)
    return data


def test_create_user(admin_client, world):
    response = post(admin_client, "/admin/users/new",
                    _user_form(organisation_id=str(world.contractor_org.id), is_admin="y"))
    assert response.status_code == 302
    user = fresh(select(User).where(User.email == "nina@example.org")).scalar_one()
    assert user.is_admin and user.organisation_id == world.contractor_org.id
    assert verify_password(user.password_hash, "a decent passphrase")


@pytest.mark.parametrize("changes, field, message", [
    ({"name": ""}, "name", "Enter a name"),
    ({"email": "nina"}, "email", "valid e-mail"),
    ({"email": "USER@example.org"}, "email", "exists"),
    ({"password": "short", "confirm": "short"}, "password", "at least 10"),
    ({"confirm": "something else"}, "confirm", "differ"),
    ({"organisation_id": "9999"}, "organisation_id", "Not a valid choice"),
    ({"organisation_id": "abc"}, "organisation_id", "Invalid"),
])
def test_create_user_errors(admin_client, world, changes, field, message):
    before = event_state()
    response = post(admin_client, "/admin/users/new", _user_form(**changes))
    assert response.status_code == 422
    assert_field_error(response.get_data(as_text=True), field, message)
    assert event_state() == before


def _edit_form(user: User, **changes) -> dict:
    data = {"name": user.name, "email": user.email, "organisation_id": str(user.organisation_id or ""),
            "is_enabled": "y"}
    if user.is_admin:
        data["is_admin"] = "y"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_edit_user_and_disable(app, admin_client, world):
    victim = app.test_client()
    login(victim, world.user)
    url = f"/admin/users/{world.user.id}"
    assert "A12" in admin_client.get(url).get_data(as_text=True)  # the user's projects are listed
    response = post(admin_client, url, _edit_form(world.user, name="Uma Renamed", is_enabled=None,
                                                  organisation_id=str(world.client_org.id)))
    assert response.status_code == 302
    user = fresh(select(User).where(User.id == world.user.id)).scalar_one()
    assert (user.name, user.is_enabled, user.organisation_id) == ("Uma Renamed", False, world.client_org.id)
    assert victim.get("/").status_code == 302  # the disabled user's session ended
    assert login(app.test_client(), user).status_code == 401
    assert post(admin_client, url, _edit_form(user, is_admin="y")).status_code == 302
    assert count(User, User.is_admin.is_(True), User.is_enabled.is_(True)) == 2


def test_admin_cannot_demote_or_disable_themselves(admin_client, world):
    url = f"/admin/users/{world.admin.id}"
    before = event_state()
    response = post(admin_client, url, _edit_form(world.admin, is_admin=None))
    assert response.status_code == 422
    assert_field_error(response.get_data(as_text=True), "is_admin", "own admin rights")
    response = post(admin_client, url, _edit_form(world.admin, is_enabled=None))
    assert_field_error(response.get_data(as_text=True), "is_enabled", "own account")
    assert event_state() == before


@pytest.mark.parametrize("changes, field, message", [
    ({"email": "admin@example.org"}, "email", "exists"),
    ({"email": ""}, "email", "Enter an e-mail"),
    ({"name": " "}, "name", "Enter a name"),
])
def test_edit_user_errors(admin_client, world, changes, field, message):
    before = event_state()
    response = post(admin_client, f"/admin/users/{world.user.id}", _edit_form(world.user, **changes))
    assert response.status_code == 422
    assert_field_error(response.get_data(as_text=True), field, message)
    assert event_state() == before


def test_set_password(app, admin_client, world):
    url = f"/admin/users/{world.user.id}/password"
    page = f"/admin/users/{world.user.id}"
    before = event_state()
    response = post(admin_client, url, {"password": "tiny", "confirm": "tiny"}, page)
    assert response.status_code == 422
    assert_field_error(response.get_data(as_text=True), "password", "at least 10")
    response = post(admin_client, url, {"password": "a decent passphrase", "confirm": "no match"}, page)
    assert_field_error(response.get_data(as_text=True), "confirm", "differ")
    assert event_state() == before
    response = post(admin_client, url, {"password": "a decent passphrase", "confirm": "a decent passphrase"}, page)
    assert response.status_code == 302
    assert login(app.test_client(), world.user, "a decent passphrase").status_code == 302


def test_an_admin_changes_their_own_password_only_with_the_current_one(app, admin_client, world):
    url = f"/admin/users/{world.admin.id}/password"
    response = post(admin_client, url, {"password": "my new passphrase", "confirm": "my new passphrase"},
                    f"/admin/users/{world.admin.id}")
    assert response.status_code == 422
    assert "account page" in response.get_data(as_text=True)
    assert login(app.test_client(), world.admin, "my new passphrase").status_code == 401
    assert admin_client.get("/admin/").status_code == 200


# projects ----------------------------------------------------------------------------------

def _project_form(w: World, **changes) -> dict:
    data = {"code": "n33-east", "name": "N33 East", "description": "Ring road",
            "client_org_id": str(w.client_org.id), "contractor_org_id": str(w.contractor_org.id),
            "contract_form": "nec", "phase": "working", "start_date": "2025-03-01", "is_active": "y"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_create_project(admin_client, world):
    response = post(admin_client, "/admin/projects/new", _project_form(world))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/admin/projects/N33-EAST")
    project = fresh(select(Project).where(Project.code == "N33-EAST")).scalar_one()
    assert (project.name, project.contract_form.value, project.phase.value) == ("N33 East", "nec", "working")
    assert "N33-EAST" in admin_client.get("/admin/projects").get_data(as_text=True)


@pytest.mark.parametrize("changes, field, message", [
    ({"code": "x"}, "code", "2 to 32"),
    ({"code": "a12"}, "code", "exists"),
    ({"code": "AB CD"}, "code", "2 to 32"),
    ({"name": ""}, "name", "Enter the project"),
    ({"client_org_id": ""}, "client_org_id", "existing organisation"),
    ({"contractor_org_id": "CLIENT"}, "contractor_org_id", "another organisation"),
    ({"contract_form": "handshake"}, "contract_form", "Not a valid choice"),
    ({"phase": "done"}, "phase", "Not a valid choice"),
    ({"start_date": ""}, "start_date", "Enter the start date"),
    ({"start_date": "1-3-2025"}, "start_date", "Not a valid date"),
    ({"start_date": "1899-01-01"}, "start_date", "between 1990 and 2100"),
])
def test_create_project_errors(admin_client, world, changes, field, message):
    if changes.get("contractor_org_id") == "CLIENT":
        changes["contractor_org_id"] = str(world.client_org.id)
    before = event_state()
    response = post(admin_client, "/admin/projects/new", _project_form(world, **changes))
    assert response.status_code == 422
    assert_field_error(response.get_data(as_text=True), field, message)
    assert event_state() == before


def test_edit_project(admin_client, world):
    response = post(admin_client, "/admin/projects/A12",
                    _project_form(world, code="A12", name="A12 renamed", phase="letting_go", is_active=None))
    assert response.status_code == 302
    project = fresh(select(Project).where(Project.code == "A12")).scalar_one()
    assert (project.name, project.phase.value, project.is_active) == ("A12 renamed", "letting_go", False)
    make_project("B7")
    before = event_state()
    response = post(admin_client, "/admin/projects/A12", _project_form(world, code="b7"))
    assert response.status_code == 422
    assert_field_error(response.get_data(as_text=True), "code", "exists")
    assert event_state() == before


# memberships -------------------------------------------------------------------------------

def test_add_member(admin_client, world):
    assert "Open the project" not in admin_client.get("/admin/projects/A12").get_data(as_text=True)
    response = post(admin_client, "/admin/projects/A12/members",
                    {"email": "ADMIN@example.org", "side": "coach", "role": "member"}, "/admin/projects/A12")
    assert response.status_code == 302
    membership = fresh(select(Membership).where(Membership.user_id == world.admin.id)).scalar_one()
    assert membership.side.value == "coach"
    html = admin_client.get("/admin/projects/A12").get_data(as_text=True)
    assert "Ada Admin" in html and "Members <span" in html
    assert "Open the project" in html  # now a member, the admin can open it


@pytest.mark.parametrize("data, field, message", [
    ({"email": "", "side": "client", "role": "member"}, "email", "Enter the e-mail"),
    ({"email": "ghost@example.org", "side": "client", "role": "member"}, "email", "no user"),
    ({"email": "user@example.org", "side": "client", "role": "member"}, "email", "already a member"),
    ({"email": "admin@example.org", "side": "referee", "role": "member"}, "side", "Not a valid choice"),
    ({"email": "admin@example.org", "side": "client", "role": "boss"}, "role", "Not a valid choice"),
])
def test_add_member_errors(admin_client, world, data, field, message):
    before = event_state()
    response = post(admin_client, "/admin/projects/A12/members", data, "/admin/projects/A12")
    assert response.status_code == 422
    assert_field_error(response.get_data(as_text=True), field, message)
    assert event_state() == before


def test_change_member(admin_client, world):
    prefix = f"m{world.membership.id}"
    url = f"/admin/projects/A12/members/{world.membership.id}"
    response = post(admin_client, url, {f"{prefix}-side": "contractor", f"{prefix}-role": "manager"},
                    "/admin/projects/A12")
    assert response.status_code == 302
    membership = fresh(select(Membership).where(Membership.id == world.membership.id)).scalar_one()
    assert (membership.side.value, membership.role.value) == ("contractor", "manager")
    before = event_state()
    response = post(admin_client, url, {f"{prefix}-side": "umpire", f"{prefix}-role": "manager"},
                    "/admin/projects/A12")
    assert response.status_code == 422
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert event_state() == before


def test_remove_member_after_confirmation(admin_client, world):
    html = admin_client.get("/admin/projects/A12").get_data(as_text=True)
    remove_url = f"/admin/projects/A12/members/{world.membership.id}/remove"
    assert re.search(r'<details class="confirm">\s*<summary[^>]*>Remove…</summary>\s*<form method="post" '
                     rf'action="{remove_url}"', html)
    assert "Remove Uma User from A12?" in html
    assert admin_client.get(remove_url).status_code == 405  # a link can never remove someone
    response = post(admin_client, remove_url, {}, "/admin/projects/A12")
    assert response.status_code == 302
    assert count(Membership) == 0
    assert "No members yet" in admin_client.get("/admin/projects/A12").get_data(as_text=True)


# factors -----------------------------------------------------------------------------------

def _factor_form(**changes) -> dict:
    data = {"key": "p_humour", "dimension": "personal", "label_en": "Humour", "label_nl": "Humor",
            "description_en": "Laughing together", "description_nl": "Samen lachen", "position": "7"}
    data.update(changes)
    return data


def test_add_factor(admin_client, world):
    assert post(admin_client, "/admin/factors/new", _factor_form()).status_code == 302
    factor = fresh(select(Factor).where(Factor.key == "p_humour")).scalar_one()
    assert (factor.dimension.value, factor.label_nl, factor.position) == ("personal", "Humor", 7)
    assert "p_humour" in admin_client.get("/admin/factors").get_data(as_text=True)


@pytest.mark.parametrize("changes, field, message", [
    ({"key": "Humour"}, "key", "lower-case"),
    ({"key": "p_competence"}, "key", "exists"),
    ({"key": "title"}, "key", "reserved"),
    ({"dimension": "spiritual"}, "dimension", "Not a valid choice"),
    ({"label_en": ""}, "label_en", "Enter a label"),
    ({"position": "first"}, "position", "Not a valid integer"),
    ({"position": "-5"}, "position", "0 to 9999"),
])
def test_add_factor_errors(admin_client, world, changes, field, message):
    before = event_state()
    response = post(admin_client, "/admin/factors/new", _factor_form(**changes))
    assert response.status_code == 422
    assert_field_error(response.get_data(as_text=True), field, message)
    assert event_state() == before


def test_edit_factor_never_changes_key_or_dimension(admin_client, world):
    factor = first_factor()
    key, dimension = factor.key, factor.dimension
    url = f"/admin/factors/{factor.id}"
    page = admin_client.get(url).get_data(as_text=True)
    assert 'name="key"' not in page and 'name="dimension"' not in page
    response = post(admin_client, url, _factor_form(key="hijacked", dimension="system", label_en="Skill"))
    assert response.status_code == 302
    factor = fresh(select(Factor).where(Factor.id == factor.id)).scalar_one()
    assert (factor.key, factor.dimension, factor.label_en, factor.is_active) == (key, dimension, "Skill", False)
    before = event_state()
    response = post(admin_client, url, _factor_form(label_nl=""))
    assert response.status_code == 422
    assert_field_error(response.get_data(as_text=True), "label_nl", "Enter a label")
    assert event_state() == before


# escaping ----------------------------------------------------------------------------------

def test_names_are_escaped_everywhere(admin_client, world):
    post(admin_client, f"/admin/organisations/{world.client_org.id}", {"name": XSS})
    post(admin_client, f"/admin/users/{world.user.id}", _edit_form(world.user, name=XSS))
    post(admin_client, "/admin/projects/A12", _project_form(world, code="A12", name=XSS, description=XSS))
    post(admin_client, "/admin/factors/new", _factor_form(label_en=XSS, label_nl=XSS))
    assert count(Organisation, Organisation.name == XSS) == 1
    pages = ["/admin/organisations", f"/admin/organisations/{world.client_org.id}", "/admin/users",
             f"/admin/users/{world.user.id}", "/admin/projects", "/admin/projects/A12", "/admin/factors",
             "/admin/projects/new", "/admin/users/new"]
    for url in pages:
        html = admin_client.get(url).get_data(as_text=True)
        assert XSS not in html, url
        assert "<script>alert" not in html, url
        assert ESCAPED in html or "&lt;/script&gt;" in html, url
    flash_page = post(admin_client, "/admin/organisations/new", {"name": XSS + "2"})
    assert flash_page.status_code == 302
    assert "<script>alert" not in admin_client.get("/admin/organisations").get_data(as_text=True)


def test_password_is_never_echoed(admin_client, world):
    response = post(admin_client, "/admin/users/new", _user_form(name="", password=PASSWORD, confirm=PASSWORD))
    assert response.status_code == 422
    assert PASSWORD not in response.get_data(as_text=True)


def test_seating_someone_on_the_other_partys_side_warns(admin_client, world):
    client_person = make_user("cora@example.org", name="Cora Client")
    client_person.organisation_id = world.client_org.id
    db.session.commit()
    response = post(admin_client, "/admin/projects/A12/members",
                    {"email": "cora@example.org", "side": "contractor", "role": "member"}, "/admin/projects/A12")
    assert response.status_code == 302
    html = admin_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Cora Client works for Client BV, the other party, but now sits on the contractor side." in html
    prefix = f"m{world.membership.id}"
    world.user.organisation_id = world.client_org.id
    db.session.commit()
    response = post(admin_client, f"/admin/projects/A12/members/{world.membership.id}",
                    {f"{prefix}-side": "client", f"{prefix}-role": "manager"}, "/admin/projects/A12")
    assert "the other party" not in admin_client.get(response.headers["Location"]).get_data(as_text=True)


def test_an_admin_without_projects_is_pointed_to_admin(admin_client, world):
    html = admin_client.get("/").get_data(as_text=True)
    assert "Ask an administrator" not in html and '<a href="/admin/">Admin</a>.' in html
