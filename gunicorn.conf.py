"""gunicorn settings for production; override with TRACKER_* environment variables."""
import os

bind = os.environ.get("TRACKER_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("TRACKER_WORKERS", "4"))
worker_class = "sync"
timeout = int(os.environ.get("TRACKER_WORKER_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
max_requests = 2000          # recycle workers now and then
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
preload_app = False          # each worker opens its own connections (never share one across fork)
forwarded_allow_ips = os.environ.get("TRACKER_FORWARDED_ALLOW_IPS", "127.0.0.1")


def _uses_sqlite() -> bool:
    """True when the configured database is the embedded SQLite file."""
    url = os.environ.get("TRACKER_DATABASE_URL", "")
    return url == "" or url.startswith("sqlite")


def _check_app_and_database() -> None:
    """Build the app once in the master and reach the database; exit with one clear line if not.

    The engine is disposed before any worker forks, so no connection crosses the fork.
    """
    from tracker import create_app
    from tracker.database import database_problem
    from tracker.extensions import db

    try:
        app = create_app(os.environ.get("TRACKER_ENV", "production"))
    except RuntimeError as error:  # unsafe production settings
        raise SystemExit(str(error)) from None
    with app.app_context():
        problem = database_problem(db.engine)
        db.engine.dispose()
    if problem:
        raise SystemExit(f"Refusing to start: {problem}")


def on_starting(server):
    """Refuse several workers on SQLite, unsafe settings and an unreachable database (docs/deploy.md)."""
    if _uses_sqlite() and server.cfg.workers > 1:
        raise SystemExit(
            "Refusing to start: SQLite is for one process. Use TRACKER_WORKERS=1 with SQLite, "
            "or set TRACKER_DATABASE_URL to PostgreSQL for several workers.")
    if server.cfg.workers > 1 and os.environ.get("TRACKER_RATELIMIT_STORAGE", "memory://") == "memory://":
        server.log.warning("Rate limits are counted per worker (TRACKER_RATELIMIT_STORAGE is "
                           "memory://); set memcached://… or redis://… to share them.")
    _check_app_and_database()


def post_fork(server, worker):
    """Drop any connection inherited from the master (only matters with preload_app)."""
    if preload_app:
        from tracker.extensions import db
        from tracker.wsgi import app

        with app.app_context():
            db.engine.dispose()
