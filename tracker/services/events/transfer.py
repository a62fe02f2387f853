"""Event CSV import and export (docs/contracts.md): one format for the web upload, the CLI and integrations.

Format: UTF-8 (a leading BOM is accepted), comma-separated, one header row. The header holds
the required columns ``occurred_on,side,kind,steering,escalation_level,planned,title,description``
followed by zero or more factor columns named by factor key; columns may come in any order.
Export writes the required columns, one column per catalogue factor (by position), the
audit columns ``id,created_at,created_by,version,retracted_at,retraction_reason``, then ``ref``.

Import rules:
- Line numbers are the row numbers a spreadsheet shows (header = line 1); every problem of every
  row is reported with its line and column, and nothing is stored when any row is wrong.
- Empty cells mean "not given"; completely empty rows are skipped.
- An optional ``ref`` column carries the event's own reference (at most 100 characters).
- Two rows sharing a ``ref`` with different ``side`` values are one event seen by both parties:
  the first row is the event, the later one the other party's view of it (`CsvView`: only its
  side, scores and description, the view's note, count; the rest comes from the first row).
  The export writes such a second row after every event the other party gave its view of.
- The ``id`` column names the event a row was exported from; `importing` matches rows by id or
  ref so that re-importing never adds an event twice. Rows of a side the importer may not
  import are returned marked ``foreign`` (to be skipped), whatever their other cells hold.
- The other audit columns of an export are recognised and ignored (new events get new ids, the
  importer as author and the time of import), with one exception: a row with a non-empty
  ``retraction_reason`` is imported *as retracted* with that reason, so an export re-imports
  with its retracted events still visible in the history but not counting. A row with a
  ``retracted_at`` but no reason is an error. Links between events cannot be expressed.
- Any other unknown column is an error.
- Text cells (title, description, created_by, retraction_reason) that would start with ``=``,
  ``+``, ``-``, ``@``, a tab or a carriage return are exported with a leading ``'`` so that a
  spreadsheet does not run them as formulas; import removes exactly that prefix again, so a
  title such as "-3 dagen vertraging" round-trips. Numbers (scores such as ``-1``) are never
  prefixed.
"""
import csv
import io
import re
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.domain.text import clean_text, small_int
from tracker.domain.types import SCORE_VALUES, Kind, Side, Steering
from tracker.extensions import db
from tracker.models import Event, EventView, Project
from tracker.models.event import REF_MAX
from tracker.models.event_view import NOTE_MAX
from tracker.services.errors import ValidationFailed
from tracker.services.events.queries import factor_keys
from tracker.services.events.rules import EventInput, check_event

REQUIRED_COLUMNS = ("occurred_on", "side", "kind", "steering", "escalation_level", "planned",
                    "title", "description")
AUDIT_COLUMNS = ("id", "created_at", "created_by", "version", "retracted_at", "retraction_reason")
OPTIONAL_COLUMNS = ("ref",)
TEXT_COLUMNS = frozenset({"title", "description", "created_by", "retraction_reason", "ref"})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
REASON_MAX = 2000
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PLANNED = {"planned": True, "unplanned": False}
# Made once, not per cell: a 50,000-row file asks for these a quarter of a million times.
_LEVEL_MESSAGE = _l("The escalation level is a whole number from 0 to 6.")
_SCORE_MESSAGE = _l("A score is a whole number from -2 to 2, or empty.")
_ID_MESSAGE = _l("The id is the number an export wrote; leave it empty for a new event.")


@dataclass(frozen=True)
class RowError:
    """One problem in an uploaded file: spreadsheet line, column name (None: whole row), message."""

    line: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class CsvEvent(EventInput):
    """An event read from a CSV row: its line, retraction reason, the `id`/`ref` it carries, and
    whether it is the other party's row (`foreign`: skipped by an import limited to one side)."""

    line: int = 0
    retraction_reason: str | None = None
    event_id: int | None = None
    ref: str | None = None
    foreign: bool = False


@dataclass
class CsvView:
    """A CSV row giving the other party's view of the event on line `event_line` (same `ref`)."""

    line: int
    side: Side
    ref: str
    event_line: int
    scores: dict[str, int]
    note: str = ""
    foreign: bool = False


def _needs_prefix(value: str) -> bool:
    """True when a spreadsheet could read the text as a formula (or it already carries our prefix)."""
    return bool(value) and (value.startswith(_FORMULA_START)
                            or (value[0] == "'" and _needs_prefix(value[1:])))


def neutralise(value: str) -> str:
    """Prefix a text cell with ' when a spreadsheet would otherwise run it as a formula."""
    return "'" + value if _needs_prefix(value) else value


def unneutralise(value: str) -> str:
    """Undo exactly what `neutralise` added."""
    return value[1:] if value.startswith("'") and _needs_prefix(value[1:]) else value


def csv_header(factor_keys: list[str], *, audit: bool = True) -> list[str]:
    """The header an export writes (`audit=False`: the header of an import template)."""
    return [*REQUIRED_COLUMNS, *factor_keys, *(AUDIT_COLUMNS if audit else ()), *OPTIONAL_COLUMNS]


def to_csv(rows: list[list[str]]) -> str:
    """Rows as comma-separated text with CRLF line ends (RFC 4180)."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


# ---------------------------------------------------------------------------- parsing
def _decode(data: str | bytes) -> str:
    """The file as text; ValidationFailed when it is not UTF-8."""
    if isinstance(data, str):
        return data[1:] if data.startswith("\ufeff") else data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ValidationFailed([RowError(line, None, str(_l(
            "The file is not UTF-8 text. Save it as “CSV UTF-8 (comma-delimited)” and try again.")))]) from None


def _check_header(header: list[str], factor_keys: set[str]) -> list[RowError]:
    """Problems with the header row: wrong separator, unknown, duplicate or missing columns."""
    if len(header) == 1 and any(sep in header[0] for sep in ";\t|"):
        return [RowError(1, None, str(_l("The columns must be separated by commas; this file seems to "
                                         "use another separator. Save it as “CSV UTF-8 (comma-delimited)”.")))]
    errors, seen = [], set()
    for name in header:
        if name == "":
            continue  # an unnamed column is allowed as long as it stays empty (checked per row)
        if name in seen:
            errors.append(RowError(1, name, str(_l("This column appears more than once."))))
        elif name not in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS, *AUDIT_COLUMNS) and name not in factor_keys:
            errors.append(RowError(1, name, str(_l(
                "Unknown column. Use the columns of the template and factor keys of the catalogue."))))
        seen.add(name)
    errors += [RowError(1, name, str(_l("This required column is missing.")))
               for name in REQUIRED_COLUMNS if name not in seen]
    return errors


class _Row:
    """Parses the cells of one data row, collecting errors per column."""

    def __init__(self, line: int, cells: dict[str, str]) -> None:
        self.line, self.cells, self.errors = line, cells, []

    def error(self, column: str | None, message) -> None:
        """Record a problem in a column (None: the whole row)."""
        self.errors.append(RowError(self.line, column, str(message)))

    def failed(self, column: str) -> bool:
        """True when the column already has a problem."""
        return any(e.column == column for e in self.errors)

    def text(self, column: str) -> str:
        """A text cell with the export's formula guard removed."""
        return unneutralise(self.cells.get(column, ""))

    def enum(self, column: str, cls, required: bool = True):
        """A cell holding one of an enum's words (any case), or None."""
        raw = self.cells.get(column, "").strip()
        if not raw:
            if required:
                self.error(column, _l("This value is required."))
            return None
        try:
            return cls(raw.lower())
        except ValueError:
            self.error(column, _l("Unknown value “%(value)s”; use one of: %(choices)s.",
                                  value=raw[:40], choices=", ".join(m.value for m in cls)))
            return None

    def integer(self, column: str, allowed: range, message) -> int | None:
        """A whole number in `allowed`, None when empty or wrong (then `message` is recorded)."""
        raw = self.cells.get(column, "").strip()
        if not raw:
            return None
        value = small_int(raw)
        if value is None or value not in allowed:
            self.error(column, message)
            return None
        return value

    def ref(self) -> str | None:
        """The optional reference cell, checked for length."""
        ref = self.text("ref").strip() or None
        if ref is not None and len(ref) > REF_MAX:
            self.error("ref", _l("A reference can be at most %(n)d characters.", n=REF_MAX))
        return ref

    def scores(self, factor_columns: list[str]) -> dict[str, int]:
        """The factor cells that hold a score."""
        scores = {}
        for key in factor_columns:
            value = self.integer(key, SCORE_VALUES, _SCORE_MESSAGE)
            if value is not None:
                scores[key] = value
        return scores

    def occurred_on(self) -> date | None:
        """The required YYYY-MM-DD date."""
        raw = self.cells.get("occurred_on", "").strip()
        if not raw:
            self.error("occurred_on", _l("This value is required."))
            return None
        try:
            if not _ISO_DATE.fullmatch(raw):
                raise ValueError(raw)
            return date.fromisoformat(raw)
        except ValueError:
            self.error("occurred_on", _l("“%(value)s” is not a date; write it as YYYY-MM-DD.", value=raw[:40]))
            return None


def _parse_row(row: _Row, factor_columns: list[str], factor_keys: set[str], today: date,
               allowed_sides: set[Side] | None) -> CsvEvent | None:
    """One row as a CsvEvent, or None with the row's errors recorded."""
    occurred_on = row.occurred_on()
    side = row.enum("side", Side)
    kind = row.enum("kind", Kind)
    steering = row.enum("steering", Steering)
    level = row.integer("escalation_level", range(0, 7), _LEVEL_MESSAGE)
    planned_raw = row.cells.get("planned", "").strip().lower()
    if planned_raw and planned_raw not in _PLANNED:
        row.error("planned", _l("Write “planned”, “unplanned” or leave it empty."))
    scores = row.scores(factor_columns)
    if side is not None and allowed_sides is not None and side not in allowed_sides:
        row.errors = []  # the other party's row is skipped whole, so its cells do not matter
        event_id = row.integer("id", range(1, 2**63), _ID_MESSAGE)
        row.errors = []
        return CsvEvent(occurred_on=occurred_on or today, side=side, kind=kind or Kind.MOMENT,
                        steering=steering or Steering.RELATIONAL, title=row.text("title"),
                        line=row.line, event_id=event_id, ref=row.ref(), foreign=True)
    event_id = row.integer("id", range(1, 2**63), _ID_MESSAGE)
    ref = row.ref()
    reason = row.text("retraction_reason").strip() or None
    if reason is not None and len(reason) > REASON_MAX:
        row.error("retraction_reason", _l("The reason can be at most %(n)d characters.", n=REASON_MAX))
    if reason is None and row.cells.get("retracted_at", "").strip():
        row.error("retraction_reason", _l("A retracted event needs the reason for its retraction."))
    event = CsvEvent(occurred_on=occurred_on or today, side=side or Side.CLIENT, kind=kind or Kind.MOMENT,
                     steering=steering or Steering.RELATIONAL, title=row.text("title"),
                     description=row.text("description"), escalation_level=level,
                     planned=_PLANNED.get(planned_raw), scores=scores, line=row.line,
                     retraction_reason=reason, event_id=event_id, ref=ref)
    for field, messages in check_event(event, factor_keys, today=today).items():
        column = field.removeprefix("score_") if field.startswith("score_") else field
        column = column if column in row.cells else None
        if column is None or not row.failed(column):
            for message in messages:
                row.error(column, message)
    return None if row.errors else event


def _parse_view(row: _Row, base: CsvEvent | tuple, factor_columns: list[str],
                allowed_sides: set[Side] | None) -> CsvView | None:
    """A second row for the event of an earlier line: the other party's scores and note."""
    base_line, base_id = base
    side = Side(row.cells["side"].strip().lower())
    if allowed_sides is not None and side not in allowed_sides:
        return CsvView(row.line, side, row.text("ref").strip(), base_line, {}, foreign=True)
    scores = row.scores(factor_columns)
    note = row.text("description").strip()
    if len(note) > NOTE_MAX:
        row.error("description", _l("The other party's note can be at most %(n)d characters.", n=NOTE_MAX))
    if row.text("retraction_reason").strip() or row.cells.get("retracted_at", "").strip():
        row.error("retraction_reason", _l("A view cannot be retracted on its own; retract the event "
                                          "(line %(line)d) instead.", line=base_line))
    event_id = row.integer("id", range(1, 2**63), _ID_MESSAGE)
    if event_id is not None and event_id != base_id:
        row.error("id", _l("This row is the second view of the event on line %(line)d; leave its id "
                           "empty or give that event's id.", line=base_line))
    return None if row.errors else CsvView(row.line, side, row.text("ref").strip(), base_line, scores, note)


def _view_base(ref: str, side: str, bases: dict[str, tuple]) -> tuple | None:
    """(line, id) of the earlier row whose view a row with `ref` and `side` is: same ref, another
    side; else None."""
    first = bases.get(ref) if ref else None
    if first is None or len(first) == 2 or side not in Side._value2member_map_ or side == first[2]:
        return None
    return first[:2]


def _records(text: str):
    """(line, cells) of every CSV record; a broken file yields a RowError instead."""
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 0
    try:
        for line, cells in enumerate(reader, start=1):
            yield line, cells
    except csv.Error as error:
        yield line + 1, RowError(line + 1, None, str(_l("This line is not valid CSV (%(detail)s).",
                                                        detail=str(error))))


def parse_events_csv(data: str | bytes, factor_keys, *, today: date,
                     allowed_sides=None) -> list[CsvEvent | CsvView]:
    """Read an event CSV; ValidationFailed(errors=[RowError, …]) lists every problem found."""
    factor_keys = set(factor_keys)
    allowed = {Side(s) for s in allowed_sides} if allowed_sides is not None else None
    text = clean_text(_decode(data))  # the whole file at once: one pass, before the cells exist
    if not text.strip():
        raise ValidationFailed([RowError(1, None, str(_l("The file is empty.")))])
    records = _records(text)
    _, first = next(records)
    if isinstance(first, RowError):
        raise ValidationFailed([first])
    header = [name.strip().lower() for name in first]
    errors = _check_header(header, factor_keys)
    if any(e.column in REQUIRED_COLUMNS or e.column is None for e in errors):
        raise ValidationFailed(errors)
    positions = {}
    for index, name in enumerate(header):
        positions.setdefault(name, index)
    unnamed = [i for i, name in enumerate(header) if name == ""]
    factor_columns = [name for name in positions if name in factor_keys]
    events: list[CsvEvent | CsvView] = []
    bases: dict[str, tuple] = {}  # ref → (line, id, side) of the event row a later view row pairs with
    rows_seen = 0
    for line, cells in records:
        if isinstance(cells, RowError):
            errors.append(cells)
            break
        if not any(cell.strip() for cell in cells):
            continue
        rows_seen += 1
        extra = cells[len(header):]
        if len(cells) < len(header) or any(cell.strip() for cell in extra):
            errors.append(RowError(line, None, str(_l(
                "This row has %(cells)d cells but the header has %(columns)d columns.",
                cells=len(cells), columns=len(header)))))
            continue
        row = _Row(line, {name: cells[i] for name, i in positions.items() if name})
        for i in unnamed:
            if cells[i].strip():
                row.error(f"#{i + 1}", _l("This cell is in a column without a name."))
        ref, side = unneutralise(row.cells.get("ref", "")).strip(), row.cells.get("side", "").strip().lower()
        event, base, paired = None, _view_base(ref, side, bases), bases.get(ref) if ref else None
        if paired is not None and len(paired) == 2:
            row.error("ref", _l("Lines %(event)d and %(view)d already hold the event with this ref and the other "
                                "party's view of it.", event=paired[0], view=paired[1]))
        elif base is not None:
            event = _parse_view(row, base, factor_columns, allowed)
            bases[ref] = (base[0], row.line)  # a third row with this ref is refused
        else:
            event = _parse_row(row, factor_columns, factor_keys, today, allowed)
            if ref and ref not in bases and side in Side._value2member_map_:
                bases[ref] = (line, event.event_id if event else None, side)
        errors.extend(row.errors)
        if event is not None:
            events.append(event)
    if not rows_seen and not errors:
        errors.append(RowError(1, None, str(_l("The file has a header but no events."))))
    if errors:
        errors.sort(key=lambda e: (e.line, positions.get(e.column, len(header))))  # as the row reads
        raise ValidationFailed(errors)
    return events


# ---------------------------------------------------------------------------- exporting
def template_csv() -> str:
    """An empty import file: just the header."""
    return to_csv([csv_header(factor_keys(), audit=False)])


def _stamp(moment) -> str:
    """A stored UTC timestamp as ISO 8601 with a Z."""
    return moment.isoformat(timespec="seconds") + "Z" if moment else ""


def _export_refs(events: list[Event]) -> dict[int, str]:
    """The ref each event is written with: its own, or for an event with two views and no ref one
    made from its id (`event-<id>`, lengthened if the project already uses it) so both rows share it."""
    taken = {e.ref for e in events if e.ref}
    refs = {}
    for event in events:
        ref = event.ref
        if ref is None and event.other_view is not None:
            ref = f"event-{event.id}"
            while ref in taken:
                ref += "-view"
            taken.add(ref)
        refs[event.id] = ref or ""
    return refs


def export_events(project: Project) -> str:
    """Every event of the project (retracted ones too) as CSV text, oldest first; an event the
    other party gave its view of is followed by a row with that view (same ref, other side)."""
    keys = factor_keys()
    events = list(db.session.scalars(
        select(Event).where(Event.project_id == project.id)
        .options(selectinload(Event.created_by),
                 selectinload(Event.other_view).selectinload(EventView.created_by))
        .order_by(Event.occurred_on, Event.id)))
    refs = _export_refs(events)
    rows = [csv_header(keys)]
    for event in events:
        rows.append(_event_cells(event, event.side, event.description or "", event.score_map(), keys) + [
            str(event.id), _stamp(event.created_at),
            neutralise(event.created_by.name if event.created_by else ""), str(event.version),
            _stamp(event.retracted_at), neutralise(event.retraction_reason or ""), neutralise(refs[event.id])])
        view = event.other_view
        if view is not None:
            rows.append(_event_cells(event, view.side, view.note, view.score_map(), keys) + [
                "", _stamp(view.created_at), neutralise(view.created_by.name if view.created_by else ""),
                "", "", "", neutralise(refs[event.id])])
    return to_csv(rows)


def _event_cells(event: Event, side: Side, description: str, scores: dict[str, int], keys: list[str]) -> list[str]:
    """The required and factor cells of an event's row, as seen by `side`."""
    return [event.occurred_on.isoformat(), side.value, event.kind.value, event.steering.value,
            "" if event.escalation_level is None else str(event.escalation_level),
            "" if event.planned is None else ("planned" if event.planned else "unplanned"),
            neutralise(event.title), neutralise(description),
            *("" if scores.get(key) is None else str(scores[key]) for key in keys)]
