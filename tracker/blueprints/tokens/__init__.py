"""Personal access tokens: a sub-page of the account, and the admins' list of every active token."""
from flask import Blueprint

bp = Blueprint("tokens", __name__)

from tracker.blueprints.tokens import routes  # noqa: E402,F401
