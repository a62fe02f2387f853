"""Multi-factor sign-in with TOTP (authenticator apps) and one-time recovery codes.

Who must use it: admins always unless the deployment says ``none`` (``MFA_REQUIRED``:
``admins`` | ``all`` | ``none``), everyone with ``all``, and everyone of an organisation that
requires it. A code is accepted once (the 30-second step is remembered) and one step either side
of now, for clocks that drift. Setting up, switching off or resetting ends the other sessions.
"""
import secrets
import time

import pyotp
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from tracker.database import write_transaction
from tracker.extensions import db
from tracker.models import User
from tracker.models.base import utcnow
from tracker.models.sign_in import RecoveryCode
from tracker.services import audit
from tracker.services.accounts import sessions
from tracker.services.accounts.passwords import hash_password, verify_password
from tracker.services.errors import ValidationFailed

ISSUER = "Tracker"
RECOVERY_CODES = 10
_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off paper without doubt


def required_for(user: User) -> bool:
    """Whether this person must sign in with a second factor."""
    policy = current_app.config.get("MFA_REQUIRED", "admins")
    if policy == "all" or (policy == "admins" and user.is_admin):
        return True
    return bool(user.organisation_id is not None and user.organisation.mfa_required)


def is_enabled(user: User) -> bool:
    """Whether the person has set up an authenticator app."""
    return bool(user.totp_secret)


def must_enrol(user: User) -> bool:
    """Required but not set up yet: the person may only set it up (or sign out)."""
    return not is_enabled(user) and required_for(user)


def new_secret() -> str:
    """A fresh base32 TOTP secret (160 bits)."""
    return pyotp.random_base32(32)


def provisioning_uri(user: User, secret: str) -> str:
    """The otpauth:// URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def _hash_code(code: str) -> str:
    """Recovery codes carry ~50 bits: stored with the password hash (argon2id, salted), not a plain digest."""
    return hash_password(code, fast=current_app.config.get("PASSWORD_HASH_FAST", False))


def _normalise(code: str) -> str:
    return "".join(ch for ch in (code or "").lower() if ch.isalnum())


def _totp_step(secret: str, code: str) -> int | None:
    """The time step this 6-digit code belongs to (now or one step either side), or None."""
    code = _normalise(code)
    if len(code) != 6 or not code.isdigit():
        return None
    totp, now = pyotp.TOTP(secret), time.time()
    for offset in (0, -1, 1):
        moment = now + offset * totp.interval
        if secrets.compare_digest(totp.at(moment), code):
            return int(moment // totp.interval)
    return None


def _new_codes(user: User) -> list[str]:
    """Replace the person's recovery codes (inside the caller's transaction); the plain codes, once."""
    codes = ["-".join("".join(secrets.choice(_CODE_ALPHABET) for _ in range(5)) for _ in range(2))
             for _ in range(RECOVERY_CODES)]
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=_hash_code(_normalise(c))) for c in codes)
    return codes


def enable(user: User, secret: str, code: str, keep_session: str | None) -> list[str]:
    """Switch on TOTP after the app proved it has the secret; returns the new recovery codes."""
    step = _totp_step(secret, code)
    if step is None:
        raise ValidationFailed({"code": [str(_l("This code is not correct. Check the time on your phone "
                                                "and enter the code the app shows now."))]})
    with write_transaction():
        user.totp_secret, user.totp_last_step = secret, step
        codes = _new_codes(user)
        sessions.end_others(user, keep_session)
        audit.record("mfa.enable", actor=user, target=user.email)
    return codes


def check(user: User, code: str) -> bool:
    """A second-factor code at sign-in: a fresh TOTP code, or an unused recovery code (used up now)."""
    if not is_enabled(user):
        return False
    step = _totp_step(user.totp_secret, code)
    if step is not None:
        if user.totp_last_step is not None and step <= user.totp_last_step:
            return False  # this code (or an older one) was used already
        with write_transaction():
            user.totp_last_step = step
        return True
    normal = _normalise(code)
    if len(normal) != 10:
        return False
    unused = db.session.scalars(select(RecoveryCode).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)))
    row = next((r for r in unused if verify_password(r.code_hash, normal)), None)
    if row is None:
        return False
    with write_transaction():
        row.used_at = utcnow()
        audit.record("mfa.recovery_used", actor=user, target=user.email)
    return True


def remaining_codes(user: User) -> int:
    """How many recovery codes the person has left."""
    return len(db.session.scalars(select(RecoveryCode.id).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))).all())


def renew_codes(user: User, code: str) -> list[str]:
    """New recovery codes (the old ones stop working), after a current code."""
    if not check(user, code):
        raise ValidationFailed({"code": [str(_l("This code is not correct."))]})
    with write_transaction():
        return _new_codes(user)


def _switch_off(user: User) -> None:
    """Forget the secret and the recovery codes (inside the caller's transaction)."""
    user.totp_secret, user.totp_last_step = None, None
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))


def disable(user: User, code: str, keep_session: str | None) -> None:
    """The person switches it off with a current code (not when it is required for them)."""
    if required_for(user):
        raise ValidationFailed({"code": [str(_l("Two-step login is required for your account."))]})
    if not check(user, code):
        raise ValidationFailed({"code": [str(_l("This code is not correct."))]})
    with write_transaction():
        _switch_off(user)
        sessions.end_others(user, keep_session)
        audit.record("mfa.disable", actor=user, target=user.email)


def reset(user: User, actor: User) -> None:
    """An admin resets someone's second factor (lost phone): all their sessions end; audited."""
    with write_transaction():
        _switch_off(user)
        sessions.end_others(user)
        audit.record("mfa.reset", actor=actor, target=user.email, details={"user_id": user.id})
