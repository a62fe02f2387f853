"""The in-app inbox: a person's notifications, read or not."""
from sqlalchemy import func, select, update

from tracker.database import write_transaction
from tracker.extensions import db
from tracker.models import Notification, User
from tracker.models.base import utcnow
from tracker.services.errors import NotFound

SHOWN = 100


def unread_count(user: User) -> int:
    """How many of the person's notifications are unread."""
    return db.session.execute(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))).scalar_one()


def latest(user: User) -> list[Notification]:
    """The person's newest notifications."""
    return list(db.session.execute(select(Notification).where(Notification.user_id == user.id)
                                   .order_by(Notification.id.desc()).limit(SHOWN)).scalars())


def mark_read(user: User) -> None:
    """Mark all the person's notifications read."""
    with write_transaction():
        db.session.execute(update(Notification).where(Notification.user_id == user.id,
                                                      Notification.read_at.is_(None))
                           .values(read_at=utcnow()))


def open_note(user: User, note_id: int) -> str:
    """Mark one of the person's notifications read and return its link (NotFound for others')."""
    with write_transaction():
        note = db.session.execute(select(Notification).where(
            Notification.id == note_id, Notification.user_id == user.id)).scalar_one_or_none()
        if note is None:
            raise NotFound()
        note.read_at = note.read_at or utcnow()
        link = note.link
    return link
