"""Views for the project list and a project's page."""
from flask import render_template
from flask_login import current_user, login_required

from tracker.blueprints.projects import bp
from tracker.extensions import db
from tracker.services.access import project_access, visible_projects


@bp.get("/")
@login_required
def index():
    """The projects the user belongs to."""
    projects = db.session.execute(visible_projects(current_user)).scalars().all()
    return render_template("projects/index.html", projects=projects)


@bp.get("/projects/<code>")
@login_required
def show(code: str):
    """A project's overview page."""
    access = project_access(current_user, code)
    return render_template("projects/show.html", access=access, project=access.project)
