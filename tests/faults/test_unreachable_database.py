"""An unreachable database at start-up gives one clear line, never a traceback."""
import os
import secrets
import subprocess
import sys

import pytest

from tests.faults.live import ROOT, free_port

CLOSED_PORT = free_port()  # nothing listens there
BAD_URLS = {
    "postgresql": f"postgresql+psycopg://tracker@127.0.0.1:{CLOSED_PORT}/tracker",
    "sqlite": "sqlite:////nonexistent-folder-for-tracker-tests/tracker.sqlite",
}
EXPECTED = {"postgresql": "Cannot reach the database at postgresql+psycopg://tracker@127.0.0.1",
            "sqlite": "the folder /nonexistent-folder-for-tracker-tests does not exist"}


def _run(args: list[str], url: str, **env) -> subprocess.CompletedProcess:
    """Run a command from the project root with only our settings in the environment."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TRACKER_", "FLASK_"))}
    base.update(TRACKER_DATABASE_URL=url, **env)
    return subprocess.run(args, cwd=ROOT, env=base, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("database", sorted(BAD_URLS))
def test_flask_db_upgrade_says_the_database_is_unreachable(database):
    flask = os.path.join(os.path.dirname(sys.executable), "flask")
    result = _run([flask, "--app", "tracker", "db", "upgrade"], BAD_URLS[database])
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert EXPECTED[database] in lines[0]
    assert "TRACKER_DATABASE_URL" in lines[0]


@pytest.mark.parametrize("database", sorted(BAD_URLS))
def test_gunicorn_refuses_to_start_without_its_database(database):
    result = _run([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "tracker.wsgi:app"],
                  BAD_URLS[database], TRACKER_WORKERS="1", TRACKER_BIND=f"127.0.0.1:{free_port()}",
                  TRACKER_SECRET_KEY=secrets.token_urlsafe(48))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "Refusing to start: Cannot" in output and EXPECTED[database] in output


def test_gunicorn_refuses_an_unsafe_secret_with_one_line():
    result = _run([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "tracker.wsgi:app"],
                  BAD_URLS["sqlite"], TRACKER_WORKERS="1", TRACKER_BIND=f"127.0.0.1:{free_port()}",
                  TRACKER_SECRET_KEY="short")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "Refusing to start: set TRACKER_SECRET_KEY" in output


def test_a_running_app_reports_a_lost_database_on_healthz_instead_of_crashing():
    from tracker import create_app

    app = create_app("production", {"SQLALCHEMY_DATABASE_URI": BAD_URLS["postgresql"],
                                    "SECRET_KEY": secrets.token_urlsafe(48)})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "unreachable"}
