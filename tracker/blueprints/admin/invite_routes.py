"""Admin view: invite someone by e-mail to any seat on a project."""
from flask import abort, url_for

from tracker.blueprints.admin import bp
from tracker.blueprints.welcome.routes import invite_page
from tracker.services.accounts.mail_links import ALL_SIDES
from tracker.services.admin.projects import find_project


@bp.route("/projects/<code>/invite", methods=["GET", "POST"])
def project_invite(code: str):
    """An admin invites someone by e-mail to a seat on any side."""
    project = find_project(code) or abort(404)
    return invite_page(project, ALL_SIDES, {"back": url_for("admin.project_edit", code=project.code)})
