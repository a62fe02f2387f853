"""Blueprint: projects."""
from flask import Blueprint

bp = Blueprint("projects", __name__)

from tracker.blueprints.projects import routes  # noqa: E402,F401  (registers the views)
