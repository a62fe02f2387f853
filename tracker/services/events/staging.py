"""Uploaded files kept between the import preview and its confirmation (never in the database)."""
import os
import re
import secrets
import time
from pathlib import Path

MAX_AGE_SECONDS = 3600  # a preview not confirmed within the hour is gone
_TOKEN = re.compile(r"[A-Za-z0-9_-]{22}")


def stage(directory: str, data: bytes) -> str:
    """Keep the bytes under a new random token (and clear out abandoned uploads)."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    sweep(directory)
    token = secrets.token_urlsafe(16)
    path = folder / f"{token}.csv"
    with open(path, "xb") as handle:
        handle.write(data)
    return token


def load(directory: str, token: str) -> bytes | None:
    """The staged bytes, or None when the token is malformed, unknown or expired."""
    if not isinstance(token, str) or not _TOKEN.fullmatch(token):
        return None
    path = Path(directory) / f"{token}.csv"
    try:
        if time.time() - path.stat().st_mtime > MAX_AGE_SECONDS:
            return None
        return path.read_bytes()
    except FileNotFoundError:
        return None


def discard(directory: str, token: str) -> None:
    """Remove a staged file (gone already is fine)."""
    if isinstance(token, str) and _TOKEN.fullmatch(token):
        Path(directory, f"{token}.csv").unlink(missing_ok=True)


def sweep(directory: str) -> None:
    """Remove staged files older than MAX_AGE_SECONDS."""
    limit = time.time() - MAX_AGE_SECONDS
    for path in Path(directory).glob("*.csv"):
        try:
            if path.stat().st_mtime < limit:
                os.unlink(path)
        except FileNotFoundError:
            pass
