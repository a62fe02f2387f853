"""The one place that decides who sees which project and event."""
from dataclasses import dataclass

from sqlalchemy import Select, select

from tracker.extensions import db
from tracker.models import Event, MemberRole, Membership, MemberSide, Project, User
from tracker.services.errors import Forbidden, NotFound


@dataclass(frozen=True)
class ProjectAccess:
    """A project together with the viewing user's seat on it."""

    project: Project
    membership: Membership

    @property
    def side(self) -> MemberSide:
        """client, contractor or coach."""
        return self.membership.side

    @property
    def can_log(self) -> bool:
        """Managers of either party log, edit and retract events."""
        return self.membership.can_log

    def owns(self, event: Event) -> bool:
        """A party's managers change only their own side's events, never the other party's view."""
        return self.can_log and event.side.value == self.side.value

    def may_change(self, event: Event) -> bool:
        """The user may edit or retract this event now (it is theirs and still counts)."""
        return self.owns(event) and not event.is_retracted

    def may_give_view(self, event: Event) -> bool:
        """The user may add or change the other party's view of this event: a manager of the
        party that did not log it, while it still counts."""
        return self.can_log and event.side.value != self.side.value and not event.is_retracted

    @property
    def is_coach(self) -> bool:
        """Coaches read, and create and follow up actions."""
        return self.membership.side == MemberSide.COACH

    @property
    def can_record_interventions(self) -> bool:
        """Coaches and managers create actions (and change any action of the project)."""
        return self.is_coach or self.membership.role == MemberRole.MANAGER


def visible_projects(user: User) -> Select:
    """A query of the projects the user is a member of (admins included: no implicit access)."""
    return (select(Project).join(Membership, Membership.project_id == Project.id)
            .where(Membership.user_id == user.id).order_by(Project.code))


def project_access(user: User, code: str, *, write: bool = False) -> ProjectAccess:
    """Load a project by code for this user; NotFound if not a member, Forbidden if read-only."""
    row = db.session.execute(
        select(Project, Membership)
        .join(Membership, Membership.project_id == Project.id)
        .where(Project.code == code, Membership.user_id == user.id)
    ).first()
    if row is None:
        raise NotFound()
    access = ProjectAccess(project=row[0], membership=row[1])
    if write and not access.can_log:
        raise Forbidden()
    return access


def project_event(access: ProjectAccess, event_id: int, *, write: bool = False) -> Event:
    """Load an event of this project; NotFound for events of any other project."""
    event = db.session.execute(
        select(Event).where(Event.id == event_id, Event.project_id == access.project.id)
    ).scalar_one_or_none()
    if event is None:
        raise NotFound()
    if write and not access.owns(event):
        raise Forbidden()
    return event
