"""Project.events_version rises with every event change, and the cache fingerprint follows it."""
from datetime import date, datetime

import pytest
from sqlalchemy import select

from tests.factories import add_member, make_event, make_project, make_user
from tracker.domain.types import Kind, Side, Steering
from tracker.extensions import db
from tracker.models import Event, Project
from tracker.services.events import changes as events
from tracker.services.events import importing
from tracker.services.events.rules import EventInput
from tracker.services.trust.version import data_versions


@pytest.fixture
def world(app):
    """Two projects with a client manager, inside a request context (translated messages)."""
    with app.test_request_context():
        project, other, user = make_project("VER"), make_project("VER2"), make_user()
        add_member(project, user, "client", "manager")
        add_member(other, user, "client", "manager")
        yield project, other, user


def counter(project: Project) -> int:
    return db.session.scalar(select(Project.events_version).where(Project.id == project.id))


def _input(**fields) -> EventInput:
    base = dict(occurred_on=date(2025, 3, 1), side=Side.CLIENT, kind=Kind.ISSUE,
                steering=Steering.RELATIONAL, title="Late drawings")
    return EventInput(**{**base, **fields})


def test_logging_editing_and_retracting_each_raise_only_that_projects_counter(world):
    project, other, user = world
    seen, other_start = [counter(project)], counter(other)
    event = make_event(project, user)
    seen.append(counter(project))
    event = events.edit_event(event, _input(title="Later drawings"), user, event.version)
    seen.append(counter(project))
    events.retract_event(event, "logged twice", user, event.version)
    seen.append(counter(project))
    assert seen == sorted(set(seen))  # strictly rising
    assert counter(other) == other_start


def test_a_change_to_the_scores_alone_raises_the_counter(world):
    project, _other, user = world
    event = make_event(project, user, scores={"p_openness": 1})
    before = counter(project)
    events.edit_event(event, _input(title="Something happened", scores={"p_openness": -2}), user,
                      event.version)
    assert counter(project) > before


def test_a_csv_import_raises_the_counter(world):
    project, _other, user = world
    before = counter(project)
    text = ("occurred_on,side,kind,steering,escalation_level,planned,title,description,p_openness\n"
            "2025-01-02,client,issue,relational,,,Crane delayed,,-1\n")
    assert importing.import_csv(project, text, user).added == 1
    assert counter(project) > before


def test_the_fingerprint_changes_even_when_an_edit_carries_an_older_timestamp(world, monkeypatch):
    """Two writers: the one that commits last may have stamped its row first (clocks are not commit
    order). A fingerprint of count and latest timestamp would then not change; the counter does."""
    project, _other, user = world
    first = make_event(project, user, title="First")
    make_event(project, user, title="Second")  # the newest updated_at from here on
    before = data_versions([project.id])[project.id]
    monkeypatch.setattr(events, "utcnow", lambda: datetime(2000, 1, 1))
    events.edit_event(first, _input(title="First, corrected"), user, first.version)
    assert data_versions([project.id])[project.id] != before


def test_an_edit_raises_the_event_version_by_exactly_one(world):
    project, _other, user = world
    event = make_event(project, user, title="A")
    before = counter(project)
    event = events.edit_event(event, _input(title="A, edited", scores={"p_openness": 2}), user, event.version)
    db.session.expire_all()
    assert db.session.get(Event, event.id).version == 2 and counter(project) > before
