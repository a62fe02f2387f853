"""Blueprint: public information pages (the accessibility statement)."""
from flask import Blueprint

bp = Blueprint("pages", __name__)

from tracker.blueprints.pages import routes  # noqa: E402,F401  (registers the views)
