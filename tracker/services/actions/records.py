"""Creating and following up actions: who may, what is checked, and the status rules.

Coaches and the parties' managers create actions and change any action; the owner (any member
of either side, or the coach) changes their own. Done and dropped close an action on the day
(dropped needs a reason); setting it open or in progress again reopens it.
"""
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker.database import write_transaction
from tracker.domain import interventions as catalogue
from tracker.domain.types import SIGNAL_CODES
from tracker.extensions import db
from tracker.models import Action, ActionStatus, Event, Membership, User
from tracker.models.base import utcnow
from tracker.services import audit
from tracker.services.access import ProjectAccess
from tracker.services.errors import Forbidden, NotFound, ValidationFailed

TITLE_MAX = 200
TEXT_MAX = 4000
SIGNALS = SIGNAL_CODES + catalogue.INSTRUMENT_SIGNAL_CODES
CLOSED = (ActionStatus.DONE, ActionStatus.DROPPED)


@dataclass(frozen=True)
class ActionInput:
    """What a person gives for an action (a new one, or the changed fields of one)."""

    title: str = ""
    intervention: str | None = None
    signal: str | None = None
    owner_id: int | None = None
    due_on: date | None = None
    status: str = ActionStatus.OPEN.value
    reason: str = ""
    notes: str = ""
    event_ids: tuple[int, ...] = ()


def may_create(access: ProjectAccess) -> bool:
    """Coaches and managers create actions."""
    return access.can_record_interventions


def may_change(access: ProjectAccess, action: Action) -> bool:
    """Coaches, managers and the action's owner follow it up."""
    return access.can_record_interventions or action.owner_id == access.membership.user_id


def member_ids(project_id: int) -> set[int]:
    """The users with a seat on the project (the people who may own an action)."""
    return set(db.session.scalars(select(Membership.user_id).where(Membership.project_id == project_id)))


def _known_intervention(key: str) -> bool:
    try:
        catalogue.lookup(key)
    except KeyError:
        return False
    return True


def check_action(data: ActionInput, *, project_id: int, created_on: date) -> dict[str, list[str]]:
    """Field → messages for every rule the input breaks (empty when valid)."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message) -> None:
        errors.setdefault(name, []).append(str(message))

    if data.intervention and not _known_intervention(data.intervention):
        add("intervention", _l("Choose an intervention from the list, or none for a free action."))
    if not data.intervention and not data.title.strip():
        add("title", _l("Give the action a title (or choose the intervention it comes from)."))
    if len(data.title) > TITLE_MAX:
        add("title", _l("The title can be at most %(n)d characters.", n=TITLE_MAX))
    if data.signal and data.signal not in SIGNALS:
        add("signal", _l("Choose a signal from the list, or none."))
    if data.owner_id is None:
        add("owner", _l("Choose who owns this action."))
    elif data.owner_id not in member_ids(project_id):
        add("owner", _l("The owner must be a member of this project (either side or the coach)."))
    if data.due_on is None:
        add("due_on", _l("Give the date this action is due."))
    elif data.due_on < created_on:
        add("due_on", _l("The due date cannot be before the action was created."))
    if data.status not in {s.value for s in ActionStatus}:
        add("status", _l("Choose a status from the list."))
    elif data.status == ActionStatus.DROPPED.value and not data.reason.strip():
        add("reason", _l("Say why the action is dropped."))
    for name, text in (("reason", data.reason), ("notes", data.notes)):
        if len(text) > TEXT_MAX:
            add(name, _l("At most %(n)d characters.", n=TEXT_MAX))
    if data.event_ids:
        found = set(db.session.scalars(select(Event.id).where(Event.project_id == project_id,
                                                              Event.id.in_(data.event_ids))))
        if found != set(data.event_ids):
            add("events", _l("Link only events of this project."))
    return errors


def _apply(action: Action, data: ActionInput, today: date) -> None:
    """Copy the checked input onto the action; closing and reopening set ``closed_on``."""
    status = ActionStatus(data.status)
    action.title, action.intervention_key = data.title.strip(), data.intervention or None
    action.signal_code, action.owner_id, action.due_on = data.signal or None, data.owner_id, data.due_on
    action.reason = data.reason.strip() if status == ActionStatus.DROPPED else ""
    action.notes, action.event_ids = data.notes.strip(), list(data.event_ids)
    if status in CLOSED and action.status not in CLOSED:
        action.closed_on = today
    elif status not in CLOSED:
        action.closed_on = None
    action.status, action.updated_at = status, utcnow()


def create_action(access: ProjectAccess, author: User, data: ActionInput, today: date | None = None) -> Action:
    """Create an action; Forbidden for members, ValidationFailed (nothing stored) for bad input."""
    if not may_create(access):
        raise Forbidden()
    today = today or date.today()
    errors = check_action(data, project_id=access.project.id, created_on=today)
    if errors:
        raise ValidationFailed(errors)
    with write_transaction():
        action = Action(project_id=access.project.id, created_on=today, created_by_id=author.id,
                        status=ActionStatus.OPEN)
        _apply(action, data, today)
        db.session.add(action)
        db.session.flush()
        audit.record("action.create", actor=author, project=access.project, target=f"#{action.id}")
    return action


def load_action(access: ProjectAccess, action_id: int) -> Action:
    """The action of this project (NotFound for any other project's)."""
    action = db.session.scalar(select(Action).where(Action.id == action_id,
                                                    Action.project_id == access.project.id))
    if action is None:
        raise NotFound()
    return action


def update_action(access: ProjectAccess, actor: User, action_id: int, data: ActionInput,
                  today: date | None = None) -> Action:
    """Change an action (status, owner, due date, notes…); the owner may change their own."""
    today = today or date.today()
    with write_transaction():
        action = load_action(access, action_id)
        if not may_change(access, action):
            raise Forbidden()
        errors = check_action(data, project_id=access.project.id, created_on=action.created_on)
        if errors:
            raise ValidationFailed(errors)
        before = action.status.value
        _apply(action, data, today)
        audit.record("action.update", actor=actor, project=access.project, target=f"#{action.id}",
                     details={"status": [before, action.status.value]})
    return action
