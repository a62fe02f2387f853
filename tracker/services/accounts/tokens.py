"""Personal access tokens: issue one (shown once), find the user behind one, list and revoke them.

A token is `trk_` plus 43 URL-safe characters (256 random bits). Only its sha256 is stored: a
secret that long cannot be guessed from its hash, so a slow password hash would add nothing.
"""
import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.database import write_transaction
from tracker.extensions import db
from tracker.models import User
from tracker.models.api_token import TOKEN_NAME_MAX, ApiToken
from tracker.models.base import utcnow
from tracker.services import audit
from tracker.services.errors import NotFound, ValidationFailed

PREFIX = "trk_"
DEFAULT_DAYS = 90
MAX_DAYS = 366


@dataclass(frozen=True)
class IssuedToken:
    """A new token and its secret, which exists only in this object (never stored)."""

    token: ApiToken
    secret: str


def digest(secret: str) -> str:
    """The stored form of a token secret."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def check_token(name: str, days: int | None) -> dict[str, list[str]]:
    """Field → problems with a new token's name and lifetime."""
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = [str(_l("Give the token a name, such as the tool that will use it."))]
    elif len(name) > TOKEN_NAME_MAX:
        errors["name"] = [str(_l("The name can be at most %(n)d characters.", n=TOKEN_NAME_MAX))]
    if days is None or not 1 <= days <= MAX_DAYS:
        errors["days"] = [str(_l("A token lives from 1 to %(n)d days.", n=MAX_DAYS))]
    return errors


def issue(user: User, name: str, *, write: bool = False, days: int | None = DEFAULT_DAYS) -> IssuedToken:
    """Create a token for ``user``; ValidationFailed for a bad name or lifetime."""
    errors = check_token(name, days)
    if errors:
        raise ValidationFailed(errors)
    secret = PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    with write_transaction():
        token = ApiToken(user_id=user.id, name=name.strip(), token_hash=digest(secret), prefix=secret[:8],
                         can_write=write, created_at=now, expires_at=now + timedelta(days=days))
        db.session.add(token)
        db.session.flush()
        audit.record("token.create", actor=user, target=token.name,
                     details={"token": token.id, "write": write, "days": days})
    return IssuedToken(token, secret)


def authenticate(secret: str) -> ApiToken | None:
    """The usable token with this secret whose user may still log in, or None."""
    if not secret or not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    token = db.session.execute(select(ApiToken).options(selectinload(ApiToken.user))
                               .where(ApiToken.token_hash == digest(secret))).scalar_one_or_none()
    if token is None or not token.is_usable(utcnow()) or not token.user.is_enabled:
        return None
    return token


def tokens_of(user: User) -> list[ApiToken]:
    """The user's tokens, newest first (revoked and expired ones included, marked by the page)."""
    return list(db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)
                                   .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


def active_tokens() -> list[ApiToken]:
    """Every token still usable, for admins: newest first."""
    return list(db.session.scalars(
        select(ApiToken).options(selectinload(ApiToken.user))
        .where(ApiToken.revoked_at.is_(None), ApiToken.expires_at > utcnow())
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


def revoke(token_id: int, actor: User) -> ApiToken:
    """Revoke a token of the actor's own (or any token, for an admin); revoking twice is harmless."""
    with write_transaction():
        token = db.session.get(ApiToken, token_id)
        if token is None:
            raise NotFound()
        if token.user_id != actor.id and not actor.is_admin:
            raise NotFound()  # someone else's token looks exactly like a missing one
        if token.revoked_at is None:
            token.revoked_at, token.revoked_by_id = utcnow(), actor.id
            audit.record("token.revoke", actor=actor, target=token.name,
                         details={"token": token.id, "owner": token.user_id})
    return token


def owned(token_id: int, user: User) -> ApiToken:
    """One of the user's own tokens; NotFound otherwise."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound()
    return token

