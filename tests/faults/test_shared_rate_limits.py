"""With a shared store (memcached) the login limit holds across server processes.

Skipped unless the `memcached` binary and the `pymemcache` package are installed
(`apt-get install memcached`, `pip install 'limits[memcached]'`); see docs/deploy.md.
"""
import importlib.util
import shutil
import subprocess
import time

import pytest

from tests.factories import make_user
from tests.faults.conftest import app_for, close
from tests.faults.live import Client, Gunicorn, free_port

pytestmark = pytest.mark.skipif(
    shutil.which("memcached") is None or importlib.util.find_spec("pymemcache") is None,
    reason="needs the memcached binary and the pymemcache package")
LIMIT = 5


@pytest.fixture
def memcached():
    """A private memcached on a free port."""
    port = free_port()
    process = subprocess.Popen(["memcached", "-l", "127.0.0.1", "-p", str(port), "-U", "0", "-u", "nobody"])
    time.sleep(0.3)
    yield f"memcached://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def test_two_server_processes_share_one_login_budget(sqlite_url, tmp_path, memcached):
    app = app_for(sqlite_url)
    with app.app_context():
        make_user("limited@example.test")
    close(app)
    second_copy = tmp_path / "second.sqlite"
    shutil.copyfile(sqlite_url.removeprefix("sqlite:///"), second_copy)
    env = {"TRACKER_RATELIMIT_STORAGE": memcached, "TRACKER_RATELIMIT_LOGIN": f"{LIMIT} per minute"}
    with Gunicorn(sqlite_url, workers=1, log_path=tmp_path / "a.log", extra_env=env) as first, \
            Gunicorn(f"sqlite:///{second_copy}", workers=1, log_path=tmp_path / "b.log", extra_env=env) as second:
        statuses = []
        for attempt in range(2 * LIMIT):
            client = Client((first if attempt % 2 else second).port)
            token = client.csrf("/login")
            status, _headers, _body = client.post("/login", {"email": "limited@example.test",
                                                             "password": "not it", "csrf_token": token})
            statuses.append(status)
    assert statuses[:LIMIT] == [401] * LIMIT
    assert statuses[LIMIT:] == [429] * LIMIT  # per-process memory:// counters would allow 2 × LIMIT
