"""Event CSV: parsing with line/column errors, all-or-nothing import, export round trip."""
import csv
import io
from datetime import date

import pytest
from sqlalchemy import func, select

from tests.factories import make_event, make_project, make_user
from tracker.domain.types import Dimension, Kind, Side, Steering
from tracker.extensions import db
from tracker.models import Event, Factor
from tracker.services.errors import ValidationFailed
from tracker.services.events import bulk, importing
from tracker.services.events import transfer as event_csv
from tracker.services.events.changes import retract_event
from tracker.services.events.queries import factor_ids
from tracker.services.events.transfer import RowError, parse_events_csv

TODAY = date(2025, 6, 1)
HEADER = "occurred_on,side,kind,steering,escalation_level,planned,title,description"
KEYS = {"p_competence", "p_openness", "s_procedures", "s_finance"}


@pytest.fixture(autouse=True)
def request_context(app):
    """Messages are translated, and the locale comes from the request."""
    with app.test_request_context():
        yield


def parse(text, **kwargs):
    return parse_events_csv(text, kwargs.pop("keys", KEYS), today=kwargs.pop("today", TODAY), **kwargs)


def errors_of(text, **kwargs) -> list[RowError]:
    with pytest.raises(ValidationFailed) as info:
        parse(text, **kwargs)
    return info.value.errors


def where(errors) -> set[tuple[int, str | None]]:
    return {(e.line, e.column) for e in errors}


def count_events() -> int:
    return db.session.scalar(select(func.count()).select_from(Event))


# ------------------------------------------------------------------ parsing: the happy path
def test_parses_every_field(app):
    text = (HEADER + ",p_openness,s_procedures\n"
            "2025-03-04,client,moment,relational,,unplanned,Koffie in de keet,\"Open, goed gesprek\",2,\n"
            "2025-03-05,contractor,escalation,contractual,3,,Escalatie damwand,,-2,-1\n")
    first, second = parse(text)
    assert (first.line, first.occurred_on, first.side, first.kind, first.steering) == \
        (2, date(2025, 3, 4), Side.CLIENT, Kind.MOMENT, Steering.RELATIONAL)
    assert first.planned is False and first.escalation_level is None
    assert first.description == "Open, goed gesprek" and first.scores == {"p_openness": 2}
    assert second.escalation_level == 3 and second.scores == {"p_openness": -2, "s_procedures": -1}
    assert second.retraction_reason is None


def test_accepts_a_bom_bytes_and_crlf(app):
    data = ("\ufeff" + HEADER + "\r\n2025-03-04,client,issue,mixed,,,Één titel,\r\n").encode("utf-8")
    (event,) = parse(data)
    assert event.title == "Één titel" and event.steering == Steering.MIXED


def test_columns_in_any_order_blank_rows_and_empty_trailing_cells(app):
    text = ("title,side,kind,steering,occurred_on,escalation_level,planned,description,\n"
            "Iets,contractor,agreement,relational,2025-01-02,,,,\n"
            ",,,,,,,,\n"
            "\n"
            "Nog iets,client,issue,relational,2025-01-03,,,,,\n")
    assert [e.title for e in parse(text)] == ["Iets", "Nog iets"]


def test_enum_words_are_case_insensitive_and_unicode_minus_is_a_minus(app):
    (event,) = parse(HEADER + ",s_finance\n2025-01-02, Client ,ISSUE,Contractual,,,T,,\u22121\n")
    assert event.side == Side.CLIENT and event.scores == {"s_finance": -1}


# ------------------------------------------------------------------ parsing: every error kind
def test_empty_file(app):
    assert where(errors_of("")) == {(1, None)}
    assert "empty" in errors_of(b"  \n")[0].message


def test_header_only_means_no_events(app):
    (error,) = errors_of(HEADER + "\n")
    assert (error.line, error.column) == (1, None) and "no events" in error.message


def test_wrong_delimiter(app):
    (error,) = errors_of(HEADER.replace(",", ";") + "\n2025-01-02;client;issue;relational;;;T;\n")
    assert error.line == 1 and "comma" in error.message


def test_non_utf8_bytes(app):
    data = (HEADER + "\n2025-01-02,client,issue,relational,,,caf").encode() + b"\xe9\n"
    (error,) = errors_of(data)
    assert error.line == 2 and "UTF-8" in error.message


def test_header_problems_unknown_duplicate_missing(app):
    errors = errors_of("occurred_on,side,kind,steering,planned,title,title,description,color\n")
    assert where(errors) == {(1, "title"), (1, "color"), (1, "escalation_level")}


def test_unknown_column_is_reported_together_with_row_errors(app):
    errors = errors_of(HEADER + ",colour\n2025-13-01,client,issue,relational,,,T,,blue\n")
    assert where(errors) == {(1, "colour"), (2, "occurred_on")}


def test_rows_with_too_many_or_too_few_cells(app):
    errors = errors_of(HEADER + "\n2025-01-02,client,issue,relational,,,T,,extra\n2025-01-02,client,issue\n")
    assert where(errors) == {(2, None), (3, None)}
    assert "9 cells" in errors[0].message and "3 cells" in errors[1].message


def test_every_bad_cell_of_every_row_is_reported(app):
    text = (HEADER + ",p_competence,s_finance\n"
            "2025-02-30,klant,issue,relational,,,Ok,,1,\n"           # line 2: bad date, bad side
            "2025-01-02,client,probleem,formal,9,,,,3,x\n"          # line 3: kind, steering, level, title, 2 scores
            "2025-01-02,client,escalation,contractual,,,Esc,,,\n"   # line 4: escalation without level
            "2025-01-02,client,issue,relational,,later,T,,,\n"      # line 5: planned value
            "2025-01-02,client,issue,relational,,planned,T,,,\n"    # line 6: planned on an issue
            "2025-07-01,client,moment,relational,,planned,T,,,\n"   # line 7: in the future
            "2025-01-02,client,moment,relational,,planned,Good,,-2,2\n")  # line 8: fine
    assert where(errors_of(text)) == {
        (2, "occurred_on"), (2, "side"),
        (3, "kind"), (3, "steering"), (3, "escalation_level"), (3, "title"), (3, "p_competence"), (3, "s_finance"),
        (4, "escalation_level"), (5, "planned"), (6, "planned"), (7, "occurred_on")}


def test_error_lines_count_records_as_a_spreadsheet_does(app):
    text = HEADER + '\n2025-01-02,client,issue,relational,,,T,"two\nlines"\n2025-01-02,nobody,issue,relational,,,T,\n'
    assert where(errors_of(text)) == {(3, "side")}


@pytest.mark.parametrize("value", ["2025-2-3", "03-02-2025", "2025-W05-1", "20250203", "3 feb 2025", "2025-02-03T10:00"])
def test_dates_must_be_written_as_yyyy_mm_dd(app, value):
    assert where(errors_of(HEADER + f"\n{value},client,issue,relational,,,T,\n")) == {(2, "occurred_on")}


def test_errors_are_listed_in_reading_order(app):
    text = HEADER + ",s_finance\n2025-01-02,client,escalation,formal,,,,,9\n"
    assert [e.column for e in errors_of(text)] == ["steering", "escalation_level", "title", "s_finance"]


def test_title_too_long_and_messages_read_well(app):
    (error,) = errors_of(HEADER + "\n2025-01-02,client,issue,relational,,,%s,\n" % ("x" * 201))
    assert (error.line, error.column) == (2, "title")
    assert str(error).startswith("line 2, column title: ")


def test_rows_of_other_sides_are_marked_foreign_not_refused(app):
    text = HEADER + "\n2025-01-02,client,issue,relational,,,T,\n2025-01-02,contractor,issue,relational,,,,\n"
    rows = parse(text, allowed_sides={"client"})
    assert [(r.line, r.foreign) for r in rows] == [(2, False), (3, True)]  # its empty title is not its problem
    assert len(parse(HEADER + "\n2025-01-02,client,issue,relational,,,T,\n" * 2)) == 2


def test_retracted_at_without_reason_is_an_error(app):
    text = HEADER + ",retracted_at,retraction_reason\n2025-01-02,client,issue,relational,,,T,,2025-02-01T10:00:00Z,\n"
    assert where(errors_of(text)) == {(2, "retraction_reason")}


def test_unnamed_column_must_stay_empty(app):
    text = HEADER + ",\n2025-01-02,client,issue,relational,,,T,,oops\n"
    assert where(errors_of(text)) == {(2, "#9")}


# ------------------------------------------------------------------ neutralising formulas
@pytest.mark.parametrize("value", ["=1+1", "+31 6", "-3 dagen vertraging", "@SUM(A1)", "\tx", "\rx",
                                   "'=already", "''=x", "'plain", "plain", ""])
def test_neutralise_round_trips(value):
    stored = event_csv.neutralise(value)
    assert not stored.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert event_csv.unneutralise(stored) == value


def test_import_removes_exactly_the_export_prefix(app):
    text = HEADER + "\n2025-01-02,client,issue,relational,,,'-3 dagen vertraging,'plain\n"
    (event,) = parse(text)
    assert event.title == "-3 dagen vertraging" and event.description == "'plain"


# ------------------------------------------------------------------ importing: all or nothing
def test_import_stores_events_with_history(app):
    project, author = make_project(), make_user()
    text = HEADER + ",p_openness\n2025-01-02,client,moment,relational,,planned,Kick-off,,2\n"
    assert importing.import_csv(project, text, author).added == 1
    event = db.session.scalar(select(Event))
    assert event.created_by_id == author.id and event.score_map() == {"p_openness": 2}
    assert [r.action for r in event.revisions] == ["created"]


def test_one_bad_row_stores_nothing(app):
    project = make_project()
    text = HEADER + "\n2025-01-02,client,issue,relational,,,Goed,\n2025-01-02,client,issue,relational,,,,\n"
    with pytest.raises(ValidationFailed):
        importing.import_csv(project, text, None)
    assert count_events() == 0


def test_a_failure_while_storing_rolls_everything_back(app, monkeypatch):
    project = make_project()
    rows = parse(HEADER + ",p_openness\n" + "2025-01-02,client,issue,relational,,,T,,1\n" * 3,
                 today=date.today(), keys=factor_ids())
    real = bulk.write

    def failing(batches):  # every row is written, then the disk fills up before the commit
        real(batches)
        raise RuntimeError("disk full")

    monkeypatch.setattr(bulk, "write", failing)
    with pytest.raises(RuntimeError):
        importing.import_events(project, rows, None)
    monkeypatch.setattr(bulk, "write", real)
    db.session.rollback()
    assert count_events() == 0


# ------------------------------------------------------------------ export and round trip
def _read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_export_header_and_formula_cells(app):
    project, user = make_project(), make_user(name="=Piet")
    make_event(project, user, title="=HYPERLINK(\"http://x\")", description="-3 dagen",
               scores={"p_competence": -1, "s_finance": -2})
    text = event_csv.export_events(project)
    header = text.splitlines()[0].split(",")
    keys = [f.key for f in db.session.scalars(select(Factor).order_by(Factor.position))]
    assert header == [*HEADER.split(","), *keys, "id", "created_at", "created_by", "version",
                      "retracted_at", "retraction_reason", "ref"]
    (row,) = _read(text)
    assert row["title"] == "'=HYPERLINK(\"http://x\")" and row["description"] == "'-3 dagen"
    assert row["created_by"] == "'=Piet"
    assert row["p_competence"] == "-1" and row["s_finance"] == "-2" and row["p_openness"] == ""


def test_export_then_import_keeps_every_field_and_score(app):
    source, target, user = make_project(), make_project(), make_user()
    ids = sorted(factor_ids())
    make_event(source, user, occurred_on=date(2025, 1, 5), side="contractor", kind="escalation",
               steering="contractual", escalation_level=4, title="-3 dagen vertraging",
               description='Regel 1\nRegel 2, met "quotes" en ; puntkomma',
               scores={key: (i % 5) - 2 for i, key in enumerate(ids)})
    make_event(source, user, occurred_on=date(2025, 1, 6), kind="moment", planned=True, title="@team")
    make_event(source, user, occurred_on=date(2025, 1, 7), kind="moment", planned=False, title="Koffie",
               steering="mixed")
    gone = make_event(source, user, occurred_on=date(2025, 1, 8), title="Dubbel ingevoerd")
    retract_event(gone, "Per ongeluk twee keer gelogd", user, gone.version)

    assert importing.import_csv(target, event_csv.export_events(source), user).added == 4
    fields = ("occurred_on", "side", "kind", "steering", "escalation_level", "planned", "title",
              "description", "retraction_reason")

    def state(project):
        events = db.session.scalars(select(Event).where(Event.project_id == project.id)
                                    .order_by(Event.occurred_on)).all()
        return [(tuple(getattr(e, f) for f in fields), e.score_map(), e.is_retracted) for e in events]

    assert state(target) == state(source)
    again = db.session.scalars(select(Event).where(Event.project_id == target.id,
                                                   Event.retracted_at.is_not(None))).one()
    assert [r.action for r in again.revisions] == ["created", "retracted"]
    assert again.revisions[-1].note == "Per ongeluk twee keer gelogd"


def test_a_factor_added_by_an_admin_is_exported_and_imported(app):
    db.session.add(Factor(key="s_safety", dimension=Dimension.SYSTEM, label_nl="Veiligheid",
                          label_en="Safety", position=50))
    db.session.commit()
    project, user = make_project(), make_user()
    assert event_csv.template_csv().rstrip("\r\n").split(",")[-2:] == ["s_safety", "ref"]
    importing.import_csv(project, HEADER + ",s_safety\n2025-01-02,client,issue,relational,,,T,,-2\n", user)
    assert db.session.scalar(select(Event)).score_map() == {"s_safety": -2}
    assert _read(event_csv.export_events(project))[0]["s_safety"] == "-2"


def test_template_is_the_import_header(app):
    lines = event_csv.template_csv().splitlines()
    assert len(lines) == 1 and lines[0].startswith(HEADER + ",p_competence,")
    assert "id" not in lines[0].split(",")
