"""Links in mails: absolute URLs on TRACKER_BASE_URL and signed tokens (itsdangerous)."""
import hashlib
from urllib.parse import urlsplit

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer


def absolute_url(endpoint: str, **values) -> str:
    """An absolute link to a page, on the configured base URL (works outside a request)."""
    base = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path.rstrip("/") or "/",
                                       url_scheme=base.scheme or "https")
    return adapter.build(endpoint, values, force_external=True)


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    """One signer per purpose: a token made for one use never passes for another."""
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"tracker-{purpose}")


def sign(purpose: str, payload) -> str:
    """A URL-safe signed token carrying ``payload``."""
    return _serializer(purpose).dumps(payload)


class BadToken(Exception):
    """The link is damaged, expired or already used."""

    def __init__(self, expired: bool = False) -> None:
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def unsign(purpose: str, token: str, max_age: int | None = None):
    """The payload of a token made by `sign`, or BadToken."""
    try:
        return _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired:
        raise BadToken(expired=True) from None
    except BadSignature:
        raise BadToken() from None


def password_fingerprint(password_hash: str) -> str:
    """A short digest of the stored hash: a link bound to it dies once the password changes."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:20]
