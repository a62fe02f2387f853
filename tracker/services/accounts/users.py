"""Accounts: creating users, logging in with throttling, changing passwords."""
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from tracker.database import write_transaction
from tracker.extensions import db
from tracker.models import Organisation, User
from tracker.models.base import utcnow
from tracker.models.user import new_session_token
from tracker.services import audit
from tracker.services.accounts.passwords import hash_password, password_problem, verify_password
from tracker.services.errors import ValidationFailed

PASSWORD_MESSAGES = {
    "too_short": _l("Use at least 10 characters."),
    "too_simple": _l("Use a less predictable password."),
}


@dataclass(frozen=True)
class LoginResult:
    """Outcome of a login attempt: the user, or how long to wait."""

    user: User | None
    wait_seconds: int = 0


def _hash(password: str) -> str:
    """Hash with the configured cost."""
    return hash_password(password, fast=current_app.config.get("PASSWORD_HASH_FAST", False))


def find_user(email: str) -> User | None:
    """The user with this e-mail address (case-insensitive)."""
    return db.session.execute(
        select(User).where(func.lower(User.email) == email.strip().lower())).scalar_one_or_none()


def check_new_password(password: str) -> None:
    """Raise ValidationFailed when a new password is too weak."""
    problem = password_problem(password)
    if problem:
        raise ValidationFailed({"password": [str(PASSWORD_MESSAGES[problem])]})


def create_user(email: str, name: str, password: str, *, is_admin: bool = False,
                organisation: Organisation | None = None, actor: User | None = None) -> User:
    """Create an account; ValidationFailed for a taken address or weak password."""
    email = email.strip().lower()
    if find_user(email):
        raise ValidationFailed({"email": [str(_l("An account with this e-mail address exists."))]})
    if not name.strip():
        raise ValidationFailed({"name": [str(_l("Enter a name."))]})
    check_new_password(password)
    with write_transaction():
        user = User(email=email, name=name.strip(), password_hash=_hash(password),
                    is_admin=is_admin, organisation_id=organisation.id if organisation else None)
        db.session.add(user)
        db.session.flush()
        audit.record("user.create", actor=actor, target=email,
                     details={"user_id": user.id, "is_admin": bool(is_admin)})
    return user


def _delay_for(user: User, now: datetime) -> int:
    """Seconds the next attempt must wait: doubles per failure past the free attempts."""
    free = current_app.config["LOGIN_FREE_ATTEMPTS"]
    if user.failed_logins < free or user.last_failed_login_at is None:
        return 0
    delay = min(2 ** (user.failed_logins - free + 1), current_app.config["LOGIN_MAX_DELAY_SECONDS"])
    ready_at = user.last_failed_login_at + timedelta(seconds=delay)
    return max(0, int((ready_at - now).total_seconds()) + 1) if ready_at > now else 0


def authenticate(email: str, password: str) -> LoginResult:
    """Check credentials, counting failures per account so guessing slows down.

    Every attempt lands in the audit log with the address tried (never the password).
    """
    tried = (email or "").strip()
    user = find_user(email)
    if user is None:
        verify_password(_hash("timing-equaliser"), password)  # same cost as a real check
        audit.record_alone("login.failed", actor=None, target=tried, details={"reason": "unknown_account"})
        return LoginResult(None)
    now = utcnow()
    wait = _delay_for(user, now)
    if wait:
        audit.record_alone("login.failed", actor=user, target=tried,
                           details={"reason": "throttled", "wait_seconds": wait})
        return LoginResult(None, wait_seconds=wait)
    ok = verify_password(user.password_hash, password) and user.is_enabled
    with write_transaction():
        if ok:
            user.failed_logins = 0
            user.last_failed_login_at = None
            audit.record("login.success", actor=user, target=tried)
        else:
            user.failed_logins += 1
            user.last_failed_login_at = now
            reason = "account_disabled" if not user.is_enabled else "wrong_password"
            audit.record("login.failed", actor=user, target=tried,
                         details={"reason": reason, "failures": user.failed_logins})
    return LoginResult(user if ok else None)


def revoke_sessions(user: User) -> None:
    """Rotate the session token so every cookie issued before stops working."""
    with write_transaction():
        user.session_token = new_session_token()


def log_out(user: User) -> None:
    """Log out everywhere (the session token rotates) and note it in the audit log."""
    with write_transaction():
        user.session_token = new_session_token()
        audit.record("logout", actor=user, target=user.email)


def change_password(user: User, current: str, new: str) -> None:
    """Change the password after checking the current one; revokes other sessions."""
    if not verify_password(user.password_hash, current):
        raise ValidationFailed({"current_password": [str(_l("The current password is not correct."))]})
    check_new_password(new)
    with write_transaction():
        user.password_hash = _hash(new)
        user.session_token = new_session_token()
        audit.record("password.change", actor=user, target=user.email)


def set_password(user: User, new: str, *, actor: User | None = None) -> None:
    """An admin (or the CLI, actor None) sets a password; the user's sessions are revoked."""
    check_new_password(new)
    with write_transaction():
        user.password_hash = _hash(new)
        user.session_token = new_session_token()
        audit.record("password.set", actor=actor, target=user.email, details={"user_id": user.id})


def set_locale(user: User, locale: str) -> None:
    """Remember the user's language."""
    with write_transaction():
        user.locale = locale
