"""Commands that set up organisations, users, projects and memberships (thin wrappers over services)."""
import functools
import sys
from datetime import date

import click

from tracker.cli import project_named, tracker_cli
from tracker.models import ContractForm, MemberRole, MemberSide
from tracker.services.admin import memberships, organisations, projects
from tracker.services.admin import users as admin
from tracker.services.errors import ValidationFailed


def _service_call(func):
    """Run a command, turning service failures into clean errors."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return _reporting(func, *args, **kwargs)
    return wrapper


# Service field names as the command line spells them.
_OPTION_NAMES = {"client_org_id": "--client", "contractor_org_id": "--contractor",
                 "start_date": "--start", "contract_form": "--contract-form",
                 "description": "--description", "organisation_id": "--org"}


def _reporting(func, *args, **kwargs):
    """Call the command, turning ValidationFailed into one readable error line per field."""
    try:
        return func(*args, **kwargs)
    except ValidationFailed as error:
        parts = [f"{_OPTION_NAMES.get(name, name)}: {' '.join(messages)}"
                 for name, messages in error.errors.items()]
        raise click.ClickException("; ".join(parts)) from None


def _organisation(name: str, option: str):
    """The organisation with this name, or a clear error."""
    organisation = organisations.find_organisation(name)
    if organisation is None:
        raise click.ClickException(f"{option}: unknown organisation {name!r} "
                                   "(create it with `flask tracker create-org`).")
    return organisation


def _read_password(from_stdin: bool) -> str:
    """One line from stdin, or a hidden prompt asked twice."""
    if from_stdin:
        line = sys.stdin.readline()
        if not line:
            raise click.ClickException("password: no password on stdin.")
        return line.rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@tracker_cli.command("create-org")
@click.argument("name")
@_service_call
def create_org(name: str) -> None:
    """Create an organisation called NAME."""
    organisation = organisations.create_organisation(name)
    click.echo(f"Created organisation {organisation.name!r} (id {organisation.id}).")


@tracker_cli.command("create-user")
@click.argument("email")
@click.option("--name", required=True, help="The person's full name.")
@click.option("--admin", "is_admin", is_flag=True, help="Make the user an administrator.")
@click.option("--org", "org_name", help="Name of the organisation the user belongs to.")
@click.option("--password-stdin", is_flag=True, help="Read the password as one line from stdin.")
@_service_call
def create_user(email: str, name: str, is_admin: bool, org_name: str | None,
                password_stdin: bool) -> None:
    """Create a user who logs in with EMAIL."""
    organisation = _organisation(org_name, "--org") if org_name is not None else None
    password = _read_password(password_stdin)
    user = admin.create_account(email, name, password, is_admin=is_admin,
                                organisation_id=organisation.id if organisation else None)
    role = "admin" if user.is_admin else "user"
    click.echo(f"Created {role} {user.email} (id {user.id}).")


@tracker_cli.command("create-project")
@click.argument("code")
@click.option("--name", required=True, help="The project's name.")
@click.option("--client", "client", required=True, help="Name of the client organisation.")
@click.option("--contractor", "contractor", required=True, help="Name of the contractor organisation.")
@click.option("--contract-form", type=click.Choice([c.value for c in ContractForm]),
              default=ContractForm.OTHER.value, show_default=True)
@click.option("--start", "start", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Start date, YYYY-MM-DD (default: today).")
@click.option("--description", default="", help="A short description.")
@_service_call
def create_project(code: str, name: str, client: str, contractor: str, contract_form: str,
                   start, description: str) -> None:
    """Create the project CODE between a client and a contractor organisation."""
    data = projects.ProjectInput(
        code=code, name=name, description=description, contract_form=contract_form,
        client_org_id=_organisation(client, "--client").id,
        contractor_org_id=_organisation(contractor, "--contractor").id,
        start_date=start.date() if start else date.today())
    project = projects.create_project(data)
    click.echo(f"Created project {project.code} (id {project.id}).")


@tracker_cli.command("add-member")
@click.argument("code")
@click.argument("email")
@click.option("--side", required=True, type=click.Choice([s.value for s in MemberSide]))
@click.option("--role", required=True, type=click.Choice([r.value for r in MemberRole]))
@_service_call
def add_member(code: str, email: str, side: str, role: str) -> None:
    """Give the user EMAIL a seat on project CODE."""
    project = project_named(code)
    membership = memberships.add_member(project, email, side, role)
    click.echo(f"Added {membership.user.email} to {project.code} as {side} {role}.")
