"""Recording interventions: who may, what is checked, and what is listed."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.factories import add_member, make_project, make_user
from tracker.extensions import db
from tracker.models import InterventionRecord
from tracker.services.access import project_access
from tracker.services.errors import Forbidden, ValidationFailed
from tracker.services.trust.interventions import (NOTE_MAX, check_intervention, list_interventions,
                                                  record_intervention)

TODAY = date(2025, 6, 30)
START = date(2025, 1, 1)


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(InterventionRecord))


@pytest.fixture
def seats(app):
    """A project started on START with a coach, a contractor manager and a client member."""
    project = make_project(start_date=START)
    people = {}
    for key, side, role in (("coach", "coach", "member"), ("manager", "contractor", "manager"),
                            ("member", "client", "member")):
        people[key] = make_user(name=f"{key.title()} Jansen")
        add_member(project, people[key], side, role)
    return project, people


def test_check_accepts_good_input():
    assert check_intervention("person_to_person", TODAY, "crowding_out", "note",
                              project_start=START, today=TODAY) == {}
    assert check_intervention("joint_timeline", START, None, "", project_start=START, today=TODAY) == {}


@pytest.mark.parametrize("kwargs, field", [
    ({"key": "unknown"}, "intervention"),
    ({"signal_code": "gossip"}, "signal"),
    ({"started_on": None}, "started_on"),
    ({"started_on": TODAY + timedelta(days=1)}, "started_on"),
    ({"started_on": START - timedelta(days=1)}, "started_on"),
    ({"note": "x" * (NOTE_MAX + 1)}, "note"),
])
def test_check_names_the_broken_field(kwargs, field):
    values = {"key": "person_to_person", "started_on": TODAY, "signal_code": None, "note": ""}
    values.update(kwargs)
    errors = check_intervention(values["key"], values["started_on"], values["signal_code"],
                                values["note"], project_start=START, today=TODAY)
    assert list(errors) == [field]


@pytest.mark.parametrize("who", ["coach", "manager"])
def test_coaches_and_managers_record(seats, who):
    project, people = seats
    access = project_access(people[who], project.code)
    record = record_intervention(access, people[who], key="ugly_picture", started_on=date(2025, 3, 1),
                                 signal_code="crowding_out", note="  With both directors  ", today=TODAY)
    assert record.id and record.note == "With both directors" and record.recorded_by_id == people[who].id
    assert _count() == 1


def test_members_are_forbidden_and_nothing_is_stored(seats):
    project, people = seats
    with pytest.raises(Forbidden):
        record_intervention(project_access(people["member"], project.code), people["member"],
                            key="ugly_picture", started_on=date(2025, 3, 1), today=TODAY)
    assert _count() == 0


def test_bad_input_raises_and_stores_nothing(seats):
    project, people = seats
    with pytest.raises(ValidationFailed) as caught:
        record_intervention(project_access(people["coach"], project.code), people["coach"],
                            key="ugly_picture", started_on=TODAY + timedelta(days=2), today=TODAY)
    assert "started_on" in caught.value.errors and _count() == 0


def test_empty_signal_is_stored_as_none_and_the_list_is_in_start_order(seats):
    project, people = seats
    access = project_access(people["coach"], project.code)
    for day, key in ((date(2025, 5, 1), "joint_timeline"), (date(2025, 2, 1), "work_in_pairs")):
        record_intervention(access, people["coach"], key=key, started_on=day, signal_code="",
                            today=TODAY)
    listed = list_interventions(project.id)
    assert [(r.key, r.started_on, r.signal_code) for r in listed] == [
        ("work_in_pairs", date(2025, 2, 1), None), ("joint_timeline", date(2025, 5, 1), None)]
    assert listed[0].recorded_by == "Coach Jansen"
    other = make_project()
    assert list_interventions(other.id) == []
