"""Blueprint: the collaboration scan (rounds, answering, results)."""
from flask import Blueprint

bp = Blueprint("scan", __name__, url_prefix="/projects/<code>/scan")

from tracker.blueprints.scan import routes  # noqa: E402,F401  (registers the views)
