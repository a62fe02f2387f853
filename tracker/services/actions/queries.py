"""Reading actions (no writes), as plain rows other parts reuse.

- `list_actions(project_id, as_of)`: a project's actions, open first, overdue marked;
- `actions_json(project, as_of)`: the command-line list ``[{"id", "title", "intervention",
  "signal", "owner", "due_on", "status", "created_on", "closed_on"}]``;
- `due_or_overdue(as_of, within_days=0)`: open or in-progress actions due on or before a date,
  across projects, with owner (name, e-mail) and project — for reminders;
- `open_counts(project_ids, as_of)`: open and overdue actions per project (coach overview).
"""
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, case, func, select

from tracker.domain import interventions as catalogue
from tracker.extensions import db
from tracker.models import Action, ActionStatus, Project, User

OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


@dataclass(frozen=True)
class ActionRow:
    """One action as plain values, with its owner and project."""

    id: int
    project_id: int
    project_code: str
    project_name: str
    title: str
    intervention: str | None
    signal: str | None
    event_ids: tuple[int, ...]
    owner_id: int | None
    owner_name: str | None
    owner_email: str | None
    due_on: date | None
    status: str
    reason: str
    notes: str
    created_on: date
    closed_on: date | None
    as_of: date

    @property
    def is_open(self) -> bool:
        """Open or in progress."""
        return self.status in (ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value)

    @property
    def overdue(self) -> bool:
        """Still open after its due date."""
        return self.is_open and self.due_on is not None and self.due_on < self.as_of

    def display_title(self, lang: str = "en") -> str:
        """The action's own title, else its intervention's title in ``lang``."""
        if self.title:
            return self.title
        try:
            return catalogue.lookup(self.intervention).title(lang) if self.intervention else ""
        except KeyError:
            return self.intervention or ""

    def to_json(self) -> dict:
        """The action as the command line (and the API) prints it."""
        return {"id": self.id, "title": self.display_title("en"), "intervention": self.intervention,
                "signal": self.signal, "owner": self.owner_name, "due_on": _iso(self.due_on),
                "status": self.status, "created_on": _iso(self.created_on), "closed_on": _iso(self.closed_on)}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def action_query() -> Select:
    return (select(Action.id, Action.project_id, Project.code, Project.name, Action.title,
                   Action.intervention_key, Action.signal_code, Action.event_ids, Action.owner_id, User.name,
                   User.email, Action.due_on, Action.status, Action.reason, Action.notes, Action.created_on,
                   Action.closed_on)
            .join(Project, Project.id == Action.project_id)
            .outerjoin(User, User.id == Action.owner_id))


def action_rows(query: Select, as_of: date) -> list[ActionRow]:
    out = []
    for r in db.session.execute(query):
        status = r[12].value if hasattr(r[12], "value") else r[12]
        out.append(ActionRow(r[0], r[1], r[2], r[3], r[4] or "", r[5], r[6], tuple(r[7] or ()), r[8], r[9],
                             r[10], r[11], status, r[13] or "", r[14] or "", r[15], r[16], as_of))
    return out


def _order(row: ActionRow) -> tuple:
    """Open first (overdue first, then by due date), then closed, newest closed first."""
    if row.is_open:
        return (0, not row.overdue, row.due_on or date.max, row.id)
    return (1, -(row.closed_on or row.created_on).toordinal(), -row.id)


def list_actions(project_id: int, as_of: date | None = None) -> list[ActionRow]:
    """The project's actions: open first (overdue on top, then by due date), then closed ones."""
    rows = action_rows(action_query().where(Action.project_id == project_id), as_of or date.today())
    return sorted(rows, key=_order)


def get_action(project_id: int, action_id: int, as_of: date | None = None) -> ActionRow | None:
    """One action of this project (None when it is not this project's)."""
    rows = action_rows(action_query().where(Action.project_id == project_id, Action.id == action_id), as_of or date.today())
    return rows[0] if rows else None


def actions_json(project: Project, as_of: date | None = None) -> list[dict]:
    """The project's actions as the command line prints them, in list order."""
    return [row.to_json() for row in list_actions(project.id, as_of)]


def due_or_overdue(as_of: date, within_days: int = 0) -> list[ActionRow]:
    """Open or in-progress actions due on or before ``as_of`` + ``within_days``, every project,
    with owner and project, by due date (for reminders to their owners)."""
    until = as_of + timedelta(days=within_days)
    rows = action_rows(action_query().where(Action.status.in_(OPEN_STATUSES), Action.due_on.is_not(None),
                                Action.due_on <= until), as_of)
    return sorted(rows, key=lambda r: (r.due_on, r.project_code, r.id))


def open_counts(project_ids: Iterable[int], as_of: date) -> dict[int, tuple[int, int]]:
    """Project id → (open actions, of which overdue), for projects that have open actions."""
    ids = list(project_ids)
    if not ids:
        return {}
    overdue = func.sum(case((Action.due_on < as_of, 1), else_=0))
    rows = db.session.execute(select(Action.project_id, func.count(), overdue)
                              .where(Action.project_id.in_(ids), Action.status.in_(OPEN_STATUSES))
                              .group_by(Action.project_id))
    return {pid: (n, int(late or 0)) for pid, n, late in rows}
