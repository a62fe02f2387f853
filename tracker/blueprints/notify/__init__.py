"""The inbox, notification settings, one-click unsubscribe and the development mail folder."""
from flask import Blueprint

bp = Blueprint("notify", __name__)

from tracker.blueprints.notify import routes  # noqa: E402,F401  (registers the views)
