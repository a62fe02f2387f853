"""Blueprint: events."""
from flask import Blueprint

bp = Blueprint("events", __name__, url_prefix="/projects/<code>/events")

from tracker.blueprints.events import routes, view_routes  # noqa: E402,F401  (registers the views)
