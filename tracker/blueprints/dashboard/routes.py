"""Views of the shared project dashboard: read it, and record an intervention on it."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.blueprints.dashboard import bp, labels, present
from tracker.blueprints.dashboard.forms import FilterForm, InterventionForm
from tracker.blueprints.forms_glue import submit
from tracker.domain import interventions as catalogue
from tracker.services.access import ProjectAccess, project_access
from tracker.services.errors import Forbidden
from tracker.services.notify import signal_log
from tracker.services.trust.dashboard import build_dashboard, default_filters
from tracker.services.trust.interventions import record_intervention, remove_intervention


@bp.context_processor
def inject_helpers() -> dict:
    """Names, number formats and catalogue texts for the dashboard templates."""
    return {**labels.template_helpers(), "intervention_title": present.intervention_title,
            "intervention_text": present.intervention_text}


def _intervention_form(formdata=None) -> InterventionForm:
    """The intervention form with its choices, pre-selected from ?intervention=&signal= on GET."""
    form = InterventionForm(formdata=formdata) if formdata is not None else InterventionForm()
    form.set_choices(labels.lang(), labels.words(labels.SIGNALS))
    if request.method == "GET":
        if request.args.get("intervention") in catalogue.keys():
            form.intervention.data = request.args["intervention"]
        if request.args.get("signal") in labels.SIGNALS:
            form.signal.data = request.args["signal"]
    return form


def _render(access: ProjectAccess, filter_form: FilterForm, form: InterventionForm, status: int):
    """Compute the dashboard for the filters (the defaults when they are invalid) and render it."""
    filters = filter_form.filters() if not filter_form.errors else default_filters()
    dash = build_dashboard(access.project, filters, labels.lang())
    return render_template("dashboard/show.html", access=access, project=access.project, dash=dash,
                           active_since=signal_log.active_since(access.project.id, filters.date_to),
                           charts=present.dashboard_charts(dash, access.project.code),
                           filter_form=filter_form, form=form,
                           **present.instrument_context(access.project)), status


@bp.get("")
@login_required
def show(code: str):
    """The dashboard both parties (and the coach) see, for a date range and side."""
    access = project_access(current_user, code)
    filter_form = FilterForm(formdata=request.args)
    valid = filter_form.validate()
    return _render(access, filter_form, _intervention_form(), 200 if valid else 400)


@bp.post("/interventions")
@login_required
def record(code: str):
    """Record that an intervention started (coaches and managers only)."""
    access = project_access(current_user, code)
    if not access.can_record_interventions:
        raise Forbidden()
    form = _intervention_form(request.form)
    ok, _record = submit(form, lambda: record_intervention(
        access, current_user, key=form.intervention.data, started_on=form.started_on.data,
        signal_code=form.signal.data, note=form.note.data))
    if ok:
        flash(_("The intervention is recorded; its start is marked on the trust chart."), "success")
        return redirect(url_for(".show", code=code, _anchor="interventions"))
    return _render(access, FilterForm(formdata=None), form, 422)


@bp.post("/interventions/<int:record_id>/remove")
@login_required
def remove(code: str, record_id: int):
    """Remove a mistaken intervention record (coaches and managers; confirmed in the page)."""
    access = project_access(current_user, code)
    remove_intervention(access, current_user, record_id)
    flash(_("The intervention record is removed; its mark is gone from the trust chart."), "success")
    return redirect(url_for(".show", code=code, _anchor="interventions"))
