"""Blueprint: the project's escalation ladder (agreeing it) and the open-issues register."""
from flask import Blueprint

bp = Blueprint("ladder", __name__, url_prefix="/projects/<code>")

from tracker.blueprints.ladder import routes  # noqa: E402,F401  (registers the views)
