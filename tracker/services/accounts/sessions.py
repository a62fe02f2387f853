"""Server-side sign-in sessions: started at every sign-in, listed, ended one by one or all at once.

The browser's cookie (signed by Flask) carries a random session id; the database keeps only its
SHA-256, so a copy of the database opens no session. A session ends when it is ended here, when
it has been idle longer than SESSION_IDLE_TIMEOUT, or when it is older than
PERMANENT_SESSION_LIFETIME, whichever comes first.
"""
import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select

from tracker.database import write_transaction
from tracker.extensions import db
from tracker.models import User
from tracker.models.base import utcnow
from tracker.models.sign_in import UserSession
from tracker.services import audit
from tracker.services.errors import NotFound

TOUCH_EVERY = timedelta(minutes=1)  # last use is stored at most this often


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def _lifetime() -> timedelta:
    return current_app.config["PERMANENT_SESSION_LIFETIME"]


def start(user: User, user_agent: str, address: str | None) -> str:
    """Open a session for a sign-in; returns the new random id for the cookie."""
    session_id = secrets.token_urlsafe(32)
    now = utcnow()
    with write_transaction():
        db.session.execute(delete(UserSession).where(  # sweep this user's expired sessions
            UserSession.user_id == user.id, UserSession.created_at < now - _lifetime()))
        db.session.add(UserSession(user_id=user.id, id_hash=_digest(session_id),
                                   user_agent=(user_agent or "")[:255], address=(address or "")[:45],
                                   created_at=now, last_seen_at=now))
    return session_id


def current(user: User, session_id: str | None, seen_at: datetime | None) -> UserSession | None:
    """The user's live session with this id, or None (unknown, ended, idle too long, too old)."""
    if not session_id:
        return None
    row = db.session.execute(select(UserSession).where(
        UserSession.id_hash == _digest(session_id), UserSession.user_id == user.id)).scalar_one_or_none()
    now = utcnow()
    if row is None or now - row.created_at > _lifetime():
        return None
    last = max(row.last_seen_at, seen_at or row.last_seen_at)
    if now - last > current_app.config["SESSION_IDLE_TIMEOUT"]:
        return None
    return row


def touch(row: UserSession) -> None:
    """Store the last use of a session that just changed something (at most once a minute)."""
    now = utcnow()
    if now - row.last_seen_at >= TOUCH_EVERY:
        with write_transaction():
            row.last_seen_at = now


def of_user(user: User) -> list[UserSession]:
    """The user's sessions that have not expired by age, most recently used first."""
    return list(db.session.scalars(select(UserSession).where(
        UserSession.user_id == user.id, UserSession.created_at >= utcnow() - _lifetime())
        .order_by(UserSession.last_seen_at.desc(), UserSession.id.desc())))


def end(user: User, session_pk: int) -> None:
    """End one of the user's own sessions (NotFound for anyone else's)."""
    row = db.session.get(UserSession, session_pk)
    if row is None or row.user_id != user.id:
        raise NotFound()
    with write_transaction():
        db.session.delete(row)
        audit.record("session.end", actor=user, target=user.email, details={"session": session_pk})


def end_by_id(session_id: str | None) -> None:
    """End the session with this cookie id (inside the caller's transaction); nothing for None."""
    if session_id:
        db.session.execute(delete(UserSession).where(UserSession.id_hash == _digest(session_id)))


def end_others(user: User, keep_id: str | None = None) -> None:
    """End every session of the user except the one with `keep_id` (inside the caller's transaction)."""
    query = delete(UserSession).where(UserSession.user_id == user.id)
    if keep_id:
        query = query.where(UserSession.id_hash != _digest(keep_id))
    db.session.execute(query)
