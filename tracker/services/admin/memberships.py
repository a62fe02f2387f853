"""Memberships: who has a seat on a project, on which side and in which role."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker.extensions import db
from tracker.models import MemberRole, Membership, MemberSide, Project, User
from tracker.services import audit
from tracker.services.accounts import users as accounts
from tracker.services.admin.users import Problems, clean, guarded_write
from tracker.services.errors import NotFound, ValidationFailed

_TAKEN = _l("This person is already a member of the project.")


def _check_seat(problems: Problems, side: str, role: str) -> None:
    """Side and role must be known values."""
    if side not in {s.value for s in MemberSide}:
        problems.add("side", _l("Choose client, contractor or coach."))
    if role not in {r.value for r in MemberRole}:
        problems.add("role", _l("Choose manager or member."))


def crossed_seat(membership: Membership) -> bool:
    """True when the member belongs to the other party's organisation than the side they sit on."""
    project, org_id = membership.project or db.session.get(Project, membership.project_id), \
        membership.user.organisation_id
    if org_id is None or membership.side == MemberSide.COACH:
        return False
    other = project.contractor_org_id if membership.side == MemberSide.CLIENT else project.client_org_id
    return org_id == other


def get_membership(project: Project, membership_id: int) -> Membership:
    """A membership of this project, or NotFound (never another project's)."""
    membership = db.session.execute(select(Membership).where(
        Membership.id == membership_id, Membership.project_id == project.id)).scalar_one_or_none()
    if membership is None:
        raise NotFound()
    return membership


def candidates(project: Project) -> list[User]:
    """Enabled users who have no seat on the project yet (suggestions for the add form)."""
    seated = select(Membership.user_id).where(Membership.project_id == project.id)
    return list(db.session.execute(select(User).where(
        User.is_enabled.is_(True), User.id.not_in(seated)).order_by(User.email)).scalars())


def add_member(project: Project, email: str, side: str, role: str, *,
               actor: User | None = None) -> Membership:
    """Give the user with this e-mail address a seat on the project."""
    problems = Problems()
    email = clean(email)
    user = accounts.find_user(email) if email else None
    if not email:
        problems.add("email", _l("Enter the e-mail address of an existing user."))
    elif user is None:
        problems.add("email", _l("There is no user with this e-mail address."))
    _check_seat(problems, side, role)
    problems.raise_if_any()
    with guarded_write("email", _TAKEN):
        exists = db.session.execute(select(Membership.id).where(
            Membership.project_id == project.id, Membership.user_id == user.id)).first()
        if exists:
            raise ValidationFailed({"email": [str(_TAKEN)]})
        membership = Membership(project_id=project.id, user_id=user.id,
                                side=MemberSide(side), role=MemberRole(role))
        db.session.add(membership)
        audit.record("membership.add", actor=actor, project=project, target=user.email,
                     details={"side": side, "role": role})
    return membership


def change_membership(membership: Membership, side: str, role: str, *,
                      actor: User | None = None) -> Membership:
    """Move a member to another side or role."""
    problems = Problems()
    _check_seat(problems, side, role)
    problems.raise_if_any()
    with guarded_write("side", _l("The membership could not be changed; reload and try again.")):
        before = {"side": membership.side.value, "role": membership.role.value}
        membership.side, membership.role = MemberSide(side), MemberRole(role)
        audit.record("membership.change", actor=actor, project=membership.project,
                     target=membership.user.email,
                     details={k: [before[k], v] for k, v in (("side", side), ("role", role))})
    return membership


def remove_membership(membership: Membership, *, actor: User | None = None) -> None:
    """Take a member off the project (the events they logged stay)."""
    with guarded_write("membership", _l("The membership could not be removed; reload and try again.")):
        audit.record("membership.remove", actor=actor, project=membership.project,
                     target=membership.user.email,
                     details={"side": membership.side.value, "role": membership.role.value})
        db.session.delete(membership)
