"""Both parties' views of one event in the event CSV: the export writes a second row (same ref,
other side); the import pairs such rows, re-imports them idempotently and refuses changed views."""
import csv
import io
from datetime import date

import pytest
from sqlalchemy import func, select

from tests.factories import make_event, make_project, make_user
from tracker.extensions import db
from tracker.models import Event, EventRevision, EventView
from tracker.services.errors import ValidationFailed
from tracker.services.events import importing
from tracker.services.events import transfer as event_csv
from tracker.services.events.views import save_view
from tracker.services.trust.history import trust_history

HEADER = "occurred_on,side,kind,steering,escalation_level,planned,title,description,p_openness,s_procedures,ref"
PAIR = (HEADER + "\n2025-03-01,client,escalation,contractual,2,,To the directors,,-2,-1,ESC-7\n"
        "2025-03-01,contractor,,,,,,Felt like a formal step,1,-1,ESC-7\n")


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context():
        yield


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def with_ref(event: Event, ref: str) -> Event:
    event.ref = ref
    db.session.commit()
    return event


def events_of(project) -> list[Event]:
    return list(db.session.scalars(select(Event).where(Event.project_id == project.id).order_by(Event.id)))


def test_a_second_row_with_the_ref_and_the_other_side_is_the_other_partys_view():
    project, user = make_project(), make_user()
    plan = importing.import_csv(project, PAIR, user)
    assert (plan.added, plan.views_added) == (1, 1)
    (event,) = events_of(project)
    assert event.side.value == "client" and event.score_map() == {"p_openness": -2, "s_procedures": -1}
    assert event.other_view.score_map() == {"p_openness": 1, "s_procedures": -1}
    assert event.other_view.note == "Felt like a formal step" and event.version == 2
    assert [r.action for r in event.revisions] == ["created", "view"]
    figures = trust_history(project, date(2025, 3, 1)).current.figures
    assert figures.events == 1  # counted once
    assert figures.by_side["contractor"].personal.value == 100.0 and figures.by_side["client"].personal.value == 0.0


def test_the_export_writes_the_view_row_and_it_reimports_into_another_project():
    source, user = make_project(), make_user()
    escalation = make_event(source, user, kind="escalation", escalation_level=2, steering="contractual",
                            title="To the directors", scores={"p_openness": -2})
    save_view(escalation, {"p_openness": 1}, "Felt like a formal step", user, escalation.version)
    with_ref(make_event(source, user, title="No second view"), "R-2")
    exported = event_csv.export_events(source)
    first, second, third = rows(exported)
    assert (first["side"], second["side"]) == ("client", "contractor")
    assert first["ref"] == second["ref"] == f"event-{escalation.id}" and third["ref"] == "R-2"
    assert second["p_openness"] == "1" and second["description"] == "Felt like a formal step"
    assert second["id"] == "" and second["kind"] == "escalation"
    target = make_project()
    plan = importing.import_csv(target, exported, user)
    assert (plan.added, plan.views_added) == (2, 1)
    copied = events_of(target)[0]
    assert copied.other_view.score_map() == {"p_openness": 1} and copied.ref == f"event-{escalation.id}"
    again = importing.import_csv(target, exported, user)
    assert (again.added, again.views_added) == (0, 0)
    assert [s.reason for s in again.skipped] == ["unchanged", "unchanged", "unchanged"]


def test_an_export_reimports_into_its_own_project_without_changes():
    project, client, contractor = make_project(), make_user(), make_user()
    event = make_event(project, client, scores={"p_openness": -1})
    save_view(event, {"p_openness": 2}, "", contractor, event.version)
    exported = event_csv.export_events(project)
    plan = importing.import_csv(project, exported, client)
    assert (plan.added, plan.views_added) == (0, 0) and len(plan.skipped) == 2
    assert db.session.scalar(select(func.count()).select_from(EventRevision)
                             .where(EventRevision.event_id == event.id)) == 2


def test_a_changed_view_is_refused_and_nothing_is_stored():
    project, user = make_project(), make_user()
    importing.import_csv(project, PAIR, user)
    changed = PAIR.replace("Felt like a formal step,1,-1", "Felt like a formal step,2,-1")
    with pytest.raises(ValidationFailed) as refused:
        importing.import_csv(project, changed + "2025-03-02,client,moment,relational,,,New,,1,,\n", user)
    (error,) = refused.value.errors
    assert error.line == 3 and "other party's view with other values" in error.message
    assert len(events_of(project)) == 1


def test_a_view_row_adds_the_view_to_a_stored_event_that_has_none():
    project, user = make_project(), make_user()
    with_ref(make_event(project, user, title="To the directors", kind="escalation", escalation_level=2,
                        steering="contractual", scores={"p_openness": -2, "s_procedures": -1},
                        occurred_on=date(2025, 3, 1)), "ESC-7")
    before = events_of(project)[0].version
    plan = importing.import_csv(project, PAIR, None)
    assert (plan.added, plan.views_added) == (0, 1)
    db.session.expire_all()
    (event,) = events_of(project)
    assert event.other_view.score_map() == {"p_openness": 1, "s_procedures": -1}
    assert [r.action for r in event.revisions] == ["created", "view"] and event.version == before + 1


def test_a_manager_imports_only_the_view_of_their_own_side():
    project, user = make_project(), make_user()
    plan = importing.preview_csv(project, PAIR, allowed_sides={"contractor"})
    # the client's event is not in the project yet, so the contractor's view has nothing to join
    assert (plan.added, plan.views_added) == (0, 0)
    assert [(s.line, s.reason) for s in plan.skipped] == [(2, "other_side"), (3, "no_event")]
    importing.import_csv(project, PAIR, user, allowed_sides={"client"})
    plan = importing.import_csv(project, PAIR, user, allowed_sides={"contractor"})
    assert (plan.added, plan.views_added) == (0, 1)
    assert events_of(project)[0].other_view.score_map() == {"p_openness": 1, "s_procedures": -1}


def test_bad_view_rows_are_reported_by_line_and_column():
    bad = (HEADER + ",retraction_reason,id\n"
           "2025-03-01,client,issue,contractual,,,Base,,-2,,A,,\n"
           "2025-03-01,contractor,,,,,,Note,3,,A,Oops,77\n"
           "2025-03-01,client,issue,contractual,,,Base again,,-2,,A,,\n"
           "2025-03-01,contractor,,,,,,Third row,1,,A,,\n")
    with pytest.raises(ValidationFailed) as refused:
        importing.import_csv(make_project(), bad, make_user())
    found = {(e.line, e.column) for e in refused.value.errors}
    assert {(3, "p_openness"), (3, "retraction_reason"), (3, "id"), (4, "ref"), (5, "ref")} <= found
    assert db.session.scalar(select(func.count()).select_from(EventView)) == 0


def test_same_side_twice_is_still_a_duplicate_ref():
    twice = HEADER + "\n2025-03-01,client,issue,contractual,,,One,,1,,X\n2025-03-02,client,issue,contractual,,,Two,,1,,X\n"
    with pytest.raises(ValidationFailed) as refused:
        importing.import_csv(make_project(), twice, make_user())
    assert [(e.line, e.column) for e in refused.value.errors] == [(3, "ref")]
