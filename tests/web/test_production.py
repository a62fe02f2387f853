"""Production safety: refusing unsafe configuration, health endpoint, security headers."""
import pytest

from tracker import create_app

STRONG = "x" * 48


def test_production_refuses_the_default_secret(database_url):
    with pytest.raises(RuntimeError, match="TRACKER_SECRET_KEY"):
        create_app("production", {"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "dev-only-not-secret"})
    with pytest.raises(RuntimeError, match="TRACKER_SECRET_KEY"):
        create_app("production", {"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "short"})


def test_production_refuses_debug(database_url):
    with pytest.raises(RuntimeError, match="debug"):
        create_app("production", {"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": STRONG, "DEBUG": True})


def test_production_sets_secure_cookies(database_url):
    app = create_app("production", {"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": STRONG})
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_HTTPONLY"]
    response = app.test_client().get("/login")
    assert "Strict-Transport-Security" in response.headers


def test_healthz_reports_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["database"] == "ok"


def test_healthz_reports_an_unreachable_database(tmp_path):
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/missing/dir/db.sqlite"})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"


def test_security_headers_and_csp_without_unsafe_inline_scripts(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    directives = {part.strip() for part in csp.split(";")}
    assert {"object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"} <= directives  # ASVS 3.4.3, 3.4.6
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_gunicorn_refuses_several_workers_on_sqlite(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, TRACKER_WORKERS="2", TRACKER_BIND="127.0.0.1:0", TRACKER_SECRET_KEY=STRONG,
               TRACKER_DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite")
    result = subprocess.run([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "tracker.wsgi:app"],
                            cwd=root, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "SQLite is for one process" in result.stdout + result.stderr
