"""Start the real OpenID provider (tests/oidc/provider.mjs, npm `oidc-provider`) for a test."""
import re
import shutil
import socket
import subprocess
import time
from urllib.parse import urljoin
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("provider.mjs")
CLIENT_ID, CLIENT_SECRET = "tracker", "tracker-test-secret"


def skip_reason() -> str | None:
    """Why the provider cannot run here, or None."""
    if shutil.which("node") is None:
        return "node is not installed (apt-get install nodejs): the single sign-on tests need it"
    if not (ROOT / "node_modules" / "oidc-provider").is_dir():
        return "npm package oidc-provider missing: run `make browser-tools` (npm ci)"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def provider(redirect_uri: str):
    """A running provider that accepts `redirect_uri`; yields its issuer URL."""
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    port = _free_port()
    process = subprocess.Popen(["node", str(SCRIPT), str(port), redirect_uri], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    issuer = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if requests.get(issuer + "/.well-known/openid-configuration", timeout=1).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.1)
        else:
            raise RuntimeError("the OpenID provider did not start")
        yield issuer
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()


def sign_in_at_provider(authorization_url: str, login: str, callback_prefix: str = "") -> str:
    """Walk the provider's development login (and consent) pages like a browser; returns the
    address it finally sends the browser back to."""
    with requests.Session() as browser:
        response = browser.get(authorization_url, allow_redirects=False)
        for _ in range(20):
            if response.status_code in (302, 303):
                location = urljoin(response.url, response.headers["Location"])
                if not location.startswith(authorization_url.split("/auth")[0]):
                    return location  # back to the application
                response = browser.get(location, allow_redirects=False)
                continue
            action = urljoin(response.url, re.search(r'<form[^>]*action="([^"]+)"', response.text).group(1))
            fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', response.text))
            if 'name="login"' in response.text:
                fields.update(login=login, password="any")
            response = browser.post(action, data=fields, allow_redirects=False)
        raise RuntimeError("the provider never sent the browser back")
