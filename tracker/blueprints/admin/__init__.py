"""Blueprint: admin (organisations, users, projects with their members, the factor catalogue)."""
from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from tracker.blueprints.admin import (  # noqa: E402,F401  (registers the views)
    audit_routes,  # noqa: E402,F401  (the audit log page)
    factor_routes,
    invite_routes,  # noqa: E402,F401  (inviting by e-mail)
    organisation_routes,
    project_routes,
    routes,
    sign_in_routes,
    user_routes,
)
