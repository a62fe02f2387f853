"""Every request signed in by the session cookie must belong to a live server-side session.

Flask-Login loads the user from the cookie; this check then asks the sessions table whether
that browser's session still exists and is neither idle too long nor too old. Requests that
carry no session sign-in (an API call with a bearer token, a signed-out page) are not touched.
The idle clock runs on a signed time stamp in the cookie, so reading a page writes nothing.
"""
import time
from datetime import datetime, timezone

from flask import Flask, Response, flash, g, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from tracker.services.accounts import mfa, sessions

SESSION_ID = "sid"
SEEN = "seen"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# What someone who must set up two-step login may still reach.
ENROLMENT_PAGES = {"auth.mfa_setup", "auth.logout", "auth.set_language", "pages.accessibility"}


def begin(session_id: str) -> None:
    """Put a freshly started session into the cookie (after login_user)."""
    session[SESSION_ID] = session_id
    session[SEEN] = int(time.time())
    session.permanent = True


def current_id() -> str | None:
    """The session id in this browser's cookie."""
    return session.get(SESSION_ID)


def _seen_at() -> datetime | None:
    stamp = session.get(SEEN)
    if not isinstance(stamp, int):
        return None
    return datetime.fromtimestamp(stamp, timezone.utc).replace(tzinfo=None)


def check_session():
    """Sign the browser out when its server-side session is gone; else note the use."""
    if request.endpoint == "static" or "_user_id" not in session:
        return None
    if not current_user.is_authenticated:
        return None
    row = sessions.current(current_user, current_id(), _seen_at())
    if row is None:
        logout_user()
        session.clear()
        flash(_("Your session has ended. Please log in again."), "info")
        if request.method in SAFE_METHODS:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        return redirect(url_for("auth.login"))
    g.user_session = row
    session[SEEN] = int(time.time())
    if request.method not in SAFE_METHODS:
        sessions.touch(row)
    if mfa.must_enrol(current_user) and request.endpoint not in ENROLMENT_PAGES:
        flash(_("Set up two-step login to continue: it is required for your account."), "info")
        return redirect(url_for("auth.mfa_setup"))
    return None


def no_store(response: Response) -> Response:
    """Signed-in pages and every download stay out of shared and browser caches."""
    if request.endpoint == "static":
        return response
    download = "attachment" in response.headers.get("Content-Disposition", "")
    if download or getattr(g, "user_session", None) is not None:
        response.headers["Cache-Control"] = "no-store"
        response.headers.pop("Expires", None)
    return response


def init_session_check(app: Flask) -> None:
    """Register the check before every request and the cache header after it."""
    app.before_request(check_session)
    app.after_request(no_store)
