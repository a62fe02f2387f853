"""Engine set-up and write transactions: SQLite pragmas, BEGIN IMMEDIATE, lock detection."""
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from tracker.extensions import db

_IMMEDIATE = "tracker_immediate"


def configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    """Make an SQLite engine safe: busy timeout, WAL, foreign keys, explicit BEGINs."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # noqa: ANN001 - DB-API object
        # Python 3.11's sqlite3 has no .autocommit; isolation_level=None stops it
        # issuing its own BEGIN so the "begin" hook below decides the mode.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")  # before WAL, see ENGINEERING §2
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        # Writers take the lock up front; deferred writers deadlock into "database is locked".
        immediate = conn.get_execution_options().get(_IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def write_transaction() -> Iterator[None]:
    """Run the block as one write transaction; commit on success, roll back on any error."""
    session = db.session()  # the real Session behind the scoped proxy
    if session.in_transaction():
        session.commit()  # end the deferred read transaction so the write one starts clean
    session.connection(execution_options={_IMMEDIATE: True})
    try:
        yield
        session.commit()
    except BaseException:
        session.rollback()
        raise


def is_lock_timeout(error: BaseException) -> bool:
    """True when a database error means another writer held the lock too long."""
    if not isinstance(error, OperationalError):
        return False
    text = str(error.orig).lower() if error.orig is not None else str(error).lower()
    return "database is locked" in text or "lock timeout" in text or "could not obtain lock" in text
