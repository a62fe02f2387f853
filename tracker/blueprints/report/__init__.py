"""Blueprint: the partnership report for the steering group (print page, PDF, a coach's zip)."""
from flask import Blueprint

bp = Blueprint("report", __name__)

from tracker.blueprints.report import routes  # noqa: E402,F401  (registers the views)
