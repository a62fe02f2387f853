"""Random input at every admin form: never a 500, and what is stored always obeys the rules."""
from hypothesis import example, given
from hypothesis import strategies as st
from sqlalchemy import func, select

from tests.fuzz.conftest import assert_no_server_error, count
from tests.fuzz.strategies import (FUZZ, checkbox, choice, date_text, emails, form, integer_text, mixed,
                                   names, passwords, text)
from tracker.extensions import db
from tracker.models import Factor, Membership, Organisation, Project, User
from tracker.services.admin.factors import KEY_PATTERN, RESERVED_KEYS
from tracker.services.admin.projects import CODE_PATTERN, EARLIEST_START, LATEST_START
from tracker.services.admin.users import _EMAIL, EMAIL_MAX, USER_NAME_MAX

SAVED_OR_SHOWN = {200, 302, 404, 422, 400}
ORG_IDS = st.one_of(st.sampled_from(["1", "2", ""]), integer_text)  # the world makes organisations 1 and 2
EMAILS = st.one_of(text, st.sampled_from(["victim@fuzz.test", "manager@fuzz.test", "new@fuzz.test",
                                          "NEW@FUZZ.TEST", "a@b.c", "no-at-sign", "x@y"]))


def assert_users_valid() -> None:
    """Stored accounts: valid unique addresses, names, and at least one enabled admin."""
    db.session.rollback()
    for user in db.session.scalars(select(User)):
        assert _EMAIL.match(user.email) and len(user.email) <= EMAIL_MAX and user.email == user.email.lower()
        assert user.name.strip() and len(user.name) <= USER_NAME_MAX
    assert count(User, User.is_admin.is_(True), User.is_enabled.is_(True)) >= 1
    assert db.session.scalar(select(func.count(func.distinct(func.lower(User.email))))) == count(User)


@FUZZ
@given(fields=mixed(
    st.builds(lambda name, email, password: {"name": name, "email": email, "password": password,
                                             "confirm": password, "organisation_id": ""},
              names, emails, passwords),
    form(name=text, email=EMAILS, organisation_id=ORG_IDS, password=text, confirm=text, is_admin=checkbox())))
def test_create_user(admin, world, fields):
    before = count(User)
    response = admin.post("/admin/users/new", fields)
    assert_no_server_error(response, SAVED_OR_SHOWN)
    assert count(User) == before + (response.status_code == 302)
    assert_users_valid()


@FUZZ
@given(fields=form(name=text, email=EMAILS, organisation_id=ORG_IDS, is_enabled=checkbox(),
                   is_admin=checkbox()), own=st.booleans())
def test_edit_user(admin, world, fields, own):
    user = world.admin if own else world.victim
    response = admin.post(f"/admin/users/{user.id}", fields)
    assert_no_server_error(response, SAVED_OR_SHOWN)
    assert_users_valid()
    db.session.rollback()
    me = db.session.get(User, world.admin.id)
    assert me.is_admin and me.is_enabled  # an admin never locks themselves out


@FUZZ
@given(fields=form(password=text, confirm=text))
def test_set_password(admin, world, fields):
    response = admin.post(f"/admin/users/{world.victim.id}/password", fields)
    assert_no_server_error(response, SAVED_OR_SHOWN)


@FUZZ
@given(fields=form(code=st.one_of(text, st.sampled_from(["FUZZ", "fuzz", "N-2", "A", "B_7"])), name=text,
                   description=text, client_org_id=ORG_IDS, contractor_org_id=ORG_IDS,
                   contract_form=choice("uav_gc", "nec", "other"), phase=choice("finding", "working"),
                   start_date=date_text, is_active=checkbox()),
       existing=st.booleans())
def test_create_or_edit_project(admin, world, fields, existing):
    before = count(Project)
    url = "/admin/projects/FUZZ" if existing else "/admin/projects/new"
    response = admin.post(url, fields)
    assert_no_server_error(response, SAVED_OR_SHOWN)
    if not existing:
        assert count(Project) == before + (response.status_code == 302)
    db.session.rollback()
    for project in db.session.scalars(select(Project)):
        assert CODE_PATTERN.match(project.code) and project.name.strip()
        assert project.client_org_id != project.contractor_org_id
        assert EARLIEST_START <= project.start_date <= LATEST_START
    if response.status_code == 302 and existing:  # the project may have a new code now: rename back
        db.session.get(Project, world.project.id).code = "FUZZ"
        db.session.commit()


@FUZZ
@given(fields=mixed(
    form(email=st.sampled_from(["victim@fuzz.test", "admin@fuzz.test"]),
         side=st.sampled_from(["client", "contractor", "coach"]), role=st.sampled_from(["manager", "member"])),
    form(email=EMAILS, side=choice("client", "contractor", "coach"), role=choice("manager", "member"))))
def test_add_member(admin, world, fields):
    response = admin.post("/admin/projects/FUZZ/members", fields)
    assert_no_server_error(response, SAVED_OR_SHOWN)
    db.session.rollback()
    seats = db.session.execute(select(Membership.project_id, Membership.user_id)).all()
    assert len(seats) == len(set(seats))


@FUZZ
@given(side=choice("client", "contractor", "coach"), role=choice("manager", "member"),
       target=st.one_of(st.just("existing"), integer_text), remove=st.booleans())
@example(side="client", role="manager", target="9223372036854775808", remove=False)  # was a 500
def test_change_or_remove_member(admin, world, side, role, target, remove):
    db.session.rollback()
    seat = db.session.scalar(select(Membership).where(Membership.user_id == world.other_manager.id))
    seat_id = str(seat.id) if seat and target == "existing" else target
    if remove:
        response = admin.post(f"/admin/projects/FUZZ/members/{seat_id}/remove", {})
    else:
        response = admin.post(f"/admin/projects/FUZZ/members/{seat_id}",
                              {f"m{seat_id}-side": side, f"m{seat_id}-role": role})
    assert_no_server_error(response, SAVED_OR_SHOWN | {405})


@FUZZ
@given(fields=form(key=st.one_of(text, st.sampled_from(["p_humour", "p_competence", "title", "P_X", "ab"])),
                   dimension=choice("personal", "system"), label_en=text, label_nl=text,
                   description_en=text, description_nl=text, position=integer_text, is_active=checkbox()),
       existing=st.booleans())
def test_add_or_edit_factor(admin, world, fields, existing):
    before = count(Factor)
    url = f"/admin/factors/{world.factor_id}" if existing else "/admin/factors/new"
    response = admin.post(url, fields)
    assert_no_server_error(response, SAVED_OR_SHOWN)
    if not existing:
        assert count(Factor) == before + (response.status_code == 302)
    db.session.rollback()
    for factor in db.session.scalars(select(Factor)):
        assert KEY_PATTERN.match(factor.key) and factor.key not in RESERVED_KEYS
        assert factor.label_en.strip() and factor.label_nl.strip() and 0 <= factor.position <= 9999


@FUZZ
@given(name=text, existing=st.booleans())
def test_create_or_rename_organisation(admin, world, name, existing):
    before = count(Organisation)
    url = f"/admin/organisations/{world.project.client_org_id}" if existing else "/admin/organisations/new"
    response = admin.post(url, {"name": name})
    assert_no_server_error(response, SAVED_OR_SHOWN)
    if not existing:
        assert count(Organisation) == before + (response.status_code == 302)
    db.session.rollback()
    names = [o.name for o in db.session.scalars(select(Organisation))]
    assert all(n.strip() == n and n for n in names) and len(set(names)) == len(names)
