"""The audit log: record security-relevant actions and list them for admins.

`record` only adds the entry to the session: call it inside the write transaction of the
change it describes, so the change and its audit line commit together or not at all.
`record_alone` is for actions that change nothing else (a failed login, an export).
"""
from dataclasses import dataclass
from typing import Any

from flask import has_request_context, request
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.database import write_transaction
from tracker.extensions import db
from tracker.models import Project, User
from tracker.models.audit import AuditEntry

TARGET_MAX = 255
ACTIONS = (
    "login.success", "login.failed", "logout", "password.change", "password.set",
    "user.create", "user.update", "user.admin_granted", "user.admin_revoked", "user.enabled",
    "user.disabled", "membership.add", "membership.change", "membership.remove",
    "project.create", "project.update", "factor.add", "factor.update",
    "event.retract", "event.merge", "csv.import", "csv.import_refused", "csv.export", "intervention.remove",
    "login.failure_burst", "session.end", "mfa.enable", "mfa.disable", "mfa.reset", "mfa.recovery_used",
    "organisation.sign_in",
    "ladder.propose", "ladder.accept", "ladder.decline", "ladder.withdraw", "ladder.set",
    "action.create", "action.update",
    "user.invite", "membership.invite", "password.reset_requested", "password.set_by_link",
    "token.create", "token.revoke", "api.event.create", "api.event.edit", "api.event.retract",
    "webhook.create", "webhook.remove", "webhook.enable", "webhook.disabled",
)


def _printable(text: str) -> str:
    """Text safe to store and show: control characters (NUL included) become "?"."""
    return "".join(ch if ch.isprintable() else "?" for ch in text)[:TARGET_MAX]


def _client_ip() -> str | None:
    """The requesting address (after ProxyFix), or None outside a request.

    The one place a service reads the request: it is where an action came from, not input.
    """
    if not has_request_context():
        return None
    return (request.remote_addr or "")[:45] or None


def record(action: str, *, actor: User | None, project: Project | None = None, target: str = "",
           details: dict[str, Any] | None = None) -> AuditEntry:
    """Add an audit entry to the caller's transaction (never a password or other secret)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    entry = AuditEntry(action=action, actor_id=actor.id if actor else None,
                       project_id=project.id if project else None,
                       target=_printable(target or ""), details=details or {}, ip=_client_ip())
    db.session.add(entry)
    return entry


def record_alone(action: str, **kwargs) -> AuditEntry:
    """Record an action that writes nothing else, in its own short transaction."""
    with write_transaction():
        return record(action, **kwargs)


@dataclass(frozen=True)
class AuditFilter:
    """What the admin page filters on; empty values mean "all"."""

    action: str = ""
    actor_id: int | None = None


def entries(filters: AuditFilter, *, page: int, per_page: int) -> Pagination:
    """One page of audit entries, newest first."""
    query = select(AuditEntry).options(selectinload(AuditEntry.actor), selectinload(AuditEntry.project))
    if filters.action:
        query = query.where(AuditEntry.action == filters.action)
    if filters.actor_id is not None:
        query = query.where(AuditEntry.actor_id == filters.actor_id)
    query = query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    return db.paginate(query, page=max(page, 1), per_page=per_page, error_out=False, max_per_page=500)


def actors() -> list[User]:
    """Users who appear in the log, for the filter's choices."""
    seen = select(AuditEntry.actor_id).where(AuditEntry.actor_id.is_not(None)).distinct()
    return list(db.session.execute(select(User).where(User.id.in_(seen)).order_by(User.name)).scalars())
