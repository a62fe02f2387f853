"""Organisations: creating and renaming the parties users and projects belong to."""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select

from tracker.extensions import db
from tracker.models import Organisation, Project, User
from tracker.services.admin.users import Problems, clean, guarded_write
from tracker.services.errors import NotFound, ValidationFailed

NAME_MAX = 120
_TAKEN = _l("An organisation with this name exists.")


@dataclass(frozen=True)
class OrganisationRow:
    """An organisation with how many users and projects it has."""

    organisation: Organisation
    users: int
    projects: int


def all_organisations() -> list[Organisation]:
    """Every organisation, by name."""
    return list(db.session.execute(
        select(Organisation).order_by(func.lower(Organisation.name))).scalars())


def organisation_rows() -> list[OrganisationRow]:
    """Every organisation with its user and project counts (for the admin list)."""
    users = dict(db.session.execute(
        select(User.organisation_id, func.count()).group_by(User.organisation_id)).all())
    projects: dict[int, int] = {}
    for client_id, contractor_id in db.session.execute(
            select(Project.client_org_id, Project.contractor_org_id)).all():
        projects[client_id] = projects.get(client_id, 0) + 1
        projects[contractor_id] = projects.get(contractor_id, 0) + 1
    return [OrganisationRow(org, users.get(org.id, 0), projects.get(org.id, 0))
            for org in all_organisations()]


def get_organisation(organisation_id: int) -> Organisation:
    """The organisation with this id, or NotFound."""
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound()
    return organisation


def find_organisation(name: str) -> Organisation | None:
    """The organisation with this name: exact match first, else ignoring case."""
    name = clean(name)
    found = db.session.execute(select(Organisation).where(Organisation.name == name)).scalar_one_or_none()
    if found is None:  # SQLite's lower() folds only ASCII, so this is the fallback, not the rule
        found = db.session.execute(select(Organisation).where(
            func.lower(Organisation.name) == name.lower()).order_by(Organisation.id)).scalars().first()
    return found


def members_of(organisation: Organisation) -> tuple[list[User], list[Project]]:
    """The users of an organisation and the projects it is a party to."""
    users = db.session.execute(select(User).where(User.organisation_id == organisation.id)
                               .order_by(func.lower(User.name))).scalars().all()
    projects = db.session.execute(select(Project).where(or_(
        Project.client_org_id == organisation.id, Project.contractor_org_id == organisation.id))
        .order_by(Project.code)).scalars().all()
    return list(users), list(projects)


def _checked_name(name: str) -> str:
    """A trimmed, valid organisation name, or ValidationFailed."""
    name = clean(name)
    problems = Problems()
    if not name:
        problems.add("name", _l("Enter the organisation's name."))
    elif len(name) > NAME_MAX:
        problems.add("name", _l("The name can be at most %(n)d characters.", n=NAME_MAX))
    problems.raise_if_any()
    return name


def _ensure_free(name: str, organisation_id: int | None = None) -> None:
    """Raise when another organisation already has this name (ignoring case)."""
    other = find_organisation(name)
    if other is not None and other.id != organisation_id:
        raise ValidationFailed({"name": [str(_TAKEN)]})


def create_organisation(name: str) -> Organisation:
    """Add an organisation with a unique name."""
    name = _checked_name(name)
    with guarded_write("name", _TAKEN):
        _ensure_free(name)
        organisation = Organisation(name=name)
        db.session.add(organisation)
    return organisation


def rename_organisation(organisation: Organisation, name: str) -> Organisation:
    """Give an organisation a new unique name."""
    name = _checked_name(name)
    with guarded_write("name", _TAKEN):
        _ensure_free(name, organisation.id)
        organisation.name = name
    return organisation
