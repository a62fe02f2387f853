"""Importing event CSV files: plan what a file adds, skips or refuses, then store it in bulk.

Idempotent: a row whose ``id`` (written by the export) or ``ref`` names an event this project
already has is matched, never stored twice. Unchanged, it is skipped; changed, it is refused
with a clear error, because an edit belongs in the app, where it keeps its history and meets
the conflict check (an import cannot know which version the file was based on). An ``id``
this project does not have (an export of another project) is ignored and the row added.
Rows of the other party, in an import limited to one side, are skipped and listed.

A second row with an event's ``ref`` and the other ``side`` (`CsvView`) is the other party's
view of that event: added with a new event, added to a stored event that has none yet, skipped
when the stored view is the same and refused when it differs (for the same reason as above).

Storing is set-based (`bulk`): one executemany each for the events, their scores and their
"created" revisions, inside one write transaction, so a file the upload limit accepts is
stored in seconds and the write lock is held only for the inserts.
"""
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker.database import write_transaction
from tracker.extensions import db
from tracker.models import Event, EventScore, EventView, Project, User
from tracker.services.errors import ValidationFailed
from tracker.services.events import bulk
from tracker.services.events.queries import factor_ids
from tracker.services.events.rules import EventInput, check_event
from tracker.services.events.transfer import CsvEvent, CsvView, RowError, parse_events_csv
from tracker.services.events.views import add_imported_view
from tracker.services.portfolio.overview import refresh as refresh_summaries

_CHUNK = 5_000  # ids per IN (...) lookup: well under every database's parameter limit
_COMPARED = ("occurred_on", "side", "kind", "steering", "escalation_level", "planned", "title",
             "description", "retraction_reason")
SKIP_UNCHANGED, SKIP_IDENTICAL, SKIP_OTHER_SIDE = "unchanged", "identical", "other_side"
SKIP_NO_EVENT = "no_event"  # a view of the other party's event that is not in the project yet


@dataclass(frozen=True)
class Skipped:
    """A row the import leaves out: its line, why (SKIP_*) and the event it matched, if any."""

    line: int
    reason: str
    event_id: int | None = None


@dataclass(frozen=True)
class PlannedView:
    """The other party's view a row adds: to the new event `add[index]` or to stored event `event_id`."""

    line: int
    scores: dict
    note: str
    index: int | None = None
    event_id: int | None = None


@dataclass
class ImportPlan:
    """What an import will do: the rows it adds and the rows it skips."""

    add: list[EventInput] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    views: list[PlannedView] = field(default_factory=list)

    @property
    def added(self) -> int:
        """How many events the import adds."""
        return len(self.add)

    @property
    def views_added(self) -> int:
        """How many of the other party's views the import adds."""
        return len(self.views)

    @property
    def changes_anything(self) -> bool:
        """True when importing stores something."""
        return bool(self.add or self.views)


def _state(values: dict) -> tuple:
    """The comparable content of an event or a row: fields, scores, retraction."""
    return tuple(values.get(name) for name in _COMPARED) + (frozenset(values["scores"].items()),)


def _row_state(row: EventInput) -> tuple:
    """`_state` of a parsed row, normalised the way storing normalises it."""
    values = {name: getattr(row, name, None) for name in _COMPARED}
    values["title"] = (row.title or "").strip()
    values["description"] = row.description or ""
    return _state({**values, "scores": dict(row.scores)})


def _existing(project_id: int, column, wanted: set) -> list[tuple[int, object, tuple]]:
    """(id, value of `column`, comparable state) of this project's events whose `column` is in `wanted`."""
    keys = {v: k for k, v in factor_ids().items()}
    found, wanted = [], sorted(wanted)
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start:start + _CHUNK]
        rows = db.session.execute(select(Event.id, column, *(getattr(Event, n) for n in _COMPARED))
                                  .where(Event.project_id == project_id, column.in_(chunk))
                                  .order_by(Event.id)).all()
        scores: dict[int, dict] = {}
        for event_id, factor_id, value in db.session.execute(
                select(EventScore.event_id, EventScore.factor_id, EventScore.value)
                .where(EventScore.event_id.in_([r[0] for r in rows]))):
            scores.setdefault(event_id, {})[keys[factor_id]] = value
        for row in rows:
            values = dict(zip(_COMPARED, row[2:]))
            values["description"] = values["description"] or ""
            found.append((row[0], row[1], _state({**values, "scores": scores.get(row[0], {})})))
    return found


def _duplicates(rows: list[CsvEvent]) -> list[RowError]:
    """Rows repeating an id or ref that an earlier row of the file already carries."""
    errors, seen = [], {"id": {}, "ref": {}}
    for row in rows:
        for column, value in (("id", row.event_id), ("ref", row.ref)):
            if value is None:
                continue
            if value in seen[column]:
                errors.append(RowError(row.line, column, str(_l(
                    "Line %(line)d already carries this %(column)s.", line=seen[column][value], column=column))))
            seen[column].setdefault(value, row.line)
    return errors


def plan_import(project: Project, rows: list[CsvEvent]) -> ImportPlan:
    """Sort parsed rows into added and skipped; ValidationFailed lists rows that change a stored event.

    A row without ref, and without an id of this project, that is identical to a stored event (same date, side, kind, steering,
    texts and scores) is taken for a second import of the same file and skipped, one row per
    identical event, and listed, so a deliberate twin can still be added by giving it a ref.
    """
    plan = ImportPlan()
    views = [r for r in rows if isinstance(r, CsvView)]
    rows = [r for r in rows if not isinstance(r, CsvView)]
    own = [r for r in rows if not getattr(r, "foreign", False)]
    plan.skipped += [Skipped(r.line, SKIP_OTHER_SIDE) for r in (*rows, *views) if getattr(r, "foreign", False)]
    errors = _duplicates(own)
    outcome: dict[int, tuple[str, int | None]] = {}  # line → ("new", index) or ("stored", event id)
    by_id = {v: (i, st) for i, v, st in _existing(project.id, Event.id,
                                                  {r.event_id for r in own if getattr(r, "event_id", None)})}
    by_ref = {v: (i, st) for i, v, st in _existing(project.id, Event.ref,
                                                   {r.ref for r in own if getattr(r, "ref", None)})}
    twins: dict[tuple, list[int]] = {}
    for event_id, _, state in _existing(project.id, Event.occurred_on,
                                        {r.occurred_on for r in own if not getattr(r, "ref", None)}):
        twins.setdefault(state, []).append(event_id)
    matched = {i for i, _ in (*by_id.values(), *by_ref.values())}
    twins = {state: [i for i in ids if i not in matched] for state, ids in twins.items()}
    for row in own:
        column, match = ("id", by_id.get(getattr(row, "event_id", None)))
        if match is None:
            column, match = ("ref", by_ref.get(getattr(row, "ref", None)))
        if match is None and not getattr(row, "ref", None) and twins.get(_row_state(row)):
            plan.skipped.append(Skipped(row.line, SKIP_IDENTICAL, twins[_row_state(row)].pop(0)))
        elif match is None:
            outcome[row.line] = ("new", len(plan.add))
            plan.add.append(row)
        elif match[1] == _row_state(row):
            outcome[row.line] = ("stored", match[0])
            plan.skipped.append(Skipped(row.line, SKIP_UNCHANGED, match[0]))
        else:
            errors.append(RowError(row.line, column, str(_l(
                "Event #%(id)d is already in this project with other values. Change it in the app, "
                "where edits keep their history, or empty the id and ref cells to add the row as a new event.",
                id=match[0]))))
    errors += _plan_views(project, plan, [v for v in views if not v.foreign], outcome,
                          {r.line: r for r in rows if getattr(r, "foreign", False)})
    if errors:
        raise ValidationFailed(sorted(errors, key=lambda e: e.line))
    plan.skipped.sort(key=lambda s: s.line)
    return plan


def _plan_views(project: Project, plan: ImportPlan, views: list[CsvView], outcome: dict,
                foreign: dict[int, CsvEvent]) -> list[RowError]:
    """Add each view row to `plan` against its event row's outcome; the errors of views that clash."""
    stored = _stored_for_foreign(project.id, [foreign[v.event_line] for v in views if v.event_line in foreign])
    outcome = {**outcome, **stored}
    targets = {o[1] for o in outcome.values() if o[0] == "stored"}
    existing = _stored_views(targets)
    errors = []
    for view in views:
        kind, target = outcome.get(view.event_line, (None, None))
        if kind == "new":
            plan.views.append(PlannedView(view.line, view.scores, view.note, index=target))
        elif kind is None and view.event_line in foreign:
            plan.skipped.append(Skipped(view.line, SKIP_NO_EVENT))
        elif kind == "stored":
            error = _compare_view(view, target, existing.get(target))
            if error == SKIP_UNCHANGED:
                plan.skipped.append(Skipped(view.line, SKIP_UNCHANGED, target))
            elif error is None:
                plan.views.append(PlannedView(view.line, view.scores, view.note, event_id=target))
            else:
                errors.append(RowError(view.line, None, str(error)))
    return errors  # a view of an event row that is itself refused adds nothing: that row's error says why


def _compare_view(view: CsvView, event_id: int, stored: tuple | None):
    """None to add the view to stored event `event_id`, SKIP_UNCHANGED, or the message refusing it."""
    side, retracted, current = stored
    if side == view.side.value:
        return _l("Event #%(id)d was logged by this party; a second view is the other party's.", id=event_id)
    if current is None:
        return _l("Event #%(id)d has been retracted and takes no view.", id=event_id) if retracted else None
    if current == (view.scores, view.note):
        return SKIP_UNCHANGED
    return _l("Event #%(id)d already has the other party's view with other values. Change it in the app, "
              "where changes keep their history.", id=event_id)


def _stored_for_foreign(project_id: int, rows: list[CsvEvent]) -> dict[int, tuple[str, int]]:
    """line → ("stored", id) for the other party's event rows that name a stored event by id or ref."""
    found = {}
    by_id = {v: i for i, v, _ in _existing(project_id, Event.id, {r.event_id for r in rows if r.event_id})}
    by_ref = {v: i for i, v, _ in _existing(project_id, Event.ref, {r.ref for r in rows if r.ref})}
    for row in rows:
        event_id = by_id.get(row.event_id) or by_ref.get(row.ref)
        if event_id is not None:
            found[row.line] = ("stored", event_id)
    return found


def _stored_views(event_ids: set[int]) -> dict[int, tuple]:
    """event id → (side, retracted, (scores, note) of its other view or None)."""
    keys = {v: k for k, v in factor_ids().items()}
    found = {}
    ids = sorted(event_ids)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        views = {v.event_id: v for v in db.session.scalars(select(EventView).where(EventView.event_id.in_(chunk)))}
        for event_id, side, retracted in db.session.execute(
                select(Event.id, Event.side, Event.retracted_at).where(Event.id.in_(chunk))):
            view = views.get(event_id)
            current = None if view is None else ({keys[s.factor_id]: s.value for s in view.scores}, view.note)
            found[event_id] = (side.value, retracted is not None, current)
    return found


def preview_csv(project: Project, data: str | bytes, *, allowed_sides=None) -> ImportPlan:
    """Parse and plan a file without storing anything; ValidationFailed lists every problem."""
    rows = parse_events_csv(data, factor_ids().keys(), today=date.today(), allowed_sides=allowed_sides)
    return plan_import(project, rows)


def import_csv(project: Project, data: str | bytes, author: User | None, *, allowed_sides=None) -> ImportPlan:
    """Parse, plan and store a file: all new rows or none; ValidationFailed lists every problem."""
    rows = parse_events_csv(data, factor_ids().keys(), today=date.today(), allowed_sides=allowed_sides)
    return store_events(project, rows, author)


def import_events(project: Project, rows: list[EventInput], author: User | None) -> ImportPlan:
    """Plan and store already parsed rows (all of them, or none)."""
    ids, errors = factor_ids(), []
    for number, row in enumerate(rows, start=2):
        line = getattr(row, "line", 0) or number
        for name, messages in check_event(row, set(ids), today=date.today()).items():
            errors += [RowError(line, name.removeprefix("score_"), m) for m in messages]
        if row.links_to_id is not None:
            errors.append(RowError(line, None, str(_l("Links between events cannot be imported."))))
    if errors:
        raise ValidationFailed(errors)
    return store_events(project, rows, author)


def store_events(project: Project, rows: list[EventInput], author: User | None) -> ImportPlan:
    """Plan the rows and insert the new ones with their scores and revisions, all or none.

    Planning and preparing the rows happen before the write lock is taken; inside it the plan
    is only trusted if the project's events counter has not moved since (else it is made
    again there), so two imports of one file can never both add it.
    """
    version = db.session.scalar(select(Project.events_version).where(Project.id == project.id))
    plan = plan_import(project, rows)
    batches = bulk.prepare(project.id, plan.add, author.id if author else None, factor_ids(), _new_views(plan))
    with write_transaction():
        if not bulk.claim(project.id, version):
            plan = plan_import(project, rows)  # someone changed events meanwhile: plan again, locked
            batches = bulk.prepare(project.id, plan.add, author.id if author else None, factor_ids(),
                                   _new_views(plan))
        bulk.write(batches)
        for view in plan.views:
            if view.event_id is not None:
                add_imported_view(db.session.get(Event, view.event_id), view.scores, view.note, author)
    if plan.changes_anything:
        refresh_summaries([project.id])
    return plan


def _new_views(plan: ImportPlan) -> list[tuple[int, dict, str]]:
    """(index of the new event, scores, note) of the views that come with new events."""
    return [(v.index, v.scores, v.note) for v in plan.views if v.index is not None]
