"""The database layer: SQLite safety settings, write locks, and migrations matching the models."""
import sqlite3
from types import SimpleNamespace

import pytest
from sqlalchemy import text

from tests.conftest import POSTGRES_URL
from tests.factories import PASSWORD, csrf_token, make_project, make_user
from tracker import create_app
from tracker.extensions import db
from tracker.models import Organisation

sqlite_only = pytest.mark.skipif(bool(POSTGRES_URL), reason="SQLite-specific behaviour")


@sqlite_only
def test_sqlite_connections_enforce_foreign_keys_and_use_wal(app):
    assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    assert db.session.execute(text("PRAGMA busy_timeout")).scalar() == app.config["SQLITE_BUSY_TIMEOUT_MS"]


def test_foreign_keys_reject_orphans(app):
    project = make_project()
    project.client_org_id = 999_999
    with pytest.raises(Exception):
        db.session.commit()
    db.session.rollback()


@sqlite_only
def test_held_write_lock_gives_503_and_retry_succeeds(database_url):
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": database_url,
                                 "SQLITE_BUSY_TIMEOUT_MS": 200})
    from tests.conftest import IsolatedClient
    app.test_client_class = IsolatedClient
    with app.app_context():
        user = make_user()
        client = app.test_client()
        token = csrf_token(client, "/login")
        blocker = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        try:
            response = client.post("/login", data={"email": user.email, "password": PASSWORD,
                                                   "csrf_token": token})
            assert response.status_code == 503
            assert response.headers["Retry-After"].isdigit()
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        retry = client.post("/login", data={"email": user.email, "password": PASSWORD,
                                            "csrf_token": token})
        assert retry.status_code == 302
        db.session.remove()
        db.engine.dispose()


def test_write_transaction_rolls_back_everything_on_error(app):
    from tracker.database import write_transaction

    with pytest.raises(RuntimeError):
        with write_transaction():
            db.session.add(Organisation(name="Half written"))
            db.session.flush()
            raise RuntimeError("boom")
    assert db.session.execute(db.select(Organisation).filter_by(name="Half written")).first() is None


def test_migrations_match_models(app):
    """`flask db upgrade` on an empty database gives exactly the models' schema."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"render_as_batch": True})
        assert compare_metadata(context, db.metadata) == []


@sqlite_only
def test_upgrading_an_analysed_sqlite_database_keeps_the_version_query_on_its_index(tmp_path):
    """Migration 0007 completes SQLite's statistics, so the planner keeps using the right index."""
    from flask_migrate import upgrade

    url = f"sqlite:///{tmp_path}/analysed.sqlite"
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade(revision="0006")
        # Plain SQL in the 0006 schema: today's models have columns that database does not have yet.
        for statement in (
                "INSERT INTO organisation (id, name, created_at) VALUES (1, 'A', '2025-01-01'), (2, 'B', '2025-01-01')",
                "INSERT INTO project (id, code, name, description, contract_form, phase, client_org_id, "
                "contractor_org_id, start_date, is_active, created_at, events_version) VALUES (1, 'STATS', "
                "'Stats', '', 'uav_gc', 'working', 1, 2, '2025-01-01', 1, '2025-01-01', 0)",
                "INSERT INTO user_account (id, email, name, password_hash, is_admin, is_enabled, session_token, "
                "failed_logins, created_at) VALUES (1, 'a@example.test', 'A', 'x', 0, 1, 't', 0, '2025-01-01')"):
            db.session.execute(text(statement))
        project, author = SimpleNamespace(id=1), SimpleNamespace(id=1)
        rows = [{"project_id": project.id, "occurred_on": "2025-01-01", "side": "client",
                 "kind": "moment", "steering": "relational", "title": f"E{i}", "description": "",
                 "created_at": "2025-01-01 00:00:00", "updated_at": f"2025-01-01 00:00:{i % 60:02d}",
                 "version": 1, "created_by_id": author.id} for i in range(300)]
        db.session.execute(text(
            "INSERT INTO event (project_id, occurred_on, side, kind, steering, title, description, "
            "created_at, updated_at, version, created_by_id) VALUES (:project_id, :occurred_on, :side, "
            ":kind, :steering, :title, :description, :created_at, :updated_at, :version, :created_by_id)"),
            rows)
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        db.session.remove()
        upgrade()
        plan = " ".join(str(row[3]) for row in db.session.execute(text(
            "EXPLAIN QUERY PLAN SELECT (SELECT max(event.updated_at) FROM event "
            "WHERE event.project_id = project.id) FROM project WHERE project.id IN (1, 2)")))
        assert "ix_event_project_updated" in plan, plan
        db.session.remove()
        db.engine.dispose()
