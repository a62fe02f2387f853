"""Accounts: creating users, logging in with throttling, changing passwords."""
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from tracker.database import write_transaction
from tracker.extensions import db
from tracker.models import Organisation, User
from tracker.models.user import new_session_token
from tracker.services import audit
from tracker.services.accounts import sessions, throttle
from tracker.services.accounts.passwords import dummy_hash, hash_password, password_problem, verify_password
from tracker.services.errors import ValidationFailed
from tracker.services.notify.compose import MailContent, greeting, queue_user_mail
from tracker.services.notify.links import absolute_url

PASSWORD_MESSAGES = {
    "too_short": _l("Use at least 10 characters."),
    "too_long": _l("Use at most 200 characters."),
    "common": _l("This password is on the list of the most used passwords. Choose another one."),
    "guessable": _l("This password is easy to guess (a common word, pattern, or your own name or "
                    "e-mail address). A few unrelated words together work well."),
}


@dataclass(frozen=True)
class LoginResult:
    """Outcome of a login attempt: the user, or how long to wait."""

    user: User | None
    wait_seconds: int = 0
    sso_only: bool = False  # the password was right, but the organisation signs in through its provider


def _fast() -> bool:
    """Tests hash cheaply (same algorithm)."""
    return current_app.config.get("PASSWORD_HASH_FAST", False)


def _hash(password: str) -> str:
    """Hash with the configured cost."""
    return hash_password(password, fast=_fast())


def find_user(email: str) -> User | None:
    """The user with this e-mail address (case-insensitive)."""
    return db.session.execute(
        select(User).where(func.lower(User.email) == email.strip().lower())).scalar_one_or_none()


def check_new_password(password: str, *context: str) -> None:
    """Raise ValidationFailed when a new password is too weak for the person (name, e-mail) in context."""
    problem = password_problem(password, context)
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
    check_new_password(password, name, email)
    with write_transaction():
        user = User(email=email, name=name.strip(), password_hash=_hash(password),
                    is_admin=is_admin, organisation_id=organisation.id if organisation else None)
        db.session.add(user)
        db.session.flush()
        audit.record("user.create", actor=actor, target=email,
                     details={"user_id": user.id, "is_admin": bool(is_admin)})
    return user


def authenticate(email: str, password: str, address: str | None = None) -> LoginResult:
    """Check credentials; failures slow down per account and client address.

    Unknown and known accounts cost the same: one password verification and one audit entry,
    and both get the same answers (also the slow-down). Every attempt lands in the audit log
    with the address tried (never the password).
    """
    tried = (email or "").strip()
    wait = throttle.wait_seconds(tried, address)
    if wait:
        audit.record_alone("login.failed", actor=None, target=tried,
                           details={"reason": "throttled", "wait_seconds": wait})
        return LoginResult(None, wait_seconds=wait)
    user = find_user(tried)
    stored = user.password_hash if user is not None else dummy_hash(_fast())
    matches = verify_password(stored, password)
    if user is not None and matches and user.is_enabled and user.organisation and user.organisation.sso_only:
        audit.record_alone("login.failed", actor=user, target=tried, details={"reason": "sso_only"})
        return LoginResult(None, sso_only=True)
    if user is not None and matches and user.is_enabled:
        throttle.clear(tried, address)
        audit.record_alone("login.success", actor=user, target=tried)
        return LoginResult(user)
    reason = "unknown_account" if user is None else "wrong_password" if not matches else "account_disabled"
    audit.record_alone("login.failed", actor=user, target=tried, details={"reason": reason})
    if throttle.record_failure(tried, address) and user is not None:
        report_failure_burst(user)
    return LoginResult(None)


def report_failure_burst(user: User) -> None:
    """Many failed sign-ins on this account in a short time: note it for the admins (audit log) and
    tell the owner by mail, in the same transaction, so they hear of it once per burst."""
    with write_transaction():
        audit.record("login.failure_burst", actor=None, target=user.email,
                     details={"user_id": user.id, "limit": current_app.config["LOGIN_BURST_LIMIT"]})
        queue_user_mail(user, "login_failures", lambda: _failure_burst_mail(user))


def _failure_burst_mail(user: User) -> MailContent:
    """The mail telling an account's owner of a burst of failed sign-ins (built in their language)."""
    return MailContent(
        subject=_("Several failed sign-ins on your Tracker account"), greeting=greeting(user),
        intro=[_("Someone tried to sign in to your account with a wrong password several times in a short "
                 "time. If that was you, there is nothing to do."),
               _("If it was not you, choose a new password, and consider setting up two-step login on your "
                 "account page.")],
        action_label=_("Choose a new password"), action_url=absolute_url("welcome.forgot"))


def revoke_sessions(user: User) -> None:
    """Rotate the session token so every cookie issued before stops working."""
    with write_transaction():
        user.session_token = new_session_token()


def log_out(user: User, session_id: str | None) -> None:
    """Sign out this browser: its server-side session ends (a copied cookie stops working)."""
    with write_transaction():
        sessions.end_by_id(session_id)
        audit.record("logout", actor=user, target=user.email)


def change_password(user: User, current: str, new: str, keep_session: str | None = None) -> None:
    """Change the password after checking the current one; every other session ends."""
    if not verify_password(user.password_hash, current):
        raise ValidationFailed({"current_password": [str(_l("The current password is not correct."))]})
    check_new_password(new, user.name, user.email)
    with write_transaction():
        store_password(user, new, keep_session)
        audit.record("password.change", actor=user, target=user.email)


def set_password(user: User, new: str, *, actor: User | None = None) -> None:
    """An admin (or the CLI, actor None) sets a password; the user's sessions are revoked."""
    check_new_password(new, user.name, user.email)
    with write_transaction():
        store_password(user, new)
        audit.record("password.set", actor=actor, target=user.email, details={"user_id": user.id})


def store_password(user: User, new: str, keep_session: str | None = None) -> None:
    """Store a new (checked) password and end every other session (inside the caller's transaction):
    whoever knew the old password is out."""
    user.password_hash = _hash(new)
    user.session_token = new_session_token()
    sessions.end_others(user, keep_session)


def set_locale(user: User, locale: str) -> None:
    """Remember the user's language."""
    with write_transaction():
        user.locale = locale
