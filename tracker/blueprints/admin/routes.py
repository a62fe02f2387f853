"""Admin views: the gate and the overview."""
from flask import abort, render_template
from flask_login import current_user, login_required

from tracker.blueprints.admin import bp
from tracker.blueprints.admin.forms import LABELS
from tracker.extensions import login_manager
from tracker.services.admin import users as admin


@bp.before_request
@login_required
def require_admin():
    """Only admins reach these pages."""
    if not current_user.is_authenticated:  # login_required lets OPTIONS through signed out
        return login_manager.unauthorized()
    if not current_user.is_admin:
        abort(403)


@bp.context_processor
def inject_labels() -> dict:
    """Display names of the enum values (contract forms, phases, sides, roles, dimensions)."""
    return {"labels": LABELS}


@bp.get("/")
def index():
    """Admin home: counts and links."""
    return render_template("admin/index.html", counts=admin.overview())
