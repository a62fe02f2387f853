"""kill -9 of a gunicorn worker while events are being logged loses no acknowledged event."""
import threading
import time

import pytest
from sqlalchemy import func, select, text

from tests.factories import PASSWORD, add_member, make_project, make_user
from tests.faults.conftest import app_for, close
from tests.faults.live import Client, Gunicorn, event_fields, is_acknowledged
from tracker.extensions import db
from tracker.models import Event, EventRevision, EventScore

KILLS = 3
ACKS_BETWEEN_KILLS = 8
MAX_POSTS_PER_CLIENT = 400
DEADLINE_SECONDS = 20


class Stream(threading.Thread):
    """One client logging numbered events back to back until told to stop."""

    def __init__(self, port: int, email: str, code: str, name: str) -> None:
        super().__init__(daemon=True)
        self.port, self.email, self.code, self.name = port, email, code, name
        self.acknowledged: list[str] = []
        self.dropped = 0  # connection lost or 5xx: not acknowledged, may or may not be stored
        self.stop = threading.Event()

    def run(self) -> None:
        client = Client(self.port, timeout=30)
        client.login(self.email, PASSWORD)
        token = client.csrf(f"/projects/{self.code}/events/new")
        for number in range(MAX_POSTS_PER_CLIENT):
            if self.stop.is_set():
                return
            title = f"{self.name}-{number}"
            try:
                status, headers, _body = client.post(f"/projects/{self.code}/events/new",
                                                     event_fields(title, token))
            except ConnectionError:
                self.dropped += 1
                continue
            if is_acknowledged(status, headers):
                self.acknowledged.append(title)
            else:
                self.dropped += 1


def _wait_for(predicate, deadline: float) -> None:
    """Poll until the predicate holds or the deadline passes."""
    while not predicate() and time.monotonic() < deadline:
        time.sleep(0.02)


def _seed(url: str) -> str:
    """A manager on project KILL; returns the manager's e-mail address."""
    app = app_for(url)
    with app.app_context():
        user = make_user("writer@example.test")
        add_member(make_project("KILL"), user, "client", "manager")
    close(app)
    return "writer@example.test"


@pytest.mark.parametrize("database, workers", [("sqlite", 1), ("postgresql", 2)])
def test_kill_9_of_a_worker_loses_no_acknowledged_event(request, tmp_path, database, workers):
    url = request.getfixturevalue(f"{database}_url" if database == "sqlite" else "postgres_url")
    email = _seed(url)
    deadline = time.monotonic() + DEADLINE_SECONDS
    with Gunicorn(url, workers=workers, log_path=tmp_path / "gunicorn.log") as server:
        streams = [Stream(server.port, email, "KILL", f"w{i}") for i in range(workers)]
        for stream in streams:
            stream.start()
        acked = lambda: sum(len(s.acknowledged) for s in streams)  # noqa: E731
        killed = []
        for kill in range(KILLS):
            _wait_for(lambda: acked() >= (kill + 1) * ACKS_BETWEEN_KILLS, deadline)
            pids = server.worker_pids()
            assert pids, server.log_tail()
            server.kill_worker(pids[kill % len(pids)])
            killed.append(pids[kill % len(pids)])
        _wait_for(lambda: acked() >= (KILLS + 1) * ACKS_BETWEEN_KILLS, deadline)
        for stream in streams:
            stream.stop.set()
        for stream in streams:
            stream.join(timeout=30)
        assert server.is_ours(), "the server did not recover from the kills"
        assert not set(killed) & set(server.worker_pids()), "killed workers are still there"
    acknowledged = [title for s in streams for title in s.acknowledged]
    assert len(acknowledged) >= (KILLS + 1) * ACKS_BETWEEN_KILLS, "the stream did not keep going"

    app = app_for(url)
    with app.app_context():
        stored = db.session.execute(select(Event.title, func.count()).group_by(Event.title)).all()
        counts = dict(stored)
        missing = [t for t in acknowledged if counts.get(t) != 1]
        assert not missing, f"acknowledged but not stored exactly once: {missing}"
        # Nothing half-written: every stored event has its first revision and its score.
        assert db.session.scalar(select(func.count()).select_from(Event).where(
            ~Event.revisions.any(EventRevision.version == 1))) == 0
        assert db.session.scalar(select(func.count()).select_from(Event).where(
            ~Event.scores.any(EventScore.value == 1))) == 0
        if database == "sqlite":
            assert db.session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    close(app)
