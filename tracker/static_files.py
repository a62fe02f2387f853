"""Versioned static files: every `url_for('static', …)` carries a digest of the file's content,
so browsers may keep the file for a year and a changed file gets a new URL.

Compression is Flask-Compress's job (tracker.extensions.compress); plotly.js is the app's own copy
in static/vendor/plotly (built by tools/plotly), so no page needs a CDN.
"""
import hashlib
import os

from flask import Flask, Response, request

ONE_YEAR = 365 * 24 * 3600
_digests: dict[str, tuple[tuple[int, int], str]] = {}


def file_digest(path: str) -> str | None:
    """First 12 hex digits of the file's SHA-256 (None when it does not exist).

    Cached per process by modification time and size, so an edited file gets a new digest.
    """
    try:
        stat = os.stat(path)
    except OSError:
        return None
    stamp = (stat.st_mtime_ns, stat.st_size)
    known = _digests.get(path)
    if known and known[0] == stamp:
        return known[1]
    with open(path, "rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()[:12]
    _digests[path] = (stamp, digest)
    return digest


def init_static_files(app: Flask) -> None:
    """Add `?v=<digest>` to static URLs; answer a request for the current digest as immutable."""

    def static_path(filename: str) -> str:
        return os.path.join(app.static_folder, filename)

    @app.url_defaults
    def add_version(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "filename" in values and "v" not in values:
            digest = file_digest(static_path(values["filename"]))
            if digest:
                values["v"] = digest

    @app.after_request  # registered after Flask-Compress, so it runs before it
    def cache_versioned(response: Response) -> Response:
        if request.endpoint != "static" or response.status_code not in (200, 304):
            return response
        if response.direct_passthrough and hasattr(response.response, "close"):
            # Flask-Compress streams the file through a generator that never closes it.
            response.call_on_close(response.response.close)
        asked = request.args.get("v")
        filename = (request.view_args or {}).get("filename", "")
        if asked and asked == file_digest(static_path(filename)):
            response.cache_control.public = True
            response.cache_control.max_age = ONE_YEAR
            response.cache_control.immutable = True
            response.cache_control.no_cache = None
        else:  # an unversioned or outdated URL: the browser must check back every time
            response.cache_control.no_cache = True
            response.cache_control.max_age = None
        return response
