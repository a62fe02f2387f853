"""Backup and restore of the SQLite database."""
import pytest

from tests.conftest import POSTGRES_URL
from tests.factories import make_org
from tracker.extensions import db
from tracker.models import Organisation


@pytest.mark.skipif(bool(POSTGRES_URL), reason="SQLite backup API")
def test_backup_then_restore_brings_back_the_data(runner, tmp_path):
    make_org("Before the backup")
    target = tmp_path / "backup.sqlite"
    result = runner.invoke(args=["tracker", "backup", str(target)])
    assert result.exit_code == 0, result.output
    make_org("After the backup")
    again = runner.invoke(args=["tracker", "backup", str(target)])
    assert again.exit_code != 0 and "exists already" in again.output
    result = runner.invoke(args=["tracker", "restore", str(target), "--yes"])
    assert result.exit_code == 0, result.output
    names = set(db.session.execute(db.select(Organisation.name)).scalars())
    assert "Before the backup" in names and "After the backup" not in names


@pytest.mark.skipif(bool(POSTGRES_URL), reason="SQLite backup API")
def test_restore_refuses_a_file_that_is_not_a_backup(runner, tmp_path):
    make_org("Keep me")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database" * 100)
    result = runner.invoke(args=["tracker", "restore", str(junk), "--yes"])
    assert result.exit_code != 0 and "not a tracker database" in result.output
    missing = runner.invoke(args=["tracker", "restore", str(tmp_path / "nope.sqlite"), "--yes"])
    assert missing.exit_code != 0 and "does not exist" in missing.output
    assert db.session.execute(db.select(Organisation).filter_by(name="Keep me")).first()


@pytest.mark.skipif(not POSTGRES_URL, reason="PostgreSQL guidance")
def test_backup_on_postgres_points_to_pg_dump(runner, tmp_path):
    result = runner.invoke(args=["tracker", "backup", str(tmp_path / "x")])
    assert result.exit_code != 0 and "pg_dump" in result.output
