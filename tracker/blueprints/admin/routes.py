"""Admin views: organisations, users, projects, memberships, factors."""
from flask import abort, render_template
from flask_login import current_user, login_required

from tracker.blueprints.admin import bp


@bp.before_request
@login_required
def require_admin():
    """Only admins reach these pages."""
    if not current_user.is_admin:
        abort(403)


@bp.get("/")
def index():
    """Admin home."""
    return render_template("admin/index.html")
