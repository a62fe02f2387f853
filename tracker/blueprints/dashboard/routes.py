"""Views of the shared project dashboard (actions are created and followed up on their own pages)."""
from flask import render_template, request
from flask_login import current_user, login_required

from tracker.blueprints.dashboard import bp, labels, present
from tracker.blueprints.dashboard.forms import FilterForm
from tracker.services.access import ProjectAccess, project_access
from tracker.services.actions.effect import effects
from tracker.services.notify import signal_log
from tracker.services.trust.dashboard import build_dashboard, default_filters


@bp.context_processor
def inject_helpers() -> dict:
    """Names, number formats and catalogue texts for the dashboard templates."""
    return {**labels.template_helpers(), "intervention_title": present.intervention_title,
            "intervention_text": present.intervention_text}


def _render(access: ProjectAccess, filter_form: FilterForm, status: int):
    """Compute the dashboard for the filters (the defaults when they are invalid) and render it."""
    filters = filter_form.filters() if not filter_form.errors else default_filters()
    dash = build_dashboard(access.project, filters, labels.lang())
    return render_template("dashboard/show.html", access=access, project=access.project, dash=dash,
                           active_since=signal_log.active_since(access.project.id, filters.date_to),
                           charts=present.dashboard_charts(dash, access.project.code),
                           filter_form=filter_form, effects=effects(access.project, dash.actions, filters.date_to),
                           **present.instrument_context(access.project)), status


@bp.get("")
@login_required
def show(code: str):
    """The dashboard both parties (and the coach) see, for a date range and side."""
    access = project_access(current_user, code)
    filter_form = FilterForm(formdata=request.args)
    valid = filter_form.validate()
    return _render(access, filter_form, 200 if valid else 400)
