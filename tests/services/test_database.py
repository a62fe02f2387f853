"""The database layer: SQLite safety settings, write locks, and migrations matching the models."""
import sqlite3

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
