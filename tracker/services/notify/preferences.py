"""Who wants which message how: at once, in the weekly digest, or not at all."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from tracker.database import write_transaction
from tracker.extensions import db
from tracker.models import MemberRole, Membership, MemberSide, NotificationPreference, User

NOW, DIGEST, OFF = "now", "digest", "off"
# The kinds a person can tune, in the order the settings page lists them.
KINDS = {
    "signal_alert": _l("A signal raised as an alert"),
    "signal_warning": _l("A signal raised as a warning"),
    "signal_cleared": _l("A signal that cleared"),
    "reminder": _l("Reminders (a quiet project, a scan round waiting for you, an action of yours due)"),
    "digest": _l("The weekly digest"),
}
DELIVERIES = {NOW: _l("At once"), DIGEST: _l("In the weekly digest"), OFF: _l("Off")}


def label(kind: str, delivery: str):
    """How a choice reads on the settings page (the digest is on or off)."""
    if kind == "digest" and delivery == NOW:
        return _l("On")
    return DELIVERIES[delivery]


def choices(kind: str) -> tuple[str, ...]:
    """The deliveries a kind allows (the digest itself is either on or off)."""
    return (NOW, OFF) if kind == "digest" else (NOW, DIGEST, OFF)


def default(kind: str, membership: Membership | None) -> str:
    """The built-in choice: managers and coaches get alerts at once, the rest goes in the digest."""
    if kind in ("reminder", "digest"):
        return NOW
    if kind == "signal_alert" and membership is not None and (
            membership.role == MemberRole.MANAGER or membership.side == MemberSide.COACH):
        return NOW
    return DIGEST


def _stored(user_id: int) -> dict[tuple[int | None, str], str]:
    """The person's stored choices: (project id or None for all projects, kind) → delivery."""
    rows = db.session.execute(select(NotificationPreference).where(
        NotificationPreference.user_id == user_id)).scalars()
    return {(r.project_id, r.kind): r.delivery for r in rows}


def delivery_for(user: User, kind: str, membership: Membership | None) -> str:
    """The delivery for one kind on one project: the project's choice, else all projects', else
    the default."""
    stored = _stored(user.id)
    project_id = membership.project_id if membership else None
    return stored.get((project_id, kind)) or stored.get((None, kind)) or default(kind, membership)


def settings_of(user: User) -> dict[tuple[int | None, str], str]:
    """Every stored choice of the person (for the settings page)."""
    return _stored(user.id)


def save(user: User, choices_by_key: dict[tuple[int | None, str], str]) -> None:
    """Store the person's choices; an empty value means "as for all projects" (row removed)."""
    seated = set(db.session.execute(select(Membership.project_id).where(
        Membership.user_id == user.id)).scalars())
    with write_transaction():
        for (project_id, kind), delivery in choices_by_key.items():
            if kind not in KINDS or (project_id is not None and project_id not in seated):
                continue  # never a choice about a project the person is not in
            _put(user.id, project_id, kind, delivery if delivery in choices(kind) else None)


def _put(user_id: int, project_id: int | None, kind: str, delivery: str | None) -> None:
    """Replace one stored choice (None removes it)."""
    db.session.execute(delete(NotificationPreference).where(
        NotificationPreference.user_id == user_id, NotificationPreference.kind == kind,
        NotificationPreference.project_id.is_(None) if project_id is None
        else NotificationPreference.project_id == project_id))
    if delivery:
        db.session.add(NotificationPreference(user_id=user_id, project_id=project_id, kind=kind,
                                              delivery=delivery))


def unsubscribe(user: User, kind: str) -> None:
    """One-click unsubscribe: this kind is off on every project (project choices removed)."""
    if kind not in KINDS:
        return
    with write_transaction():
        db.session.execute(delete(NotificationPreference).where(
            NotificationPreference.user_id == user.id, NotificationPreference.kind == kind))
        db.session.add(NotificationPreference(user_id=user.id, project_id=None, kind=kind, delivery=OFF))
