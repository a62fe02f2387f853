"""Projects: creating and editing partnerships between a client and a contractor."""
import re
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.extensions import db
from tracker.models import ContractForm, Membership, Organisation, Phase, Project, User
from tracker.services import audit
from tracker.services.admin.users import Problems, clean, guarded_write
from tracker.services.errors import NotFound, ValidationFailed

CODE_PATTERN = re.compile(r"^[A-Z0-9_-]{2,32}$")
NAME_MAX = 160
DESCRIPTION_MAX = 10_000
EARLIEST_START = date(1990, 1, 1)
LATEST_START = date(2100, 12, 31)
_TAKEN = _l("A project with this code exists.")


@dataclass
class ProjectInput:
    """The fields an admin sets on a project, as plain values (strings are checked)."""

    code: str
    name: str
    client_org_id: int | None
    contractor_org_id: int | None
    start_date: date | None
    contract_form: str = ContractForm.OTHER.value
    phase: str = Phase.FINDING.value
    description: str = ""
    is_active: bool = True


def normalise_code(code: str | None) -> str:
    """Project codes are stored trimmed and upper-case."""
    return clean(code).upper()


def all_projects() -> list[Project]:
    """Every project with its organisations and memberships loaded, by code."""
    return list(db.session.execute(select(Project).order_by(Project.code).options(
        selectinload(Project.client_org), selectinload(Project.contractor_org),
        selectinload(Project.memberships))).scalars())


def find_project(code: str) -> Project | None:
    """The project with this code (any case), or None."""
    return db.session.execute(
        select(Project).where(Project.code == normalise_code(code))).scalar_one_or_none()


def get_project(code: str) -> Project:
    """The project with this code, or NotFound (admin use: no membership needed)."""
    project = find_project(code)
    if project is None:
        raise NotFound()
    return project


def member_list(project: Project) -> list[Membership]:
    """The project's memberships, by side and then name."""
    order = {"client": 0, "contractor": 1, "coach": 2}
    return sorted(project.memberships, key=lambda m: (order[m.side.value], m.user.name.lower()))


def _check_texts(problems: Problems, data: ProjectInput) -> tuple[str, str, str]:
    """Code, name and description rules; returns them cleaned."""
    code, name, description = normalise_code(data.code), clean(data.name), clean(data.description)
    if not code:
        problems.add("code", _l("Enter a project code."))
    elif not CODE_PATTERN.match(code):
        problems.add("code", _l("Use 2 to 32 characters: letters A-Z, digits, '-' and '_'."))
    if not name:
        problems.add("name", _l("Enter the project's name."))
    elif len(name) > NAME_MAX:
        problems.add("name", _l("The name can be at most %(n)d characters.", n=NAME_MAX))
    if len(description) > DESCRIPTION_MAX:
        problems.add("description", _l("The description can be at most %(n)d characters.",
                                       n=DESCRIPTION_MAX))
    return code, name, description


def _check_settings(problems: Problems, data: ProjectInput) -> None:
    """Contract form, phase, start date and the two organisations."""
    if data.contract_form not in {c.value for c in ContractForm}:
        problems.add("contract_form", _l("Choose one of the listed contract forms."))
    if data.phase not in {p.value for p in Phase}:
        problems.add("phase", _l("Choose one of the listed phases."))
    if data.start_date is None:
        problems.add("start_date", _l("Enter the start date."))
    elif not EARLIEST_START <= data.start_date <= LATEST_START:
        problems.add("start_date", _l("Enter a start date between 1990 and 2100."))
    for field, org_id in (("client_org_id", data.client_org_id),
                          ("contractor_org_id", data.contractor_org_id)):
        if org_id is None or db.session.get(Organisation, org_id) is None:
            problems.add(field, _l("Choose an existing organisation."))
    if data.client_org_id is not None and data.client_org_id == data.contractor_org_id:
        problems.add("contractor_org_id", _l("The contractor must be another organisation than the client."))


def _check(data: ProjectInput) -> dict:
    """Validate the input; return the cleaned values or raise ValidationFailed."""
    problems = Problems()
    code, name, description = _check_texts(problems, data)
    _check_settings(problems, data)
    problems.raise_if_any()
    return {"code": code, "name": name, "description": description,
            "contract_form": ContractForm(data.contract_form), "phase": Phase(data.phase),
            "client_org_id": data.client_org_id, "contractor_org_id": data.contractor_org_id,
            "start_date": data.start_date, "is_active": bool(data.is_active)}


def _ensure_free(code: str, project_id: int | None = None) -> None:
    """Raise when another project already uses this code."""
    other = find_project(code)
    if other is not None and other.id != project_id:
        raise ValidationFailed({"code": [str(_TAKEN)]})


def create_project(data: ProjectInput, *, actor: User | None = None) -> Project:
    """Add a project after checking every field."""
    values = _check(data)
    with guarded_write("code", _TAKEN):
        _ensure_free(values["code"])
        project = Project(**values)
        db.session.add(project)
        db.session.flush()
        audit.record("project.create", actor=actor, project=project, target=project.code)
    return project


def update_project(project: Project, data: ProjectInput, *, actor: User | None = None) -> Project:
    """Change a project's fields (its code too, if the new one is free)."""
    values = _check(data)
    with guarded_write("code", _TAKEN):
        _ensure_free(values["code"], project.id)
        changed = sorted(name for name, value in values.items() if getattr(project, name) != value)
        for name, value in values.items():
            setattr(project, name, value)
        if changed:
            audit.record("project.update", actor=actor, project=project, target=project.code,
                         details={"fields": changed})
    return project

