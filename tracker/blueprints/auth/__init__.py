"""Logging in and out, the user's own account and language."""
from flask import Blueprint

bp = Blueprint("auth", __name__)

from tracker.blueprints.auth import mfa_routes, routes, session_routes, sso_routes  # noqa: E402,F401  (registers the views)
