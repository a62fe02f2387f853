"""schemathesis against the live app with a read-write token: no server error, no answer that
contradicts the OpenAPI document. Bounded (a fixed seed, five examples per operation, at most a
minute) so the suite stays fast; run `schemathesis` by hand (docs/api.md) for a longer search.

Two checks are left out, each because the API means what it does: `positive_data_acceptance` treats
a 400 for input that fits the schema as wrong, but business rules (a date in the future, a link to
an unknown event, a cursor this API never made) are checked beyond the schema and answered with a
documented 400; `ensure_resource_availability` expects every GET after a create to find something,
but an event's other-view is a documented 404 until the other party gives one.
"""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.api.conftest import bearer
from tests.factories import add_member, make_event, make_project, make_user
from tracker.extensions import db

ROOT = Path(__file__).resolve().parents[2]
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
EXCLUDED = "positive_data_acceptance,ensure_resource_availability"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def live_api(app, database_url):
    """A project with a few events and both managers, served by its own process on 127.0.0.1 (the
    way a deployment runs it); yields (base URL, headers)."""
    project = make_project("FUZZ")
    client_manager, contractor = make_user(), make_user()
    add_member(project, client_manager, "client", "manager")
    add_member(project, contractor, "contractor", "manager")
    for day in range(6):
        make_event(project, client_manager if day % 2 else contractor, side="client" if day % 2 else "contractor",
                   kind=("issue", "agreement", "moment")[day % 3], title=f"Event {day}",
                   occurred_on=date(2025, 2, 1) + timedelta(days=9 * day), scores={"p_openness": day % 3 - 1})
    headers = bearer(client_manager, write=True)
    db.session.commit()
    db.engine.dispose()
    port = _free_port()
    env = {**os.environ, "TRACKER_ENV": "development", "TRACKER_DATABASE_URL": database_url,
           "TRACKER_RATELIMIT_API": "100000 per minute", "FLASK_DEBUG": "0"}
    server = subprocess.Popen([str(Path(sys.executable).with_name("flask")), "--app", "tracker", "run",
                               "--port", str(port), "--no-reload"], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/api/v1/openapi.json", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield base, headers
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.skipif(not SCHEMATHESIS.exists() and shutil.which("schemathesis") is None,
                    reason="schemathesis is not installed (pip install -e '.[test]')")
def test_schemathesis_finds_no_server_error_and_no_contradiction(live_api, tmp_path):
    base, headers = live_api
    command = [str(SCHEMATHESIS) if SCHEMATHESIS.exists() else "schemathesis", "run", f"{base}/api/v1/openapi.json",
               "-H", f"Authorization: {headers['Authorization']}", "--max-examples", "5", "--seed", "1",
               "--no-shrink", "--warnings", "off", "--exclude-checks", EXCLUDED, "--max-time", "60",
               "--report-dir", str(tmp_path)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=400)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
