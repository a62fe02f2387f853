"""Stored trust histories: computed once per change and day, read back equal, never stale."""
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from tests.factories import add_member, csrf_token, login, make_event, make_project, make_user
from tests.web.test_events import form_data
from tracker.extensions import db
from tracker.models import Event
from tracker.models.stored_history import StoredHistory
from tracker.services import history, history_store

TODAY = date.today()


@pytest.fixture
def world(app, monkeypatch):
    """A project whose events raise signals (silence at least); every computation is counted."""
    with app.test_request_context():
        project, user = make_project("HIST", start_date=TODAY - timedelta(days=400)), make_user()
        add_member(project, user, "client", "manager")
        for days in (300, 200, 120, 90):
            make_event(project, user, occurred_on=TODAY - timedelta(days=days), kind="issue",
                       steering="contractual", scores={"p_openness": -1, "s_contract": 1},
                       title=f"Gebeurtenis {days} — ‘quoted’")
        computed = []

        def counting(*args, **kwargs):
            computed.append(args[1])
            return compute(*args, **kwargs)

        compute = history.compute_history
        monkeypatch.setattr(history, "compute_history", counting)
        history._cache.clear()
        yield project, user, computed


def stored_key(project):
    db.session.rollback()
    return db.session.scalar(select(StoredHistory.key).where(StoredHistory.project_id == project.id))


def test_a_stored_history_reads_back_equal_in_a_worker_that_never_computed_it(world):
    project, _user, computed = world
    first = history.trust_history(project, TODAY)
    assert first.current.flags and first.evidence  # something worth round-tripping
    history._cache.clear()  # another worker
    again = history.trust_history(project, TODAY)
    assert again == first and computed == [TODAY]


def test_a_change_to_the_events_is_never_served_from_the_old_row(world):
    project, user, computed = world
    history.trust_history(project, TODAY)
    make_event(project, user, occurred_on=TODAY - timedelta(days=1), title="Nieuw")
    history._cache.clear()
    fresh = history.trust_history(project, TODAY)
    assert computed == [TODAY, TODAY]
    assert fresh.current.figures.last_event_on == TODAY - timedelta(days=1)


def test_other_dates_are_computed_but_not_stored(world):
    project, _user, computed = world
    history.trust_history(project, TODAY - timedelta(days=10))
    assert stored_key(project) is None and computed == [TODAY - timedelta(days=10)]


@pytest.mark.parametrize("change", [{"payload": "{broken"}, {"payload": "{}"}, {"payload": "[1, 2]"}])
def test_an_unreadable_row_is_computed_again_and_replaced(world, change):
    project, _user, computed = world
    history.trust_history(project, TODAY)
    db.session.execute(update(StoredHistory).where(StoredHistory.project_id == project.id).values(**change))
    db.session.commit()
    history._cache.clear()
    history.trust_history(project, TODAY)
    history._cache.clear()
    history.trust_history(project, TODAY)
    assert computed == [TODAY, TODAY]


def test_the_layout_fingerprint_follows_the_fields_of_nested_classes():
    @dataclass(frozen=True)
    class Inner:
        value: float

    @dataclass(frozen=True)
    class Outer:
        inner: Inner

    before = history_store.layout(Outer)

    @dataclass(frozen=True)
    class Inner:  # noqa: F811 - the same names with one more field, as after a release
        value: float
        events: int

    @dataclass(frozen=True)
    class Outer:  # noqa: F811
        inner: Inner

    assert history_store.layout(Outer) != before
    assert history_store.layout(history.TrustHistory) == history_store.layout(history.TrustHistory)


def test_logging_an_event_in_the_browser_stores_todays_history_for_every_worker(app, world):
    project, user, computed = world
    client = app.test_client()
    login(client, user)
    response = client.post(f"/projects/{project.code}/events/new",
                           data={**form_data(occurred_on=TODAY.isoformat(), title="Vandaag"),
                                 "csrf_token": csrf_token(client, "/")})
    assert response.status_code == 302 and computed == [TODAY]  # computed by the request that logged it
    history._cache.clear()  # the next view lands on another worker
    assert client.get(f"/projects/{project.code}/dashboard").status_code == 200
    assert computed == [TODAY]


def test_a_failing_history_does_not_fail_the_saved_change(app, world, monkeypatch, caplog):
    project, user, _computed = world

    def broken(*_args):
        raise RuntimeError("model bug")

    monkeypatch.setattr(history, "compute_history", broken)
    client = app.test_client()
    login(client, user)
    response = client.post(f"/projects/{project.code}/events/new",
                           data={**form_data(occurred_on=TODAY.isoformat(), title="Toch bewaard"),
                                 "csrf_token": csrf_token(client, "/")})
    assert response.status_code == 302
    db.session.rollback()
    assert db.session.scalar(select(Event.id).where(Event.title == "Toch bewaard")) is not None
    assert "not computed after a change" in caplog.text


def test_a_row_from_other_code_is_not_used(world, monkeypatch):
    project, _user, computed = world
    history.trust_history(project, TODAY)
    history._cache.clear()
    history_store.layout.cache_clear()
    monkeypatch.setattr(history_store, "_code_fingerprint", lambda: "a later release of the model")
    history.trust_history(project, TODAY)
    history_store.layout.cache_clear()  # the real fingerprint again for the other tests
    assert computed == [TODAY, TODAY]
