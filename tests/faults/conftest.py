"""Fixtures for fault tests: databases of their own, outside the per-test `app` fixture."""
import os

import pytest

from tests.conftest import POSTGRES_URL, _migrate, _postgres_database
from tracker import create_app
from tracker.extensions import db


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    """A freshly migrated SQLite file of this test's own."""
    url = f"sqlite:///{tmp_path / 'fault.sqlite'}"
    _migrate(url)
    return url


@pytest.fixture
def postgres_url() -> str:
    """A freshly migrated PostgreSQL database of this xdist worker's own (skip without one)."""
    if not POSTGRES_URL:
        pytest.skip("set TRACKER_TEST_POSTGRES_URL to run the PostgreSQL variant")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    url = _postgres_database(POSTGRES_URL, f"tracker_fault_{worker}")
    _migrate(url)
    return url


def app_for(url: str, **overrides):
    """A testing app (fast hashing) on the given database, for seeding and checking."""
    return create_app("testing", {"SQLALCHEMY_DATABASE_URI": url, **overrides})


def close(app) -> None:
    """Drop the app's connections so the database can be removed or reused."""
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
