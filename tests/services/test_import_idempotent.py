"""Importing a file twice, or an export into its own project, adds nothing twice; changes are refused."""
from datetime import date

import pytest
from sqlalchemy import func, select

from tests.factories import make_event, make_project, make_user
from tracker.extensions import db
from tracker.models import Event, EventRevision, Project
from tracker.services.errors import ValidationFailed
from tracker.services.events import importing
from tracker.services.events import transfer as event_csv
from tracker.services.events.changes import retract_event

HEADER = "occurred_on,side,kind,steering,escalation_level,planned,title,description,p_openness"
FILE = (HEADER + "\n2025-02-03,client,moment,relational,,planned,Bouwteamoverleg,,2\n"
        "2025-02-10,client,issue,contractual,,,Brief over planning,,-1\n"
        "2025-02-11,client,issue,contractual,,,Brief over planning,,-1\n")


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context():
        yield


def count(project) -> int:
    return db.session.scalar(select(func.count()).select_from(Event).where(Event.project_id == project.id))


def test_the_same_file_twice_adds_its_events_once():
    project, user = make_project(), make_user()
    assert importing.import_csv(project, FILE, user).added == 3
    again = importing.import_csv(project, FILE, user)
    assert again.added == 0 and [(s.line, s.reason) for s in again.skipped] == [
        (2, "identical"), (3, "identical"), (4, "identical")]
    assert count(project) == 3


def test_identical_twins_in_one_file_are_both_kept_and_matched_one_to_one():
    project, user = make_project(), make_user()
    twin = HEADER + "\n" + "2025-02-03,client,moment,relational,,,Koffie,,1\n" * 2
    assert importing.import_csv(project, twin, user).added == 2
    assert importing.import_csv(project, twin + "2025-02-03,client,moment,relational,,,Koffie,,1\n",
                                user).added == 1


def test_an_unchanged_export_reimports_into_its_own_project_as_skipped_rows():
    project, client_manager, contractor = make_project(), make_user(), make_user()
    make_event(project, client_manager, title="Ours", scores={"p_openness": 1})
    make_event(project, contractor, side="contractor", title="Theirs")
    gone = make_event(project, client_manager, title="Dubbel")
    retract_event(gone, "Twee keer gelogd", client_manager, gone.version)
    exported = event_csv.export_events(project)
    plan = importing.import_csv(project, exported, client_manager, allowed_sides={"client"})
    assert plan.added == 0
    assert sorted(s.reason for s in plan.skipped) == ["other_side", "unchanged", "unchanged"]
    assert count(project) == 3


def test_a_changed_row_with_a_known_id_is_refused_with_a_clear_error():
    project, user = make_project(), make_user()
    event = make_event(project, user, title="Original")
    exported = event_csv.export_events(project).replace("Original", "Edited in a spreadsheet")
    with pytest.raises(ValidationFailed) as info:
        importing.import_csv(project, exported, user)
    (error,) = info.value.errors
    assert (error.line, error.column) == (2, "id") and f"#{event.id}" in error.message
    db.session.rollback()
    assert db.session.get(Event, event.id).title == "Original" and count(project) == 1


def test_an_id_of_another_project_is_a_new_event_there():
    source, target, user = make_project(), make_project(), make_user()
    make_event(source, user, title="Elsewhere")
    exported = event_csv.export_events(source)
    assert importing.import_csv(target, exported, user).added == 1
    assert importing.import_csv(target, exported, user).added == 0  # and only once
    assert count(source) == 1 and count(target) == 1


def test_a_ref_is_stored_and_matches_on_the_next_import():
    project, user = make_project(), make_user()
    text = HEADER + ",ref\n2025-02-03,client,moment,relational,,,Koffie,,1,REG-17\n"
    assert importing.import_csv(project, text, user).added == 1
    assert db.session.scalar(select(Event.ref)) == "REG-17"
    assert importing.import_csv(project, text, user).skipped[0].reason == "unchanged"
    with pytest.raises(ValidationFailed) as info:
        importing.import_csv(project, text.replace(",1,REG-17", ",2,REG-17"), user)
    assert info.value.errors[0].column == "ref"


def test_an_id_or_ref_twice_in_one_file_is_an_error():
    project, user = make_project(), make_user()
    text = HEADER + ",ref\n" + "2025-02-03,client,moment,relational,,,Koffie,,1,R1\n" * 2
    with pytest.raises(ValidationFailed) as info:
        importing.import_csv(project, text, user)
    assert [(e.line, e.column) for e in info.value.errors] == [(3, "ref")]


def test_the_bulk_path_writes_revisions_and_raises_the_events_counter():
    project, user = make_project(), make_user()
    before = db.session.scalar(select(Project.events_version).where(Project.id == project.id))
    importing.import_csv(project, HEADER + ",retraction_reason\n2025-02-03,client,moment,relational,,,K,,1,Fout\n",
                         user)
    db.session.rollback()
    event = db.session.scalar(select(Event))
    assert [(r.version, r.action, r.note) for r in event.revisions] == [(1, "created", None), (2, "retracted", "Fout")]
    assert event.revisions[0].changes["title"] == "K" and event.revisions[0].changes["scores"] == {"p_openness": 1}
    assert event.version == 2 and event.is_retracted and event.created_by_id == user.id
    after = db.session.scalar(select(Project.events_version).where(Project.id == project.id))
    assert after > before
    assert db.session.scalar(select(func.count()).select_from(EventRevision)) == 2
    assert event.occurred_on == date(2025, 2, 3)
