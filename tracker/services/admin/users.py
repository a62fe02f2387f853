"""Admin operations on accounts (create, edit, enable, admin rights, password) and overview counts."""
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import ObjectDeletedError, StaleDataError

from tracker.database import write_transaction
from tracker.extensions import db
from tracker.models import Factor, Membership, Organisation, Project, User
from tracker.models.user import new_session_token
from tracker.services import audit
from tracker.services.accounts import sessions
from tracker.services.accounts import users as accounts
from tracker.services.accounts.passwords import password_problem
from tracker.services.errors import NotFound, ValidationFailed

EMAIL_MAX = 254
USER_NAME_MAX = 120
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


class Problems:
    """Collects field → messages while checking input; `raise_if_any` ends the check."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message) -> None:
        """Record one message (lazy strings are rendered now)."""
        self.errors.setdefault(field, []).append(str(message))

    def raise_if_any(self) -> None:
        """Raise ValidationFailed when anything was recorded."""
        if self.errors:
            raise ValidationFailed(self.errors)


@contextmanager
def guarded_write(field: str, message) -> Iterator[None]:
    """A write transaction whose races never become a 500: a unique-constraint clash is a
    field error, a row someone else removed meanwhile is NotFound."""
    try:
        with write_transaction():
            yield
    except IntegrityError:
        raise ValidationFailed({field: [str(message)]}) from None
    except (StaleDataError, ObjectDeletedError):
        raise NotFound() from None


def clean(value: str | None) -> str:
    """Trim a text input (None becomes "")."""
    return (value or "").strip()


@dataclass(frozen=True)
class Overview:
    """Counts shown on the admin home page."""

    organisations: int
    users: int
    users_enabled: int
    admins: int
    projects: int
    projects_active: int
    memberships: int
    factors: int
    factors_active: int


def overview() -> Overview:
    """Count what the admin area manages."""
    def count(model, *where) -> int:
        """Rows of a model matching the conditions."""
        return db.session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()

    return Overview(
        organisations=count(Organisation),
        users=count(User), users_enabled=count(User, User.is_enabled.is_(True)),
        admins=count(User, User.is_admin.is_(True), User.is_enabled.is_(True)),
        projects=count(Project), projects_active=count(Project, Project.is_active.is_(True)),
        memberships=count(Membership),
        factors=count(Factor), factors_active=count(Factor, Factor.is_active.is_(True)),
    )


def all_users() -> list[User]:
    """Every account, by name."""
    return list(db.session.execute(select(User).order_by(func.lower(User.name), User.email)).scalars())


def get_user(user_id: int) -> User:
    """The account with this id, or NotFound."""
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound()
    return user


def memberships_of(user: User) -> list[Membership]:
    """The user's seats on projects, by project code."""
    return list(db.session.execute(select(Membership).join(Project).where(
        Membership.user_id == user.id).order_by(Project.code)).scalars())


def _check_identity(problems: Problems, email: str, name: str) -> None:
    """E-mail address and name rules shared by create and edit."""
    if not email:
        problems.add("email", _l("Enter an e-mail address."))
    elif len(email) > EMAIL_MAX or not _EMAIL.match(email):
        problems.add("email", _l("Enter a valid e-mail address, like name@example.org."))
    if not name:
        problems.add("name", _l("Enter a name."))
    elif len(name) > USER_NAME_MAX:
        problems.add("name", _l("The name can be at most %(n)d characters.", n=USER_NAME_MAX))


def _organisation(problems: Problems, organisation_id: int | None) -> Organisation | None:
    """Load the chosen organisation (None allowed), recording a problem when it is gone."""
    if organisation_id is None:
        return None
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        problems.add("organisation_id", _l("This organisation does not exist."))
    return organisation


def create_account(email: str, name: str, password: str, *, is_admin: bool = False,
                   organisation_id: int | None = None, acting: User | None = None) -> User:
    """Create a user after checking the address, name, organisation and password."""
    email, name = clean(email).lower(), clean(name)
    problems = Problems()
    _check_identity(problems, email, name)
    organisation = _organisation(problems, organisation_id)
    if not problems.errors and accounts.find_user(email):
        problems.add("email", _l("An account with this e-mail address exists."))
    problem = password_problem(password or "", (name, email))
    if problem:
        problems.add("password", accounts.PASSWORD_MESSAGES[problem])
    problems.raise_if_any()
    try:
        return accounts.create_user(email, name, password, is_admin=is_admin,
                                    organisation=organisation, actor=acting)
    except IntegrityError:  # someone created the same address a moment ago
        raise ValidationFailed({"email": [str(_l("An account with this e-mail address exists."))]}) from None


def _enabled_admins_besides(user: User) -> int:
    """How many other enabled admins exist."""
    return db.session.execute(select(func.count()).select_from(User).where(
        User.is_admin.is_(True), User.is_enabled.is_(True), User.id != user.id)).scalar_one()


def _check_own_account(problems: Problems, is_admin: bool, is_enabled: bool) -> None:
    """An admin editing their own account must not lock themselves out."""
    if not is_admin:
        problems.add("is_admin", _l("You cannot remove your own admin rights."))
    if not is_enabled:
        problems.add("is_enabled", _l("You cannot disable your own account."))


def update_account(user: User, *, email: str, name: str, organisation_id: int | None,
                   is_admin: bool, is_enabled: bool, acting: User | None = None) -> User:
    """Edit a user's details and flags; refuses to lock out the acting or the last admin."""
    email, name = clean(email).lower(), clean(name)
    problems = Problems()
    _check_identity(problems, email, name)
    organisation = _organisation(problems, organisation_id)
    if acting is not None and acting.id == user.id:
        _check_own_account(problems, is_admin, is_enabled)
    problems.raise_if_any()
    taken = _l("An account with this e-mail address exists.")
    with guarded_write("email", taken):
        other = accounts.find_user(email)
        if other is not None and other.id != user.id:
            raise ValidationFailed({"email": [str(taken)]})
        if user.is_admin and user.is_enabled and not (is_admin and is_enabled) \
                and _enabled_admins_besides(user) == 0:
            raise ValidationFailed({"is_admin": [str(_l("At least one enabled admin must remain."))]})
        if user.is_enabled and not is_enabled:
            user.session_token = new_session_token()  # a disabled account loses its sessions now
            sessions.end_others(user)
        before = _account_state(user)
        user.email, user.name = email, name
        user.organisation_id = organisation.id if organisation else None
        user.is_admin, user.is_enabled = is_admin, is_enabled
        _audit_account_changes(user, before, acting)
    return user


def _account_state(user: User) -> dict:
    """The audited fields of an account."""
    return {"email": user.email, "name": user.name, "organisation_id": user.organisation_id,
            "is_admin": bool(user.is_admin), "is_enabled": bool(user.is_enabled)}


def _audit_account_changes(user: User, before: dict, acting: User | None) -> None:
    """One audit entry per permission change, one for the other changed details."""
    after = _account_state(user)
    if before["is_admin"] != after["is_admin"]:
        audit.record("user.admin_granted" if after["is_admin"] else "user.admin_revoked",
                     actor=acting, target=user.email, details={"user_id": user.id})
    if before["is_enabled"] != after["is_enabled"]:
        audit.record("user.enabled" if after["is_enabled"] else "user.disabled",
                     actor=acting, target=user.email, details={"user_id": user.id})
    changes = {k: [before[k], after[k]] for k in ("email", "name", "organisation_id")
               if before[k] != after[k]}
    if changes:
        audit.record("user.update", actor=acting, target=user.email,
                     details={"user_id": user.id, "changes": changes})


def set_account_password(user: User, password: str, acting: User | None = None) -> None:
    """An admin sets a user's password; the user's sessions end. One's own needs the current one."""
    if acting is not None and acting.id == user.id:
        raise ValidationFailed({"password": [str(_l(
            "Change your own password on your account page: it asks for your current password."))]})
    accounts.set_password(user, password or "", actor=acting)
