"""`flask tracker import-events` and `export-events`."""
from sqlalchemy import func, select

from tests.factories import make_event, make_project, make_user
from tracker.extensions import db
from tracker.models import Event

HEADER = "occurred_on,side,kind,steering,escalation_level,planned,title,description,s_procedures"
ROWS = ("2025-01-10,client,issue,contractual,,,Brief met beroep op de planning,,-1\n"
        "2025-01-12,contractor,agreement,relational,,,Afspraak over de planning,,2\n")


def count_events() -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(Event))


def test_import_all_sides_without_author(runner, tmp_path):
    make_project("N712")
    path = tmp_path / "events.csv"
    path.write_text(HEADER + "\n" + ROWS, encoding="utf-8")
    result = runner.invoke(args=["tracker", "import-events", "N712", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Imported 2 events into N712"
    assert count_events() == 2
    assert db.session.scalar(select(Event).where(Event.created_by_id.is_not(None))) is None


def test_import_errors_go_to_stderr_and_nothing_is_stored(runner, tmp_path):
    make_project("N712")
    path = tmp_path / "events.csv"
    path.write_text(HEADER + ",kleur\n" + "2025-01-10,klant,issue,contractual,,,T,,-3,\n", encoding="utf-8")
    result = runner.invoke(args=["tracker", "import-events", "N712", str(path)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert "line 1, column kleur: Unknown column." in lines[0]
    assert any(line.startswith("line 2, column side: ") for line in lines)
    assert any(line.startswith("line 2, column s_procedures: ") for line in lines)
    assert result.stdout == "" and count_events() == 0


def test_import_unknown_project_or_missing_file(runner, tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(HEADER + "\n" + ROWS, encoding="utf-8")
    result = runner.invoke(args=["tracker", "import-events", "NOPE", str(path)])
    assert result.exit_code != 0 and "No project with code 'NOPE'" in result.output
    make_project("N712")
    result = runner.invoke(args=["tracker", "import-events", "N712", str(tmp_path / "missing.csv")])
    assert result.exit_code != 0 and "missing.csv" in result.output
    assert count_events() == 0


def test_export_to_stdout_and_to_a_file_round_trips(runner, tmp_path):
    source, user = make_project("SRC"), make_user()
    make_event(source, user, title="+31 6 bellen", description="regel 1\nregel 2", scores={"s_procedures": -2})
    result = runner.invoke(args=["tracker", "export-events", "SRC"])
    assert result.exit_code == 0
    assert result.stdout.startswith("occurred_on,side,kind,steering,")
    assert "'+31 6 bellen" in result.stdout
    target = tmp_path / "out.csv"
    result = runner.invoke(args=["tracker", "export-events", "SRC", str(target)])
    assert result.exit_code == 0 and target.read_bytes() == runner.invoke(
        args=["tracker", "export-events", "SRC"]).stdout_bytes
    make_project("DST")
    result = runner.invoke(args=["tracker", "import-events", "DST", str(target)])
    assert result.exit_code == 0 and "Imported 1 events into DST" in result.stdout
    copy = db.session.scalars(select(Event).order_by(Event.id.desc())).first()
    assert (copy.title, copy.description, copy.score_map()) == ("+31 6 bellen", "regel 1\nregel 2",
                                                                {"s_procedures": -2})


def test_export_unknown_project(runner):
    result = runner.invoke(args=["tracker", "export-events", "NOPE"])
    assert result.exit_code == 1 and "No project with code 'NOPE'" in result.output


def test_import_events_reports_the_views_it_adds(app, tmp_path):
    make_project("VIEWS")
    path = tmp_path / "pair.csv"
    path.write_text("occurred_on,side,kind,steering,escalation_level,planned,title,description,p_openness,ref\n"
                    "2025-03-11,client,issue,contractual,,,Claim,,-1,C-1\n"
                    "2025-03-11,contractor,,,,,,Normal for us,1,C-1\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["tracker", "import-events", "VIEWS", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Imported 1 events with 1 views of the other party into VIEWS"
