"""Views for the other party's view of an event, and for merging an event into the other party's."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.blueprints.events import bp, present, view_present
from tracker.blueprints.events.view_forms import MergeForm, view_form_class, view_prefill
from tracker.blueprints.forms_glue import status_for, submit_versioned
from tracker.services.access import project_access, project_event
from tracker.services.errors import Forbidden, ValidationFailed
from tracker.services.events import queries as event_queries
from tracker.services.events.views import merge_candidates, merge_into, save_view


@bp.context_processor
def inject_view_helpers() -> dict:
    """The two-views table of the event page."""
    return view_present.template_helpers()


@bp.route("/<int:event_id>/view", methods=["GET", "POST"])
@login_required
def view(code: str, event_id: int):
    """Add or change your party's view of an event the other party logged."""
    access = project_access(current_user, code, write=True)
    event = project_event(access, event_id)
    if not access.may_give_view(event):
        raise Forbidden()
    saved = event.other_view.scores if event.other_view else ()
    form_class = view_form_class(event_queries.scoring_factors(s.factor_id for s in saved))
    form = form_class(data=view_prefill(event)) if request.method != "POST" else form_class()
    ok, _saved, changed = submit_versioned(form, lambda: save_view(
        event, form.scores(), form.note.data or "", current_user, form.version.data))
    if ok:
        flash(_("Your party's view is saved."), "success")
        return redirect(url_for(".show", code=code, event_id=event.id))
    return render_template("events/view_form.html", access=access, project=access.project, event=event,
                           form=form, changed=changed,
                           scores=present.score_groups(event)), 409 if changed else status_for(form)


def _merge(access, event, form):
    """Merge ``event`` into the chosen event of the other party; that event."""
    target = project_event(access, form.target.data) if form.target.data else None
    if target is None:
        raise ValidationFailed({"target": [_("Choose the other party's event.")]})
    merge_into(event, target, current_user, form.version.data)
    return target


@bp.route("/<int:event_id>/merge", methods=["GET", "POST"])
@login_required
def merge(code: str, event_id: int):
    """Mark one's own event as the same as one the other party logged: it becomes that event's
    second view."""
    access = project_access(current_user, code, write=True)
    event = project_event(access, event_id, write=True)
    form = MergeForm(data=None if request.method == "POST" else {"version": event.version})
    form.set_targets(merge_candidates(event))
    ok, target, changed = submit_versioned(form, lambda: _merge(access, event, form))
    if ok:
        flash(_("The two events are now one, with both views."), "success")
        return redirect(url_for(".show", code=code, event_id=target.id))
    return render_template("events/merge.html", access=access, project=access.project, event=event,
                           form=form, changed=changed), 409 if changed else status_for(form)
