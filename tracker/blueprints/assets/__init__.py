"""Blueprint: third-party browser assets served from installed Python packages (no CDN)."""
from flask import Blueprint

bp = Blueprint("assets", __name__, url_prefix="/assets")

from tracker.blueprints.assets import routes  # noqa: E402,F401  (registers the views)
