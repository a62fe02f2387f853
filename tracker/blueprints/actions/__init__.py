"""Blueprint: a project's actions — create from a signal, assign, follow up, close."""
from flask import Blueprint

bp = Blueprint("actions", __name__, url_prefix="/projects/<code>/actions")

from tracker.blueprints.actions import routes  # noqa: E402,F401  (registers the views)
