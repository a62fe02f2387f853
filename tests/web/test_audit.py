"""The audit log: what is recorded, that it commits with the change, and the admin page."""
import json

import pytest
from sqlalchemy import select

from tests.factories import PASSWORD, add_member, csrf_token, login, make_event, make_project, make_user
from tracker.database import write_transaction
from tracker.extensions import db
from tracker.models.audit import AuditEntry
from tracker.services import audit
from tracker.services.admin import memberships
from tracker.services.errors import EditConflict, ValidationFailed
from tracker.services.events.changes import retract_event


def post(client, url: str, data: dict, token_page: str | None = None):
    """POST a form with a CSRF token from the page that shows it."""
    return client.post(url, data={**data, "csrf_token": csrf_token(client, token_page or url)})


def entries(action: str | None = None) -> list[AuditEntry]:
    """Audit entries (of one action), oldest first, seen from a fresh snapshot."""
    db.session.rollback()
    query = select(AuditEntry).order_by(AuditEntry.id)
    if action:
        query = query.where(AuditEntry.action == action)
    return list(db.session.scalars(query))


@pytest.fixture
def admin(app):
    return make_user("root@example.org", name="Ada Admin", admin=True)


@pytest.fixture
def admin_client(client, admin):
    login(client, admin)
    return client


def test_logins_are_recorded_with_the_address_tried_but_never_the_password(client, app):
    user = make_user("uma@example.org")
    login(client, user, password="the wrong guess")
    client.post("/login", data={"email": "nobody@example.org", "password": "secret-try-1",
                                "csrf_token": csrf_token(client, "/login")})
    login(client, user)
    failed = entries("login.failed")
    assert [(e.target, e.actor_id, e.details["reason"]) for e in failed] == [
        ("uma@example.org", user.id, "wrong_password"), ("nobody@example.org", None, "unknown_account")]
    [success] = entries("login.success")
    assert (success.actor_id, success.target, success.ip) == (user.id, "uma@example.org", "127.0.0.1")
    stored = json.dumps([[e.target, e.details] for e in entries()])
    for secret in ("the wrong guess", "secret-try-1", PASSWORD):
        assert secret not in stored


def test_logout_and_password_changes_are_recorded(client, app, admin):
    user = make_user("uma@example.org")
    login(client, user)
    post(client, "/account", {"current_password": PASSWORD, "password": "a brand new secret",
                              "confirm": "a brand new secret"})
    post(client, "/logout", {}, "/account")
    assert [e.action for e in entries() if e.action != "user.create"] == [
        "login.success", "password.change", "logout"]
    login(client, admin)
    post(client, f"/admin/users/{user.id}/password", {"password": "set by the admin", "confirm": "set by the admin"},
         f"/admin/users/{user.id}")
    [entry] = entries("password.set")
    assert (entry.actor_id, entry.target) == (admin.id, "uma@example.org")


def test_permission_changes_are_recorded(admin_client, admin):
    user = make_user("uma@example.org", name="Uma")
    project = make_project("A12")
    edit = f"/admin/users/{user.id}"
    form = {"name": "Uma", "email": "uma@example.org", "organisation_id": "", "is_enabled": "y"}
    assert post(admin_client, edit, {**form, "is_admin": "y"}).status_code == 302
    assert post(admin_client, edit, {k: v for k, v in form.items() if k != "is_enabled"}).status_code == 302
    assert post(admin_client, "/admin/projects/A12/members",
                {"email": "uma@example.org", "side": "client", "role": "member"}, "/admin/projects/A12").status_code == 302
    db.session.rollback()
    membership_id = db.session.get(type(project), project.id).memberships[0].id
    prefix = f"m{membership_id}"
    post(admin_client, f"/admin/projects/A12/members/{membership_id}",
         {f"{prefix}-side": "contractor", f"{prefix}-role": "manager"}, "/admin/projects/A12")
    post(admin_client, f"/admin/projects/A12/members/{membership_id}/remove", {}, "/admin/projects/A12")
    post(admin_client, "/admin/factors/new", {"key": "p_humour", "dimension": "personal", "label_en": "Humour",
                                              "label_nl": "Humor", "position": "7"})
    recorded = [(e.action, e.target, e.project_id is not None) for e in entries()
                if e.actor_id == admin.id and not e.action.startswith("login")]
    assert recorded == [
        ("user.admin_granted", "uma@example.org", False),
        ("user.admin_revoked", "uma@example.org", False), ("user.disabled", "uma@example.org", False),
        ("membership.add", "uma@example.org", True), ("membership.change", "uma@example.org", True),
        ("membership.remove", "uma@example.org", True), ("factor.add", "p_humour", False)]
    change = entries("membership.change")[0]
    assert change.details == {"side": ["client", "contractor"], "role": ["member", "manager"]}
    admin_client.post("/language", data={"locale": "nl", "csrf_token": csrf_token(admin_client, "/admin/audit")})
    dutch = admin_client.get("/admin/audit?action=membership.change").get_data(as_text=True)
    assert "Opdrachtgever → Opdrachtnemer" in dutch and "client → contractor" not in dutch


def test_a_retraction_is_recorded_with_its_reason(app):
    user = make_user()
    project = make_project("R1")
    add_member(project, user, "client", "manager")
    event = make_event(project, user)
    retract_event(event, "Logged twice by mistake", user, event.version)
    [entry] = entries("event.retract")
    assert (entry.actor_id, entry.project_id, entry.target) == (user.id, project.id, f"event #{event.id}")
    assert entry.details == {"reason": "Logged twice by mistake"}


def test_the_audit_entry_commits_with_its_change_or_not_at_all(app):
    user = make_user()
    project = make_project("R2")
    add_member(project, user, "client", "manager")
    event = make_event(project, user)
    with pytest.raises(EditConflict):
        retract_event(event, "Stale", user, event.version + 5)
    with pytest.raises(ValidationFailed):
        memberships.add_member(project, user.email, "client", "member", actor=user)  # already a member
    with pytest.raises(RuntimeError):
        with write_transaction():
            audit.record("project.update", actor=user, project=project, target="R2")
            raise RuntimeError("the change failed after the audit line was added")
    assert [e.action for e in entries()] == ["user.create"]


def test_unknown_actions_are_refused(app):
    with pytest.raises(ValueError):
        audit.record("made.up", actor=None)


def test_only_admins_see_the_audit_page(client, app):
    login(client, make_user())
    assert client.get("/admin/audit").status_code == 403


def test_audit_page_lists_newest_first_and_filters_by_action_and_user(admin_client, admin, app):
    uma = make_user("uma@example.org", name="Uma")
    with write_transaction():
        audit.record("csv.export", actor=uma, target="first export")
        audit.record("csv.export", actor=admin, target="second export")
    html = admin_client.get("/admin/audit").get_data(as_text=True).split("<table", 1)[1]
    assert html.index("second export") < html.index("first export") < html.index("root@example.org")
    only_uma = admin_client.get(f"/admin/audit?actor={uma.id}").get_data(as_text=True)
    assert "first export" in only_uma and "second export" not in only_uma
    logins = admin_client.get("/admin/audit?action=login.success").get_data(as_text=True)
    assert "root@example.org" in logins and "export" not in logins.split("<table", 1)[-1]
    assert admin_client.get("/admin/audit?action=nonsense").status_code == 400
    assert admin_client.get("/admin/audit?actor=abc").status_code == 400


def test_audit_page_is_paginated(admin_client, admin, app):
    app.config["AUDIT_PER_PAGE"] = 5
    with write_transaction():
        for n in range(12):
            audit.record("csv.export", actor=admin, target=f"export {n:02d}")
    first = admin_client.get("/admin/audit?action=csv.export").get_data(as_text=True)
    third = admin_client.get("/admin/audit?action=csv.export&page=3").get_data(as_text=True)
    assert "export 11" in first and "export 06" not in first and "Page 1 of 3" in first
    assert "export 01" in third and "export 00" in third and "export 02" not in third
    assert admin_client.get("/admin/audit?page=99").status_code == 200


def test_csv_imports_and_exports_are_recorded(client, app):
    import io

    user = make_user()
    project = make_project("CSV1")
    add_member(project, user, "client", "manager")
    login(client, user)
    header = "occurred_on,side,kind,steering,escalation_level,planned,title,description,p_openness\n"
    good = header + "2025-02-03,client,moment,relational,,planned,Overleg,,2\n"

    def upload(content: str):
        token = csrf_token(client, "/projects/CSV1/transfer/")
        return client.post("/projects/CSV1/transfer/import", content_type="multipart/form-data",
                           data={"csrf_token": token, "file": (io.BytesIO(content.encode()), "week9.csv")})

    import re
    preview = upload(good).get_data(as_text=True)
    confirm = {name: re.search(rf'name="{name}" type="hidden" value="([^"]+)"', preview).group(1)
               for name in ("token", "csrf_token")}
    assert client.post("/projects/CSV1/transfer/import/confirm", data=confirm).status_code == 302
    assert upload(header + "not a date,client,moment,,,,,,\n").status_code == 422
    assert client.get("/projects/CSV1/transfer/export").status_code == 200
    recorded = [(e.action, e.actor_id, e.project_id, e.target, e.details) for e in entries()
                if e.action.startswith("csv.")]
    assert recorded[:2] == [("csv.import", user.id, project.id, "week9.csv", {"events": 1, "skipped": 0}),
                            ("csv.import_refused", user.id, project.id, "week9.csv", recorded[1][4])]
    assert recorded[1][4]["problems"] >= 1
    assert recorded[2][0] == "csv.export" and recorded[2][3].startswith("CSV1-events-")
