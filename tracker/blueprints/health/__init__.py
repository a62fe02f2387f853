"""Blueprint: the health endpoint for load balancers and monitoring."""
from flask import Blueprint

bp = Blueprint("health", __name__)

from tracker.blueprints.health import routes  # noqa: E402,F401  (registers the views)
