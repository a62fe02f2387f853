"""facts_cache.current_facts: after the first read, only changed rows are read, and the result is exact."""
from datetime import date, datetime

import pytest
from sqlalchemy import update

from tests.factories import add_member, make_event, make_project, make_user
from tracker.domain.types import Kind, Side, Steering
from tracker.extensions import db
from tracker.models import Event
from tracker.services import events, facts_cache
from tracker.services.event_rules import EventInput
from tracker.services.data_version import data_versions
from tracker.services.trust import load_facts


@pytest.fixture
def world(app, facts_reads):
    """A project with three events; every load_facts call is recorded."""
    with app.test_request_context():
        project, user = make_project("FACTS"), make_user()
        add_member(project, user, "client", "manager")
        made = [make_event(project, user, occurred_on=date(2025, 3, d), title=f"E{d}",
                           scores={"p_openness": 1}) for d in (1, 2, 3)]
        yield project, user, made, facts_reads


def current(project):
    return facts_cache.current_facts(project.id, data_versions([project.id])[project.id])


def by_id(facts):
    return sorted(facts, key=lambda f: f.id)


def test_changes_are_merged_from_the_changed_rows_only(world):
    project, user, made, calls = world
    assert by_id(current(project)) == by_id(load_facts(project.id)) and calls == [None]
    seen = data_versions([project.id])[project.id].counter
    make_event(project, user, occurred_on=date(2025, 3, 4), title="E4")
    first = made[0]
    events.edit_event(first, EventInput(occurred_on=date(2025, 2, 1), side=Side.CLIENT, kind=Kind.ISSUE,
                                        steering=Steering.CONTRACTUAL, title="E1 moved",
                                        scores={"s_contract": -2}), user, first.version)
    events.retract_event(made[1], "double", user, made[1].version)
    merged = current(project)
    assert calls == [None, seen]  # the second read asked only for rows changed after `seen`
    assert by_id(merged) == by_id(load_facts(project.id))
    assert {f.title for f in merged} >= {"E1 moved", "E4"} and any(f.retracted for f in merged)


def test_an_unchanged_fingerprint_reads_nothing(world):
    project, _user, _made, calls = world
    current(project)
    current(project)
    assert calls == [None]


def test_rows_changed_outside_the_app_force_a_full_read(world):
    project, _user, made, calls = world
    current(project)
    db.session.execute(update(Event).where(Event.id == made[2].id)
                       .values(title="Fixed by hand", updated_at=datetime(2099, 1, 1)))
    db.session.commit()
    facts = current(project)
    assert calls == [None, None] and "Fixed by hand" in {f.title for f in facts}


def test_a_counter_that_went_back_forces_a_full_read(world):
    project, _user, _made, calls = world
    version = data_versions([project.id])[project.id]
    facts_cache.current_facts(project.id, version._replace(counter=version.counter + 5))  # a newer database
    facts_cache.current_facts(project.id, version)
    assert calls == [None, None]
