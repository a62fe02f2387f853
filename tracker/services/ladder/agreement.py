"""Agreeing a project's ladder: one side's manager proposes, the other side's manager accepts or
declines with a reason; an admin may set it directly. An accepted version applies from the day it
was accepted, and every version stays visible.

Accepting (or setting) a version raises `Project.events_version` in the same transaction: the
time boxes feed the signals, so every cache of derived figures must recompute.
"""
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from tracker.database import write_transaction
from tracker.domain.ladder import Ladder
from tracker.extensions import db
from tracker.models import LadderStatus, LadderVersion, MemberSide, Project, User
from tracker.models.base import utcnow
from tracker.services import audit
from tracker.services.access import ProjectAccess
from tracker.services.errors import Forbidden, NotFound, ValidationFailed
from tracker.services.ladder.queries import to_levels
from tracker.services.portfolio.overview import refresh as refresh_summaries

NOTE_MAX = 2000


def may_propose(access: ProjectAccess) -> bool:
    """Managers of either party propose a ladder (coaches advise, they do not agree)."""
    return access.can_log and access.side in (MemberSide.CLIENT, MemberSide.CONTRACTOR)


def may_decide(access: ProjectAccess, proposed_side: str) -> bool:
    """Only a manager of the other party accepts or declines a proposal."""
    return may_propose(access) and access.side.value != proposed_side


def _note(text: str | None, field: str, required: bool = False) -> str:
    """A trimmed note of at most NOTE_MAX characters (ValidationFailed otherwise)."""
    text = (text or "").strip()
    if required and not text:
        raise ValidationFailed({field: [str(_l("Give a reason, so the other side knows what to change."))]})
    if len(text) > NOTE_MAX:
        raise ValidationFailed({field: [str(_l("At most %(n)d characters.", n=NOTE_MAX))]})
    return text


def _pending(project_id: int) -> LadderVersion | None:
    return db.session.scalar(select(LadderVersion).where(
        LadderVersion.project_id == project_id, LadderVersion.status == LadderStatus.PROPOSED))


def _figures_changed(project_id: int) -> None:
    """The agreed time boxes changed: every cache keyed on the project's data version recomputes."""
    db.session.execute(update(Project).where(Project.id == project_id)
                       .values(events_version=Project.events_version + 1))


def propose(access: ProjectAccess, author: User, ladder: Ladder, note: str = "") -> LadderVersion:
    """Propose a version; it replaces a proposal still waiting (which is marked withdrawn)."""
    if not may_propose(access):
        raise Forbidden()
    note = _note(note, "note")
    with write_transaction():
        earlier = _pending(access.project.id)
        if earlier is not None:
            earlier.status, earlier.decided_by_id, earlier.decided_at = LadderStatus.WITHDRAWN, author.id, utcnow()
            earlier.reason = "superseded"
        version = LadderVersion(project_id=access.project.id, status=LadderStatus.PROPOSED,
                                levels=to_levels(ladder), proposed_side=access.side.value,
                                proposed_by_id=author.id, note=note)
        db.session.add(version)
        audit.record("ladder.propose", actor=author, project=access.project, target=access.project.code)
    return version


def _proposal(access: ProjectAccess, version_id: int) -> LadderVersion:
    version = db.session.scalar(select(LadderVersion).where(
        LadderVersion.id == version_id, LadderVersion.project_id == access.project.id))
    if version is None:
        raise NotFound()
    if version.status != LadderStatus.PROPOSED:
        raise ValidationFailed({"form": [str(_l("This proposal has already been answered."))]})
    return version


def accept(access: ProjectAccess, actor: User, version_id: int, today: date | None = None) -> LadderVersion:
    """Accept the other side's proposal: it applies from today."""
    with write_transaction():
        version = _proposal(access, version_id)
        if not may_decide(access, version.proposed_side):
            raise Forbidden()
        version.status, version.decided_by_id, version.decided_at = LadderStatus.ACCEPTED, actor.id, utcnow()
        version.agreed_on = today or date.today()
        _figures_changed(access.project.id)
        audit.record("ladder.accept", actor=actor, project=access.project, target=access.project.code)
    refresh_summaries([access.project.id])
    return version


def decline(access: ProjectAccess, actor: User, version_id: int, reason: str) -> LadderVersion:
    """Decline the other side's proposal, with a reason both sides see."""
    reason = _note(reason, "reason", required=True)
    with write_transaction():
        version = _proposal(access, version_id)
        if not may_decide(access, version.proposed_side):
            raise Forbidden()
        version.status, version.decided_by_id, version.decided_at = LadderStatus.DECLINED, actor.id, utcnow()
        version.reason = reason
        audit.record("ladder.decline", actor=actor, project=access.project, target=access.project.code)
    return version


def withdraw(access: ProjectAccess, actor: User, version_id: int) -> LadderVersion:
    """The proposing side takes its own proposal back."""
    with write_transaction():
        version = _proposal(access, version_id)
        if not may_propose(access) or access.side.value != version.proposed_side:
            raise Forbidden()
        version.status, version.decided_by_id, version.decided_at = LadderStatus.WITHDRAWN, actor.id, utcnow()
        audit.record("ladder.withdraw", actor=actor, project=access.project, target=access.project.code)
    return version


def set_ladder(project: Project, ladder: Ladder, agreed_on: date | None = None, actor: User | None = None,
               today: date | None = None) -> LadderVersion:
    """An admin sets the ladder directly (an agreement made elsewhere); it applies from ``agreed_on``
    (today by default, never in the future). A proposal still waiting is withdrawn."""
    today = today or date.today()
    agreed_on = agreed_on or today
    if agreed_on > today:
        raise ValidationFailed({"agreed_on": ["the agreement date cannot be in the future"]})
    with write_transaction():
        earlier = _pending(project.id)
        if earlier is not None:
            earlier.status, earlier.decided_at, earlier.reason = LadderStatus.WITHDRAWN, utcnow(), "superseded"
        version = LadderVersion(project_id=project.id, status=LadderStatus.ACCEPTED, levels=to_levels(ladder),
                                proposed_side="admin", proposed_by_id=actor.id if actor else None,
                                decided_by_id=actor.id if actor else None, decided_at=utcnow(),
                                agreed_on=agreed_on)
        db.session.add(version)
        _figures_changed(project.id)
        audit.record("ladder.set", actor=actor, project=project, target=project.code)
    refresh_summaries([project.id])
    return version
