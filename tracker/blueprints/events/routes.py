"""Views for a project's events: list, log, detail, edit (with conflicts) and retract."""
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.blueprints.events import bp, labels, present
from tracker.blueprints.events.forms import EventFilterForm, RetractForm, build_event_form
from tracker.blueprints.forms_glue import attach_errors
from tracker.services.access import ProjectAccess, project_access, project_event
from tracker.services.errors import EditConflict, ValidationFailed
from tracker.services.events import queries as event_queries
from tracker.services.events.changes import RETRACTED_MESSAGE, conflict_view, edit_event, log_event, retract_event
from tracker.services.events.rules import EventInput

MAX_PAGE = 1_000_000  # beyond any real list; keeps absurd ?page= values out of the SQL OFFSET


@bp.context_processor
def inject_labels() -> dict:
    """Names for kinds, sides, levels and scores in every events template."""
    return labels.template_helpers()


@bp.get("/")
@login_required
def index(code: str):
    """The project's events, filtered and paginated."""
    access = project_access(current_user, code)
    filters = EventFilterForm(formdata=request.args)
    valid = filters.validate()
    page_number = min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)
    page = event_queries.event_page(access.project.id, page=page_number,
                                    per_page=current_app.config["EVENTS_PER_PAGE"],
                                    **filters.values()) if valid else None
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template("events/list.html", access=access, project=access.project,
                           filters=filters, page=page, args=args), 200 if valid else 400


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new(code: str):
    """Log an event for the user's own side."""
    access = project_access(current_user, code, write=True)
    form = build_event_form(access.project)
    if form.validate_on_submit():
        try:
            event = log_event(access.project, form.to_input(access.side), current_user)
        except ValidationFailed as error:
            attach_errors(form, error.errors)
        else:
            flash(_("The event is logged."), "success")
            return redirect(url_for(".show", code=code, event_id=event.id))
    return _form_page(access, form, access.side)


@bp.get("/<int:event_id>")
@login_required
def show(code: str, event_id: int):
    """Everything about one event, including who changed what."""
    access = project_access(current_user, code)
    event = project_event(access, event_id)
    return render_template("events/detail.html", access=access, project=access.project,
                           event=event, may_change=access.may_change(event),
                           scores=present.score_groups(event), revisions=present.revisions(event),
                           linked_from=event_queries.linking_events(event))


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@login_required
def edit(code: str, event_id: int):
    """Edit an event of one's own side; a stale version shows the conflict screen."""
    access = project_access(current_user, code, write=True)
    event = project_event(access, event_id, write=True)
    if event.is_retracted:
        flash(str(RETRACTED_MESSAGE), "warning")
        return redirect(url_for(".show", code=code, event_id=event.id))
    form = build_event_form(access.project, event)
    if form.validate_on_submit():
        data, before = form.to_input(event.side), event.version
        try:
            edit_event(event, data, current_user, form.version.data, choices=_merge_choices())
        except EditConflict:
            return _conflict(access, event, data, form.version.data), 409
        except ValidationFailed as error:
            attach_errors(form, error.errors)
        else:
            flash(_("Your changes are saved.") if event.version != before
                  else _("Nothing was changed, so there was nothing to save."), "success")
            return redirect(url_for(".show", code=code, event_id=event.id))
    return _form_page(access, form, event.side, event)


def _form_page(access: ProjectAccess, form, side, event=None):
    """The log / edit form, with the factors this project scores most per kind of event."""
    return render_template("events/form.html", access=access, project=access.project, form=form,
                           side=side, event=event, usage=event_queries.factor_usage(access.project.id)), \
        422 if form.errors else 200


def _merge_choices() -> dict[str, str] | None:
    """The per-field choices posted from the conflict screen (None: a plain edit)."""
    if "merge" not in request.form:
        return None
    return {k.removeprefix("choose_"): v for k, v in request.form.items() if k.startswith("choose_")}


def _conflict(access: ProjectAccess, event, data: EventInput, based_on: int) -> str:
    """The saved values next to the user's; saving applies only what the user changed."""
    _, saved, mine, merge = conflict_view(event, data, based_on)
    resubmit = [(k, v) for k, v in request.form.items(multi=True)
                if k not in ("csrf_token", "version", "merge") and not k.startswith("choose_")]
    return render_template("events/conflict.html", access=access, project=access.project,
                           event=event, rows=present.conflict_rows(saved, mine, merge),
                           resubmit=resubmit, based_on=based_on, contested=bool(merge.contested),
                           meanwhile=[r for r in event.revisions if r.version > based_on])


@bp.route("/<int:event_id>/retract", methods=["GET", "POST"])
@login_required
def retract(code: str, event_id: int):
    """Confirm a retraction with a reason; the event stays visible in the history."""
    access = project_access(current_user, code, write=True)
    event = project_event(access, event_id, write=True)
    if event.is_retracted:
        flash(_("This event was already retracted."), "info")
        return redirect(url_for(".show", code=code, event_id=event.id))
    form = RetractForm(data=None if request.method == "POST" else {"version": event.version})
    changed = False
    if form.validate_on_submit():
        try:
            retract_event(event, form.reason.data, current_user, form.version.data)
        except EditConflict:
            changed = True
            form = RetractForm(formdata=None, data={"reason": form.reason.data,
                                                    "version": event.version})
        except ValidationFailed as error:
            attach_errors(form, error.errors)
        else:
            flash(_("The event is retracted. It stays visible in the history."), "success")
            return redirect(url_for(".show", code=code, event_id=event.id))
    status = 409 if changed else (422 if form.errors else 200)
    return render_template("events/retract.html", access=access, project=access.project,
                           event=event, form=form, changed=changed), status
