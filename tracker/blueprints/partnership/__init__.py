"""Blueprint: the partnership instruments (give and take, phase and close-out, 4c role)."""
from flask import Blueprint

bp = Blueprint("partnership", __name__, url_prefix="/projects/<code>/partnership")

from tracker.blueprints.partnership import routes  # noqa: E402,F401  (registers the views)
