"""User accounts and their login state."""
import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db
from tracker.models.base import utcnow
from tracker.models.organisation import Organisation


def new_session_token() -> str:
    """A fresh random token; changing it logs out every existing session."""
    return secrets.token_urlsafe(32)


class User(UserMixin, db.Model):
    """A person who can log in."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    is_admin: Mapped[bool] = mapped_column(default=False)
    is_enabled: Mapped[bool] = mapped_column(default=True)
    # Flask-Login's alternative id: rotating it revokes every cookie issued before.
    session_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_session_token)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    locale: Mapped[str | None] = mapped_column(String(5))
    # TOTP (RFC 6238) secret in base32 once multi-factor sign-in is set up, else None.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    # The last 30-second step a code was accepted for: a code works once.
    totp_last_step: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation | None] = relationship()

    def get_id(self) -> str:
        """Flask-Login stores this token, not the primary key, in the session."""
        return self.session_token

    @property
    def is_active(self) -> bool:  # Flask-Login refuses disabled accounts
        return self.is_enabled

    def __repr__(self) -> str:
        return f"<User {self.email!r}>"
