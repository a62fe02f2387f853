"""Views for the project list and a project's page."""
from flask import render_template
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from tracker.blueprints.events import labels as event_labels
from tracker.blueprints.projects import bp, labels
from tracker.extensions import db
from tracker.models import Membership, Project
from tracker.services.access import project_access, visible_projects
from tracker.services.events import queries as event_queries

RECENT_EVENTS = 10


@bp.context_processor
def inject_labels() -> dict:
    """Names for project and event values in the project templates."""
    return {**event_labels.template_helpers(), "contract_form_labels": labels.CONTRACT_FORM,
            "phase_labels": labels.PHASE}


@bp.get("/")
@login_required
def index():
    """The projects the user belongs to, with their seat and latest event."""
    rows = db.session.execute(visible_projects(current_user).add_columns(Membership).options(
        selectinload(Project.client_org), selectinload(Project.contractor_org))).all()
    last = event_queries.last_event_dates(project.id for project, _ in rows)
    return render_template("projects/index.html", rows=rows, last=last)


@bp.get("/projects/<code>")
@login_required
def show(code: str):
    """A project's overview: facts, the viewer's seat, event counts and the latest events."""
    access = project_access(current_user, code)
    project = access.project
    return render_template("projects/show.html", access=access, project=project,
                           counts=event_queries.counts_by_kind(project.id),
                           recent=event_queries.recent_events(project.id, RECENT_EVENTS))
