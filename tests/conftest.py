"""Shared fixtures: an app on a migrated database (SQLite by default, PostgreSQL when asked)."""
import os
import shutil

import pytest
from flask.testing import FlaskClient
from sqlalchemy import text

from tracker import create_app
from tracker.extensions import db

POSTGRES_URL = os.environ.get("TRACKER_TEST_POSTGRES_URL")


def _migrate(url: str) -> None:
    """Build the schema the way production does: `flask db upgrade`."""
    from flask_migrate import upgrade

    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        if url.startswith("postgresql"):
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade()
        db.engine.dispose()


@pytest.fixture(scope="session")
def database_template(tmp_path_factory):
    """A migrated database once per test session (per xdist worker)."""
    if POSTGRES_URL:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        url = _postgres_database(POSTGRES_URL, f"tracker_test_{worker}")
        _migrate(url)
        return url
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    _migrate(f"sqlite:///{path}")
    return str(path)


def _postgres_database(base_url: str, name: str) -> str:
    """Create (or recreate) a database for this worker and return its URL."""
    from sqlalchemy import create_engine

    engine = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return base_url.rsplit("/", 1)[0] + "/" + name


def _reset_postgres() -> None:
    """Empty every table between tests and restore the default factor catalogue."""
    from tracker.domain.factors import DEFAULT_FACTORS
    from tracker.models import Factor

    tables = [t.name for t in db.metadata.sorted_tables if t.name != "alembic_version"]
    db.session.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables)
                            + " RESTART IDENTITY CASCADE"))
    db.session.execute(Factor.__table__.insert(), [
        {"key": f.key, "dimension": f.dimension.value, "label_nl": f.label_nl, "label_en": f.label_en,
         "description_nl": f.description_nl, "description_en": f.description_en,
         "position": f.position, "is_active": True} for f in DEFAULT_FACTORS])
    db.session.commit()


@pytest.fixture
def database_url(database_template, tmp_path):
    """A fresh database for one test."""
    if POSTGRES_URL:
        return database_template
    path = tmp_path / "tracker.sqlite"
    shutil.copyfile(database_template, path)
    return f"sqlite:///{path}"


class IsolatedClient(FlaskClient):
    """A test client whose every request gets its own app context, as in production.

    The tests hold an app context open for their own database work; without this,
    requests would share its `g` (and so Flask-Login's cached user) and its session.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture
def app(database_url, tmp_path):
    """The app bound to a fresh, migrated database."""
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": database_url})
    app.test_client_class = IsolatedClient
    with app.app_context():
        if POSTGRES_URL:
            _reset_postgres()
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    """A test client."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner."""
    return app.test_cli_runner()
