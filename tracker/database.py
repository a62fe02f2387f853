"""Engine set-up and write transactions: SQLite pragmas, BEGIN IMMEDIATE, lock detection, cache writes."""
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from tracker.extensions import db

_IMMEDIATE = "tracker_immediate"
log = logging.getLogger(__name__)


def configure_sqlite(engine: Engine, busy_timeout_ms: int, max_page_count: int | None = None) -> None:
    """Make an SQLite engine safe: busy timeout, WAL, foreign keys, explicit BEGINs.

    `max_page_count` caps the file size (tests use it to simulate a full disk).
    """
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # noqa: ANN001 - DB-API object
        # Python 3.11's sqlite3 has no .autocommit; isolation_level=None stops it
        # issuing its own BEGIN so the "begin" hook below decides the mode.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")  # before WAL: changing the journal mode can itself wait for the lock
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        if max_page_count:
            cursor.execute(f"PRAGMA max_page_count={int(max_page_count)}")
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


def write_cache(write: Callable[[], object], what: str) -> bool:
    """Run ``write`` as a write transaction for a cache row; False when it was given up.

    A cache row is worth a write but not an error page: a concurrent insert of the same row
    (its copy serves as well), a busy database or a full disk leave it unwritten and the
    request goes on. Any other database error is a bug and is raised.
    """
    try:
        with write_transaction():
            write()
    except IntegrityError:
        return True  # another request stored the row first
    except DBAPIError as error:
        if not (is_lock_timeout(error) or is_disk_full(error)):
            raise
        log.warning("%s not stored: %s", what, getattr(error, "orig", error))
        return False
    return True


def is_lock_timeout(error: BaseException) -> bool:
    """True when a database error means another writer held the lock too long."""
    if not isinstance(error, OperationalError):
        return False
    text = str(error.orig).lower() if error.orig is not None else str(error).lower()
    return "database is locked" in text or "lock timeout" in text or "could not obtain lock" in text


def _driver_text(error: BaseException) -> str:
    """The driver's message of a database error, lower-cased."""
    orig = getattr(error, "orig", None)
    return str(orig if orig is not None else error).lower()


def is_disk_full(error: BaseException) -> bool:
    """True when a write failed because the disk (or SQLite's size cap) is full."""
    if not isinstance(error, DBAPIError):
        return False
    if getattr(getattr(error, "orig", None), "sqlstate", None) == "53100":
        return True  # PostgreSQL: disk_full
    message = _driver_text(error)
    return "database or disk is full" in message or "no space left on device" in message \
        or "could not extend file" in message


def database_problem(engine: Engine) -> str | None:
    """None when the database answers; otherwise one line saying what is wrong and where."""
    url = engine.url
    where = url.render_as_string(hide_password=True)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        folder = os.path.dirname(os.path.abspath(url.database))
        if not os.path.isdir(folder):
            return (f"Cannot open the SQLite database {url.database}: the folder {folder} does not "
                    "exist. Create it or point TRACKER_DATABASE_URL elsewhere.")
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except DBAPIError as error:
        orig = getattr(error, "orig", None)
        lines = str(orig if orig is not None else error).strip().splitlines()
        reason = lines[0].rstrip(".") if lines else "no answer"
        return (f"Cannot reach the database at {where}: {reason}. Check TRACKER_DATABASE_URL "
                "and that the database server is running.")
    return None
