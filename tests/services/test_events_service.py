"""Event services: logging, editing with optimistic locking, retracting, and the event queries."""
from dataclasses import replace
from datetime import date, timedelta

import pytest

from tests.factories import add_member, make_event, make_project, make_user
from tracker.domain.types import Kind, Side, Steering
from tracker.extensions import db
from tracker.models import Event, Factor
from tracker.services.errors import EditConflict, ValidationFailed
from tracker.services.events import queries as event_queries
from tracker.services.events.changes import edit_event, input_state, log_event, retract_event, event_state
from tracker.services.events.rules import EventInput


@pytest.fixture
def world(app):
    """A project with a manager on each side, and a second, unrelated project.

    Runs inside a request context: validation messages are translated for a locale.
    """
    with app.test_request_context():
        yield _world()


def _world():
    project = make_project("SVC")
    client_mgr = make_user(name="Clara")
    contractor_mgr = make_user(name="Kees")
    add_member(project, client_mgr, "client", "manager")
    add_member(project, contractor_mgr, "contractor", "manager")
    other = make_project("OTHER")
    add_member(other, client_mgr, "client", "manager")
    return project, client_mgr, contractor_mgr, other


def _input(**fields) -> EventInput:
    base = dict(occurred_on=date(2025, 3, 1), side=Side.CLIENT, kind=Kind.ISSUE,
                steering=Steering.RELATIONAL, title="Late drawings")
    base.update(fields)
    return EventInput(**base)


def _errors(call) -> dict:
    with pytest.raises(ValidationFailed) as info:
        call()
    return info.value.errors


def test_log_event_stores_event_scores_and_first_revision(world):
    project, clara, _, _ = world
    event = log_event(project, _input(scores={"p_openness": -1, "s_contract": 2}), clara)
    db.session.expire_all()
    event = db.session.get(Event, event.id)
    assert event.version == 1 and event.side == Side.CLIENT
    assert event.score_map() == {"p_openness": -1, "s_contract": 2}
    [revision] = event.revisions
    assert revision.action == "created" and revision.changed_by_id == clara.id
    assert revision.changes["title"] == "Late drawings"
    assert revision.changes["scores"] == {"p_openness": -1, "s_contract": 2}


@pytest.mark.parametrize("fields, field", [
    ({"title": "  "}, "title"),
    ({"occurred_on": date.today() + timedelta(days=1)}, "occurred_on"),
    ({"kind": Kind.ESCALATION}, "escalation_level"),
    ({"planned": True}, "planned"),
    ({"scores": {"p_openness": 3}}, "score_p_openness"),
    ({"scores": {"no_such_factor": 1}}, "scores"),
    ({"links_to_id": 99999}, "links_to_id"),
])
def test_log_event_rejects_bad_input(world, fields, field):
    project, clara, _, _ = world
    assert field in _errors(lambda: log_event(project, _input(**fields), clara))
    assert db.session.query(Event).count() == 0


def test_links_must_stay_in_the_project_and_point_back_in_time(world):
    project, clara, _, other = world
    foreign = make_event(other, clara, title="Elsewhere")
    later = make_event(project, clara, occurred_on=date(2025, 5, 1))
    assert "links_to_id" in _errors(lambda: log_event(project, _input(links_to_id=foreign.id), clara))
    assert "links_to_id" in _errors(lambda: log_event(project, _input(links_to_id=later.id), clara))
    earlier = make_event(project, clara, occurred_on=date(2025, 1, 1))
    assert log_event(project, _input(links_to_id=earlier.id), clara).links_to_id == earlier.id


def test_a_retracted_event_cannot_become_a_new_link_target(world):
    project, clara, _, _ = world
    target = make_event(project, clara, occurred_on=date(2025, 1, 1))
    retract_event(target, "duplicate", clara, target.version)
    assert "links_to_id" in _errors(lambda: log_event(project, _input(links_to_id=target.id), clara))


def test_an_existing_link_to_a_later_retracted_event_survives_an_edit(world):
    project, clara, _, _ = world
    target = make_event(project, clara, occurred_on=date(2025, 1, 1))
    event = make_event(project, clara, links_to_id=target.id, title="Follow-up")
    retract_event(target, "duplicate", clara, target.version)
    edited = edit_event(event, _input(links_to_id=target.id, title="Follow-up, renamed"), clara, 1)
    assert edited.links_to_id == target.id and edited.version == 2


def test_edit_records_field_changes_and_bumps_the_version(world):
    project, clara, _, _ = world
    event = make_event(project, clara, scores={"p_openness": -1})
    edit_event(event, _input(title="Drawings very late", scores={"p_openness": -2, "s_mandate": 1}),
               clara, based_on_version=1)
    db.session.expire_all()
    event = db.session.get(Event, event.id)
    assert event.version == 2 and event.title == "Drawings very late"
    assert event.score_map() == {"p_openness": -2, "s_mandate": 1}
    revision = event.revisions[-1]
    assert revision.action == "edited" and revision.version == 2
    assert revision.changes["title"] == ["Something happened", "Drawings very late"]
    assert revision.changes["scores"] == [{"p_openness": -1}, {"p_openness": -2, "s_mandate": 1}]


def test_edit_without_changes_adds_no_revision(world):
    project, clara, _, _ = world
    event = make_event(project, clara)
    edit_event(event, _input(title="Something happened"), clara, 1)
    assert event.version == 1 and len(event.revisions) == 1


def test_edit_from_a_stale_version_is_a_conflict(world):
    project, clara, _, _ = world
    event = make_event(project, clara)
    edit_event(event, _input(title="First edit"), clara, 1)
    with pytest.raises(EditConflict) as info:
        edit_event(event, _input(title="Second edit"), clara, 1)
    assert info.value.current_version == 2
    db.session.expire_all()
    assert db.session.get(Event, event.id).title == "First edit"
    edit_event(event, _input(title="Second edit"), clara, 2)  # "keep mine" on the new version
    assert [r.action for r in event.revisions] == ["created", "edited", "edited"]


def test_side_of_an_event_cannot_change(world):
    project, clara, _, _ = world
    event = make_event(project, clara)
    assert "side" in _errors(lambda: edit_event(event, _input(side=Side.CONTRACTOR), clara, 1))


def test_retracted_event_cannot_be_edited(world):
    project, clara, _, _ = world
    event = make_event(project, clara)
    retract_event(event, "Logged twice", clara, 1)
    errors = _errors(lambda: edit_event(event, _input(title="Changed"), clara, event.version))
    assert "retracted" in " ".join(sum(errors.values(), []))


def test_retract_needs_a_reason_and_keeps_history(world):
    project, clara, _, _ = world
    event = make_event(project, clara)
    assert "reason" in _errors(lambda: retract_event(event, "   ", clara, 1))
    assert not event.is_retracted
    retract_event(event, "Logged twice", clara, 1)
    db.session.expire_all()
    event = db.session.get(Event, event.id)
    assert event.is_retracted and event.retraction_reason == "Logged twice"
    assert event.revisions[-1].action == "retracted" and event.revisions[-1].note == "Logged twice"


def test_retract_from_a_stale_version_is_a_conflict(world):
    project, clara, _, _ = world
    event = make_event(project, clara)
    edit_event(event, _input(title="Edited"), clara, 1)
    with pytest.raises(EditConflict):
        retract_event(event, "why", clara, 1)
    assert not event.is_retracted


def test_snapshots_of_saved_and_attempted_values_compare(world):
    project, clara, _, _ = world
    data = _input(scores={"s_finance": 1}, title=" Padded ")
    event = log_event(project, data, clara)
    assert event_state(event) == input_state(data)


# ---- event_queries -------------------------------------------------------------------------

def _seed(project, clara, kees):
    make_event(project, clara, occurred_on=date(2025, 1, 10), kind="issue", title="a")
    make_event(project, kees, side="contractor", occurred_on=date(2025, 2, 10), kind="escalation",
               escalation_level=2, steering="contractual", title="b")
    make_event(project, kees, side="contractor", occurred_on=date(2025, 3, 10), kind="moment",
               planned=False, title="c")
    gone = make_event(project, clara, occurred_on=date(2025, 4, 10), kind="agreement", title="d")
    retract_event(gone, "wrong project", clara, 1)


def _titles(**filters):
    project_id = db.session.query(Event.project_id).first()[0]
    return [e.title for e in db.session.execute(
        event_queries.filtered_events(project_id, **filters)).scalars()]


def test_filters(world):
    project, clara, kees, _ = world
    _seed(project, clara, kees)
    assert _titles() == ["d", "c", "b", "a"]
    assert _titles(kind="escalation") == ["b"]
    assert _titles(side="contractor") == ["c", "b"]
    assert _titles(steering=Steering.CONTRACTUAL) == ["b"]
    assert _titles(escalation_level=2) == ["b"]
    assert _titles(date_from=date(2025, 2, 1), date_to=date(2025, 3, 31)) == ["c", "b"]
    assert _titles(include_retracted=False) == ["c", "b", "a"]


def test_paging_and_counts(world):
    project, clara, kees, _ = world
    _seed(project, clara, kees)
    page = event_queries.event_page(project.id, page=2, per_page=3)
    assert page.total == 4 and page.pages == 2 and [e.title for e in page.items] == ["a"]
    assert event_queries.event_page(project.id, page=9, per_page=3).items == []
    counts = event_queries.counts_by_kind(project.id)
    assert counts == {Kind.ISSUE: 1, Kind.ESCALATION: 1, Kind.MOMENT: 1, Kind.AGREEMENT: 0}
    assert event_queries.last_event_dates([project.id]) == {project.id: date(2025, 3, 10)}
    assert [e.title for e in event_queries.recent_events(project.id, 2)] == ["d", "c"]


def test_links_both_ways(world):
    project, clara, _, _ = world
    issue = make_event(project, clara, occurred_on=date(2025, 1, 1))
    agreement = make_event(project, clara, kind="agreement", links_to_id=issue.id)
    assert event_queries.linking_events(issue) == [agreement]
    retract_event(issue, "dup", clara, 1)
    assert issue not in event_queries.link_targets(project.id)
    assert issue in event_queries.link_targets(project.id, exclude_id=agreement.id, keep_id=issue.id)


def test_scoring_factors_keep_inactive_ones_an_event_uses(world):
    factor = db.session.query(Factor).filter_by(key="s_monitoring").one()
    factor.is_active = False
    db.session.commit()
    try:
        assert "s_monitoring" not in [f.key for f in event_queries.scoring_factors()]
        assert "s_monitoring" in [f.key for f in event_queries.scoring_factors([factor.id])]
        keys = [f.key for f in event_queries.scoring_factors()]
        assert keys[0] == "p_competence" and len(keys) == 11
    finally:  # the catalogue survives between tests on PostgreSQL
        factor.is_active = True
        db.session.commit()


def test_input_is_not_mutated_by_logging(world):
    project, clara, _, _ = world
    data = _input(scores={"p_openness": 1})
    copy = replace(data, scores=dict(data.scores))
    log_event(project, data, clara)
    assert data == copy
