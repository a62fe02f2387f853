"""Blueprint: moving events in and out of a project as CSV."""
from flask import Blueprint

bp = Blueprint("transfer", __name__, url_prefix="/projects/<code>/transfer")

from tracker.blueprints.transfer import routes  # noqa: E402,F401  (registers the views)
