"""Bearer-token authentication for the API: no cookies, no CSRF, one token one user."""
import hashlib

from flask import g, request
from flask_babel import gettext as _

from tracker.blueprints.api.problems import problem
from tracker.services.accounts import tokens
from tracker.services.access import project_access, project_event

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def bearer_secret() -> str | None:
    """The token in `Authorization: Bearer …`, or None."""
    scheme, _sep, secret = (request.headers.get("Authorization") or "").partition(" ")
    return secret.strip() or None if scheme.lower() == "bearer" else None


def rate_key() -> str:
    """Rate limits count per token (per address for requests without one)."""
    secret = bearer_secret()
    if secret:
        return "token:" + hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return "addr:" + (request.remote_addr or "")


def unauthorized(detail: str):
    """401 that tells the client to send a (new) bearer token."""
    return problem(401, _("Not authenticated"), detail,
                   headers={"WWW-Authenticate": 'Bearer realm="tracker", error="invalid_token"'})


def authenticate():
    """Before every API request: find the token's user, or answer 401/403 right away."""
    secret = bearer_secret()
    if secret is None:
        return problem(401, _("Not authenticated"), _("Send a personal access token as "
                                                      "'Authorization: Bearer <token>'."),
                       headers={"WWW-Authenticate": 'Bearer realm="tracker"'})
    token = tokens.authenticate(secret)
    if token is None:
        return unauthorized(_("The token is unknown, expired or revoked."))
    if request.method in WRITE_METHODS and not token.can_write:
        return problem(403, _("Not allowed"), _("This token may only read. Create a read-write token to change data."),
                       headers={"WWW-Authenticate": 'Bearer realm="tracker", error="insufficient_scope"'})
    g.api_token = token
    g.api_user = token.user
    _check_access(token)
    return None


def _check_access(token) -> None:
    """The project and event in the URL, through the same scoped lookups as the web pages, before
    the body is read: someone else's project is a 404 whatever the request holds."""
    args = request.view_args or {}
    if "code" not in args:
        return
    write = request.method in WRITE_METHODS
    access = project_access(token.user, args["code"], write=write)
    if "event_id" in args:
        project_event(access, args["event_id"], write=write)


def api_user():
    """The user the request's token acts for."""
    return g.api_user


def api_token():
    """The token of this request."""
    return g.api_token
