"""Online backup and restore of the embedded SQLite database."""
import sqlite3
from pathlib import Path

from tracker.extensions import db


class BackupError(Exception):
    """A backup or restore could not be made; the message says why."""


def _sqlite_path() -> str:
    """The live database file, or BackupError when the database is not an SQLite file."""
    url = db.engine.url
    if url.get_backend_name() != "sqlite":
        raise BackupError(
            "This database is PostgreSQL: back it up with pg_dump, e.g. "
            "`pg_dump --format=custom --file=tracker.dump \"$DATABASE\"`, and restore with "
            "`pg_restore --clean --if-exists --dbname=\"$DATABASE\" tracker.dump` (see docs/deploy.md).")
    if not url.database or url.database == ":memory:":
        raise BackupError("An in-memory database cannot be backed up.")
    return url.database


def backup_sqlite(target: str | Path) -> Path:
    """Copy the live database with SQLite's backup API (consistent while the app runs)."""
    source_path = _sqlite_path()
    target = Path(target)
    if target.exists():
        raise BackupError(f"{target} exists already; choose a new file name.")
    if not target.parent.is_dir():
        raise BackupError(f"The folder {target.parent} does not exist.")
    source = sqlite3.connect(source_path)
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
    finally:
        destination.close()
        source.close()
    return target


def check_backup(path: str | Path) -> None:
    """Raise BackupError unless the file is an intact tracker database."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} does not exist.")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{path} is damaged (integrity check failed).")
            conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a tracker database ({error}).") from None


def restore_sqlite(source: str | Path) -> None:
    """Replace the live database's content with a backup (stop other app processes first)."""
    check_backup(source)
    target_path = _sqlite_path()
    db.session.remove()
    db.engine.dispose()
    backup = sqlite3.connect(f"file:{Path(source)}?mode=ro", uri=True)
    live = sqlite3.connect(target_path)
    try:
        backup.backup(live)
    finally:
        live.close()
        backup.close()
