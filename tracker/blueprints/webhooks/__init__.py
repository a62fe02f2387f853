"""A project's webhook endpoints: list, register (secret shown once), delivery log, switch on, remove."""
from flask import Blueprint

bp = Blueprint("webhooks", __name__, url_prefix="/projects/<code>/webhooks")

from tracker.blueprints.webhooks import routes  # noqa: E402,F401
