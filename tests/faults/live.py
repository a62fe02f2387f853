"""A real gunicorn on a free 127.0.0.1 port and a small cookie-keeping HTTP client (stdlib only).

Used by the fault tests and by bench/load.py. The server is checked to be ours through the
/healthz token before anything talks to it: ports here are shared.
"""
import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
_CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


class ServerFailed(RuntimeError):
    """gunicorn did not come up (its log says why)."""


def csrf_from(html: str) -> str | None:
    """The CSRF token of the first form on a page, if there is one."""
    match = _CSRF.search(html)
    return match.group(1) if match else None


def free_port() -> int:
    """A port nobody listens on right now (the health token catches a race)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn running tracker.wsgi:app with production settings against `database_url`."""

    def __init__(self, database_url: str, *, workers: int, log_path: Path, extra_env=None) -> None:
        self.database_url, self.workers, self.log_path = database_url, workers, log_path
        self.token = secrets.token_urlsafe(16)
        self.port = 0
        self.process: subprocess.Popen | None = None
        self.extra_env = dict(extra_env or {})

    def env(self) -> dict:
        """Production configuration, plain HTTP (no TLS proxy in front of a test server)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TRACKER_", "FLASK_"))}
        env.update(TRACKER_ENV="production", TRACKER_SECRET_KEY=secrets.token_urlsafe(48),
                   TRACKER_SECURE_COOKIES="0", TRACKER_DATABASE_URL=self.database_url,
                   TRACKER_WORKERS=str(self.workers), TRACKER_BIND=f"127.0.0.1:{self.port}",
                   TRACKER_HEALTH_TOKEN=self.token, TRACKER_RATELIMIT_LOGIN="10000 per minute",
                   TRACKER_RATELIMIT_TRANSFER="10000 per minute", TRACKER_WORKER_TIMEOUT="60")
        env.update(self.extra_env)
        return env

    def start(self, timeout: float = 30) -> "Gunicorn":
        """Start on a free port and wait until /healthz answers with our token."""
        for _attempt in range(3):
            self.port = free_port()
            log = open(self.log_path, "ab")
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "tracker.wsgi:app"],
                cwd=ROOT, env=self.env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            log.close()
            if self._wait_healthy(timeout):
                return self
            self.stop()
        raise ServerFailed(f"gunicorn did not start; see {self.log_path}:\n{self.log_tail()}")

    def _wait_healthy(self, timeout: float) -> bool:
        """True once /healthz is ours and OK; False if gunicorn exited or never answered."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            if self.is_ours():
                return True
            time.sleep(0.1)
        return False

    def is_ours(self) -> bool:
        """/healthz answers 200 with the token this instance was started with."""
        try:
            status, _headers, body = Client(self.port, timeout=2).get("/healthz")
        except OSError:
            return False
        return status == 200 and f'"token":"{self.token}"' in body.replace(" ", "")

    def worker_pids(self) -> list[int]:
        """The live worker processes (children of the master)."""
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in path.read_text().split()]
        except OSError:
            return []

    def kill_worker(self, pid: int) -> None:
        """kill -9 one worker; the master starts a new one."""
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def stop(self) -> None:
        """Graceful stop (SIGTERM to the master), then SIGKILL the group if it lingers."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)

    def log_tail(self, lines: int = 30) -> str:
        """The end of the server log."""
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def __enter__(self) -> "Gunicorn":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class Client:
    """One browser: a session cookie, form posts, no redirect following."""

    def __init__(self, port: int, timeout: float = 30) -> None:
        self.port, self.timeout = port, timeout
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def request(self, method: str, path: str, body: bytes | None = None,
                content_type: str | None = None) -> tuple[int, dict, str]:
        """Send one request; returns (status, headers, text). OSError on a dropped connection."""
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            headers["Content-Type"] = content_type
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            raise ConnectionError(str(error)) from error
        for value in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(value).items():
                self.cookies[name] = morsel.value
        return response.status, dict(response.headers), text

    def get(self, path: str) -> tuple[int, dict, str]:
        """GET a page."""
        return self.request("GET", path)

    def post(self, path: str, fields: dict) -> tuple[int, dict, str]:
        """POST a urlencoded form."""
        return self.request("POST", path, urlencode(fields).encode(), "application/x-www-form-urlencoded")

    def csrf(self, path: str) -> str:
        """Fetch a page and return the CSRF token of its form."""
        status, _headers, text = self.get(path)
        token = csrf_from(text)
        if status != 200 or not token:
            raise AssertionError(f"no form on {path} (status {status})")
        return token

    def login(self, email: str, password: str) -> None:
        """Log in through the real form; AssertionError unless redirected."""
        status, _headers, _text = self.post("/login", {"email": email, "password": password,
                                                       "csrf_token": self.csrf("/login")})
        if status != 302:
            raise AssertionError(f"login of {email} answered {status}")


def event_fields(title: str, token: str, *, day: str = "2025-03-01", kind: str = "moment") -> dict:
    """The log form's fields for a simple event (see tracker/blueprints/events/forms.py)."""
    return {"csrf_token": token, "occurred_on": day, "kind": kind, "steering": "relational",
            "escalation_level": "2" if kind == "escalation" else "", "planned": "",
            "title": title, "description": "logged over HTTP", "links_to_id": "",
            "score_p_openness": "1"}


def is_acknowledged(status: int, headers: dict) -> bool:
    """A logged event is acknowledged by the redirect to its page."""
    return status == 302 and re.search(r"/events/\d+$", headers.get("Location", "")) is not None
