"""Slowing down password guessing: failures counted per account *and* client address.

Keyed on the pair, a guesser elsewhere cannot keep the real person out, and an address that
does not exist is throttled exactly like one that does (the answer never tells them apart).
The counts live in the rate-limit store (``RATELIMIT_STORAGE_URI``: memory, memcached or
redis), shared by the workers when the store is. A burst of failures on one account from any
address is reported once per window (`burst`), for the audit log and a mail to the owner.
"""
import time

from flask import current_app
from limits import parse, storage, strategies

_EXTENSION = "login_throttle"


def _limiter() -> strategies.FixedWindowRateLimiter:
    """The app's own limiter over the rate-limit store (independent of RATELIMIT_ENABLED)."""
    limiter = current_app.extensions.get(_EXTENSION)
    if limiter is None:
        store = storage.storage_from_string(current_app.config["RATELIMIT_STORAGE_URI"])
        limiter = current_app.extensions[_EXTENSION] = strategies.FixedWindowRateLimiter(store)
    return limiter


def _pair(email: str, address: str | None) -> tuple[str, str, str]:
    return ("login-failures", (email or "").strip().lower(), address or "-")


def wait_seconds(email: str, address: str | None) -> int:
    """Seconds before this account may be tried again from this address (0: go ahead)."""
    item = parse(current_app.config["LOGIN_FAILURE_LIMIT"])
    limiter = _limiter()
    if limiter.test(item, *_pair(email, address)):
        return 0
    reset_at, _remaining = limiter.get_window_stats(item, *_pair(email, address))
    return max(1, int(reset_at - time.time()) + 1)


def record_failure(email: str, address: str | None) -> bool:
    """Count a failed attempt; True when it starts a burst on this account (once per window)."""
    limiter = _limiter()
    limiter.hit(parse(current_app.config["LOGIN_FAILURE_LIMIT"]), *_pair(email, address))
    burst = parse(current_app.config["LOGIN_BURST_LIMIT"])
    key = ("login-burst", (email or "").strip().lower())
    limiter.hit(burst, *key)
    _reset, remaining = limiter.get_window_stats(burst, *key)
    return remaining == 0 and limiter.hit(parse("1 per hour"), "login-burst-told", *key[1:])


def clear(email: str, address: str | None) -> None:
    """Forget the failures from this address after a successful sign-in."""
    limiter = _limiter()
    limiter.clear(parse(current_app.config["LOGIN_FAILURE_LIMIT"]), *_pair(email, address))
