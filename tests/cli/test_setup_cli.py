"""`flask tracker create-org | create-user | create-project | add-member`."""
from datetime import date

import pytest
from sqlalchemy import func, select

from tests.factories import PASSWORD, make_org, make_project, make_user
from tracker.extensions import db
from tracker.models import Membership, Organisation, Project, User
from tracker.services.accounts.passwords import verify_password


def run(runner, *args, input=None):
    """Invoke `flask tracker …` and return the result."""
    return runner.invoke(args=["tracker", *args], input=input)


def fresh(query):
    """Read in a new transaction: the command committed in its own session."""
    db.session.rollback()
    return db.session.execute(query)


def count(model, *where) -> int:
    return fresh(select(func.count()).select_from(model).where(*where)).scalar_one()


def assert_refused(result, *fragments) -> None:
    """Non-zero exit, every fragment on stderr, no success line."""
    assert result.exit_code != 0, result.output
    for fragment in fragments:
        assert fragment in result.stderr, result.output
    assert "Created" not in result.stdout and "Added" not in result.stdout


# create-org --------------------------------------------------------------------------------

def test_create_org(runner):
    result = run(runner, "create-org", "  Rijkswaterstaat ")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Created organisation 'Rijkswaterstaat' (id 1).\n"
    assert count(Organisation, Organisation.name == "Rijkswaterstaat") == 1


@pytest.mark.parametrize("name, message", [("", "Enter the organisation's name"),
                                           ("x" * 121, "at most 120"),
                                           ("existing org", "exists")])
def test_create_org_refusals(runner, name, message):
    make_org("Existing Org")
    result = run(runner, "create-org", name)
    assert_refused(result, "Error: name:", message)
    assert count(Organisation) == 1


def test_create_org_needs_a_name(runner):
    assert_refused(run(runner, "create-org"), "Missing argument 'NAME'")
    assert count(Organisation) == 0


# create-user -------------------------------------------------------------------------------

def test_create_user_with_prompt(runner):
    make_org("RWS")
    result = run(runner, "create-user", "Ann@Example.org", "--name", "Ann", "--admin", "--org", "rws",
                 input="a decent passphrase\na decent passphrase\n")
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "Created admin ann@example.org (id 1)."
    assert "a decent passphrase" not in result.output  # the prompt hides it
    user = fresh(select(User)).scalar_one()
    assert user.is_admin and user.organisation.name == "RWS"
    assert verify_password(user.password_hash, "a decent passphrase")


def test_create_user_with_password_stdin(runner):
    result = run(runner, "create-user", "bob@example.org", "--name", "Bob", "--password-stdin",
                 input="stdin passphrase 1\nignored second line\n")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Created user bob@example.org (id 1).\n"
    user = fresh(select(User)).scalar_one()
    assert not user.is_admin and user.organisation_id is None
    assert verify_password(user.password_hash, "stdin passphrase 1")


@pytest.mark.parametrize("args, stdin, fragments", [
    (["not-an-email", "--name", "X"], PASSWORD, ["email:", "valid e-mail"]),
    (["taken@example.org", "--name", "X"], PASSWORD, ["email:", "exists"]),
    (["x@example.org", "--name", " "], PASSWORD, ["name:", "Enter a name"]),
    (["x@example.org", "--name", "X"], "short", ["password:", "at least 10"]),
    (["x@example.org", "--name", "X"], "", ["no password on stdin"]),
    (["x@example.org", "--name", "X", "--org", "Nowhere"], PASSWORD, ["--org", "unknown organisation"]),
    (["x@example.org"], PASSWORD, ["Missing option '--name'"]),
])
def test_create_user_refusals(runner, args, stdin, fragments):
    make_user("taken@example.org")
    result = run(runner, "create-user", *args, "--password-stdin", input=stdin + "\n" if stdin else "")
    assert_refused(result, *fragments)
    assert count(User) == 1


def test_create_user_prompt_confirmation_must_match(runner):
    result = run(runner, "create-user", "x@example.org", "--name", "X",
                 input="a decent passphrase\nanother passphrase\n")
    assert result.exit_code != 0
    assert "do not match" in result.output and "Aborted" in result.stderr  # click re-prompts, then input ends
    assert count(User) == 0


# create-project ----------------------------------------------------------------------------

@pytest.fixture
def orgs():
    return make_org("Rijkswaterstaat"), make_org("BAM Infra")


def test_create_project(runner, orgs):
    result = run(runner, "create-project", "a12-north", "--name", "A12 widening", "--client", "rijkswaterstaat",
                 "--contractor", "BAM Infra", "--contract-form", "uav_gc", "--start", "2025-02-01",
                 "--description", "Road works")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Created project A12-NORTH (id 1).\n"
    project = fresh(select(Project)).scalar_one()
    assert (project.name, project.contract_form.value, project.start_date, project.description) == \
        ("A12 widening", "uav_gc", date(2025, 2, 1), "Road works")
    assert (project.client_org_id, project.contractor_org_id) == (orgs[0].id, orgs[1].id)


def test_create_project_defaults(runner, orgs):
    result = run(runner, "create-project", "N33", "--name", "N33", "--client", "Rijkswaterstaat",
                 "--contractor", "BAM Infra")
    assert result.exit_code == 0, result.output
    project = fresh(select(Project)).scalar_one()
    assert project.start_date == date.today() and project.contract_form.value == "other"


@pytest.mark.parametrize("args, fragments", [
    (["A", "--name", "N"], ["code:", "2 to 32"]),
    (["A 12", "--name", "N"], ["code:", "2 to 32"]),
    (["EXISTING", "--name", "N"], ["code:", "exists"]),
    (["B1", "--name", ""], ["name:", "Enter the project's name"]),
    (["B1", "--name", "N", "--contract-form", "handshake"], ["Invalid value for '--contract-form'"]),
    (["B1", "--name", "N", "--start", "01-02-2025"], ["Invalid value for '--start'"]),
    (["B1", "--name", "N", "--start", "1850-01-01"], ["--start:", "between 1990 and 2100"]),
])
def test_create_project_refusals(runner, orgs, args, fragments):
    make_project("EXISTING", client_org=orgs[0], contractor_org=orgs[1])
    result = run(runner, "create-project", *args, "--client", "Rijkswaterstaat", "--contractor", "BAM Infra")
    assert_refused(result, *fragments)
    assert count(Project) == 1


@pytest.mark.parametrize("client, contractor, fragments", [
    ("Nowhere", "BAM Infra", ["--client", "unknown organisation 'Nowhere'"]),
    ("Rijkswaterstaat", "Nobody", ["--contractor", "unknown organisation 'Nobody'"]),
    ("Rijkswaterstaat", "rijkswaterstaat", ["--contractor:", "another organisation"]),
])
def test_create_project_organisation_refusals(runner, orgs, client, contractor, fragments):
    result = run(runner, "create-project", "B1", "--name", "N", "--client", client, "--contractor", contractor)
    assert_refused(result, *fragments)
    assert count(Project) == 0


# add-member --------------------------------------------------------------------------------

def test_add_member(runner):
    make_project("A12")
    make_user("ann@example.org")
    result = run(runner, "add-member", "a12", "ANN@example.org", "--side", "contractor", "--role", "manager")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Added ann@example.org to A12 as contractor manager.\n"
    membership = fresh(select(Membership)).scalar_one()
    assert (membership.side.value, membership.role.value) == ("contractor", "manager")


@pytest.mark.parametrize("args, fragments", [
    (["NOPE", "ann@example.org", "--side", "client", "--role", "member"], ["No project with code 'NOPE'"]),
    (["A12", "ghost@example.org", "--side", "client", "--role", "member"], ["email:", "no user"]),
    (["A12", "member@example.org", "--side", "coach", "--role", "member"], ["email:", "already a member"]),
    (["A12", "ann@example.org", "--side", "referee", "--role", "member"], ["Invalid value for '--side'"]),
    (["A12", "ann@example.org", "--side", "client", "--role", "boss"], ["Invalid value for '--role'"]),
    (["A12", "ann@example.org", "--role", "member"], ["Missing option '--side'"]),
])
def test_add_member_refusals(runner, args, fragments):
    project = make_project("A12")
    make_user("ann@example.org")
    member = make_user("member@example.org")
    db.session.add(Membership(project=project, user=member, side="client", role="member"))
    db.session.commit()
    result = run(runner, "add-member", *args)
    assert_refused(result, *fragments)
    assert count(Membership) == 1
