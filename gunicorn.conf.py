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


def on_starting(server):
    """Refuse several workers on SQLite: one file shared by processes is not safe (docs/deploy.md)."""
    if _uses_sqlite() and server.cfg.workers > 1:
        raise SystemExit(
            "Refusing to start: SQLite is for one process. Use TRACKER_WORKERS=1 with SQLite, "
            "or set TRACKER_DATABASE_URL to PostgreSQL for several workers.")


def post_fork(server, worker):
    """Drop any connection inherited from the master (only matters with preload_app)."""
    if preload_app:
        from tracker.extensions import db
        from tracker.wsgi import app

        with app.app_context():
            db.engine.dispose()
