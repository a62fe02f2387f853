"""Invitations and password reset through links sent by e-mail."""
from flask import Blueprint

bp = Blueprint("welcome", __name__)

from tracker.blueprints.welcome import routes  # noqa: E402,F401  (registers the views)
