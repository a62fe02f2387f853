"""Organisations: the parties (client, contractor, consultancy) users belong to."""
from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from tracker.extensions import db
from tracker.models.base import utcnow


class Organisation(db.Model):
    """A party in one or more partnerships."""

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Everyone of this organisation signs in with a second factor (admins always do).
    mfa_required: Mapped[bool] = mapped_column(default=False)
    # Single sign-on with the organisation's OpenID Connect provider (None: not set up).
    sso_issuer: Mapped[str | None] = mapped_column(String(255))
    sso_client_id: Mapped[str | None] = mapped_column(String(255))
    sso_client_secret: Mapped[str | None] = mapped_column(String(255))
    # E-mail domains whose addresses this provider may vouch for, comma-separated ("gemeente.nl,ext.nl").
    sso_domains: Mapped[str] = mapped_column(String(500), default="")
    # Its people log in through the provider only (no password login).
    sso_only: Mapped[bool] = mapped_column(default=False)

    def sso_domain_list(self) -> list[str]:
        """The configured e-mail domains, lower case."""
        return [d.strip().lower() for d in (self.sso_domains or "").split(",") if d.strip()]

    @property
    def has_sso(self) -> bool:
        """Whether single sign-on is configured."""
        return bool(self.sso_issuer and self.sso_client_id)

    def __repr__(self) -> str:
        return f"<Organisation {self.name!r}>"
