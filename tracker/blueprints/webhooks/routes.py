"""Views: a project's webhooks (members read, managers register, switch on and remove)."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.blueprints.forms_glue import status_for, submit
from tracker.blueprints.webhooks import bp
from tracker.blueprints.webhooks.forms import TYPE_LABELS, EndpointForm
from tracker.services.access import project_access
from tracker.services.errors import Forbidden
from tracker.services.webhooks import endpoints


def _page(access, form, new=None, status: int = 200):
    return render_template("webhooks/index.html", access=access, project=access.project, form=form, new=new,
                           endpoints=endpoints.endpoints(access), pending=endpoints.pending_counts(access),
                           may_manage=endpoints.may_manage(access), type_labels=TYPE_LABELS), status


@bp.get("")
@login_required
def index(code: str):
    """The project's endpoints and, for managers, the form to add one."""
    return _page(project_access(current_user, code), EndpointForm())


@bp.post("")
@login_required
def register(code: str):
    """Register an endpoint; its signing secret is shown on this answer only."""
    access = project_access(current_user, code, write=True)
    form = EndpointForm()
    ok, new = submit(form, lambda: endpoints.register(access, form.url.data, form.event_types.data,
                                                      form.payload_format.data, current_user))
    return _page(access, EndpointForm(formdata=None) if ok else form, new, 201 if ok else status_for(form))


@bp.get("/<int:endpoint_id>")
@login_required
def show(code: str, endpoint_id: int):
    """One endpoint with its latest deliveries and the receiver's answers."""
    access = project_access(current_user, code)
    endpoint = endpoints.project_endpoint(access, endpoint_id)
    return render_template("webhooks/show.html", access=access, project=access.project, endpoint=endpoint,
                           deliveries=endpoints.deliveries(endpoint), may_manage=endpoints.may_manage(access),
                           type_labels=TYPE_LABELS)


@bp.post("/<int:endpoint_id>/enable")
@login_required
def enable(code: str, endpoint_id: int):
    """Switch a switched-off endpoint back on."""
    access = project_access(current_user, code, write=True)
    endpoints.enable(access, endpoint_id, current_user)
    flash(_("The endpoint is switched on again; waiting messages go out on the next delivery run."), "success")
    return redirect(url_for(".show", code=code, endpoint_id=endpoint_id))


@bp.post("/<int:endpoint_id>/remove")
@login_required
def remove(code: str, endpoint_id: int):
    """Remove an endpoint and its delivery log."""
    access = project_access(current_user, code, write=True)
    if not endpoints.may_manage(access):
        raise Forbidden()
    endpoints.remove(access, endpoint_id, current_user)
    flash(_("The endpoint is removed."), "success")
    return redirect(url_for(".index", code=code))
