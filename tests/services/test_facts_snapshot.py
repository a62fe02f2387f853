"""The stored facts snapshot: a worker that has not seen a project reads one row, never wrong facts."""
from datetime import date

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.exc import OperationalError

from tests.factories import add_member, make_event, make_project, make_user
from tracker import database
from tracker.extensions import db
from tracker.models import Event, EventRevision, EventScore
from tracker.models.facts_snapshot import FactsSnapshot
from tracker.services import events, facts_cache, facts_snapshot, portfolio
from tracker.services.data_version import data_versions
from tracker.services.trust import load_facts


@pytest.fixture
def world(app, facts_reads):
    """A project with varied events (escalation chain, retraction, unicode, no scores); reads recorded."""
    with app.test_request_context():
        project, user = make_project("SNAP"), make_user()
        add_member(project, user, "client", "manager")
        issue = make_event(project, user, occurred_on=date(2025, 3, 1), title="Kade scheurt — één",
                           kind="issue", steering="contractual", scores={"s_contract": -2, "p_openness": 1})
        make_event(project, user, occurred_on=date(2025, 3, 5), kind="escalation", escalation_level=2,
                   links_to_id=issue.id, side="contractor", title="Naar de directie")
        made = make_event(project, user, occurred_on=date(2025, 3, 9), kind="moment", title="Koffie")
        events.retract_event(made, "dubbel", user, made.version)
        yield project, user, facts_reads


def current(project):
    return sorted(facts_cache.current_facts(project.id, data_versions([project.id])[project.id]),
                  key=lambda f: f.id)


def full(project):
    return sorted(load_facts(project.id), key=lambda f: f.id)


def stored_version(project):
    return db.session.scalar(select(FactsSnapshot.events_version)
                             .where(FactsSnapshot.project_id == project.id))


def test_encoding_round_trips_every_field(world):
    project, _user, _calls = world
    facts = full(project)
    assert any(f.retracted for f in facts) and any(f.links_to for f in facts)
    assert sorted(facts_snapshot.decode(facts_snapshot.encode(facts)).values(), key=lambda f: f.id) == facts


def test_a_fresh_worker_reads_the_stored_row_instead_of_the_events(world):
    project, user, calls = world
    assert current(project) == full(project) and calls == [None]  # first read ever: the events
    assert stored_version(project) == data_versions([project.id])[project.id].counter
    facts_cache.forget()  # another worker, or this one restarted
    assert current(project) == full(project) and calls == [None]
    seen = stored_version(project)
    make_event(project, user, occurred_on=date(2025, 4, 1), title="Nieuw")
    facts_cache.forget()
    assert current(project) == full(project) and calls == [None, seen]  # the stored row plus the new one


def test_the_stored_row_is_rewritten_once_enough_rows_were_merged(world, monkeypatch):
    project, user, _calls = world
    monkeypatch.setattr(facts_cache, "REWRITE_AFTER", 2)
    current(project)
    first = stored_version(project)
    make_event(project, user, occurred_on=date(2025, 4, 1))
    current(project)
    assert stored_version(project) == first  # one merged row: not worth a rewrite yet
    make_event(project, user, occurred_on=date(2025, 4, 2))
    assert current(project) == full(project)
    assert stored_version(project) == data_versions([project.id])[project.id].counter


@pytest.mark.parametrize("change", [{"payload": "{not json"}, {"payload": "[[1, 2]]"},
                                    {"format": facts_snapshot.FORMAT + 1}, {"rows": 99}])
def test_an_unusable_stored_row_is_ignored_and_replaced(world, change):
    project, _user, calls = world
    current(project)
    db.session.execute(update(FactsSnapshot).where(FactsSnapshot.project_id == project.id).values(**change))
    db.session.commit()
    facts_cache.forget()
    assert current(project) == full(project) and calls == [None, None]
    facts_cache.forget()
    assert current(project) == full(project) and calls == [None, None]  # replaced by a good one


def test_a_stored_row_newer_than_the_database_is_not_used(world):
    project, _user, calls = world
    current(project)
    db.session.execute(update(FactsSnapshot).where(FactsSnapshot.project_id == project.id)
                       .values(events_version=FactsSnapshot.events_version + 10))
    db.session.commit()
    facts_cache.forget()
    assert current(project) == full(project) and calls == [None, None]


def test_rows_removed_outside_the_app_are_noticed(world):
    project, _user, calls = world
    current(project)
    oldest = db.session.scalar(select(Event.id).where(Event.project_id == project.id)
                               .order_by(Event.updated_at).limit(1))  # not the latest: fingerprint unchanged
    db.session.execute(update(Event).where(Event.links_to_id == oldest).values(links_to_id=None))
    db.session.execute(delete(EventRevision).where(EventRevision.event_id == oldest))
    db.session.execute(delete(EventScore).where(EventScore.event_id == oldest))
    db.session.execute(delete(Event).where(Event.id == oldest))
    db.session.commit()
    facts_cache.forget()
    facts = current(project)
    assert oldest not in {f.id for f in facts} and facts == full(project)


def test_a_busy_database_leaves_the_row_unwritten_and_the_facts_right(world, monkeypatch):
    project, _user, _calls = world

    def locked():
        raise OperationalError("BEGIN IMMEDIATE", {}, Exception("database is locked"))

    monkeypatch.setattr(database, "write_transaction", locked)
    assert current(project) == full(project)
    assert stored_version(project) is None


def test_other_database_errors_are_not_swallowed(world, monkeypatch):
    project, _user, _calls = world

    def broken():
        raise OperationalError("BEGIN IMMEDIATE", {}, Exception("no such table: facts_snapshot"))

    monkeypatch.setattr(database, "write_transaction", broken)
    with pytest.raises(OperationalError):
        current(project)


def test_the_nightly_refresh_stores_a_snapshot_for_every_project(world):
    project, user, _calls = world
    other = make_project("SNAP2")
    make_event(other, user, occurred_on=date(2025, 3, 2))
    db.session.execute(delete(FactsSnapshot))
    db.session.commit()
    facts_cache.forget()
    portfolio.refresh_all(date(2025, 6, 1))
    assert stored_version(project) == data_versions([project.id])[project.id].counter
    assert stored_version(other) == data_versions([other.id])[other.id].counter
