"""Views of a project's actions: the list, a new action (from a signal), one action to follow up."""
from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from tracker.blueprints.actions import bp
from tracker.blueprints.actions.forms import ActionForm
from tracker.blueprints.dashboard import labels, present
from tracker.blueprints.forms_glue import status_for, submit
from tracker.domain import interventions as catalogue
from tracker.extensions import db
from tracker.models import Membership, User
from tracker.services.access import ProjectAccess, project_access
from tracker.services.actions import records
from tracker.services.actions.effect import effect
from tracker.services.actions.queries import get_action, list_actions
from tracker.services.errors import Forbidden, NotFound
from tracker.services.trust.history import trust_history


@bp.context_processor
def inject_helpers() -> dict:
    """Names, number formats and catalogue titles shared with the dashboard."""
    return {**labels.template_helpers(), "intervention_title": present.intervention_title}


def _members(project_id: int) -> list[tuple[int, str]]:
    """(user id, "Name (side)") of everyone with a seat on the project, by name."""
    sides = {"client": _("client"), "contractor": _("contractor"), "coach": _("coach")}
    rows = db.session.execute(select(User.id, User.name, Membership.side).join(
        Membership, Membership.user_id == User.id).where(Membership.project_id == project_id)
        .order_by(User.name)).all()
    return [(uid, f"{name} ({sides[side.value]})") for uid, name, side in rows]


def _form(access: ProjectAccess, formdata=None, **data) -> ActionForm:
    """The action form with its choices filled in."""
    form = ActionForm(formdata=formdata, **data)
    form.set_choices(labels.lang(), labels.SIGNALS, _members(access.project.id), labels.ACTION_STATUS)
    return form


def _from_signal(access: ProjectAccess) -> dict:
    """Defaults for a new action opened from a signal: its intervention, code and events."""
    data = {"owner": str(current_user.id)}
    if request.args.get("intervention") in catalogue.keys():
        data["intervention"] = request.args["intervention"]
    code = request.args.get("signal")
    if code in labels.SIGNALS:
        data["signal"] = code
        flag = trust_history(access.project, date.today()).current.flag(code)
        if flag is not None:
            data["events"] = ",".join(str(i) for i in flag.evidence.get("event_ids", [])[-20:])
    return data


@bp.get("")
@login_required
def index(code: str):
    """The project's actions: open first, overdue marked."""
    access = project_access(current_user, code)
    return render_template("actions/index.html", access=access, project=access.project,
                           actions=list_actions(access.project.id), may_create=records.may_create(access))


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new(code: str):
    """Create an action (coaches and managers), typically from a signal's suggested next step."""
    access = project_access(current_user, code)
    if not records.may_create(access):
        raise Forbidden()
    form = _form(access, request.form if request.method == "POST" else None,
                 **({} if request.method == "POST" else _from_signal(access)))
    if request.method == "POST":
        ok, action = submit(form, lambda: records.create_action(access, current_user, form.to_input()))
        if ok:
            flash(_("The action is created."), "success")
            return redirect(url_for(".show", code=code, action_id=action.id))
    return render_template("actions/new.html", access=access, project=access.project, form=form), status_for(form)


@bp.route("/<int:action_id>", methods=["GET", "POST"])
@login_required
def show(code: str, action_id: int):
    """One action: its details, before and after once done, and the follow-up form."""
    access = project_access(current_user, code)
    row = get_action(access.project.id, action_id)
    if row is None:
        raise NotFound()
    action = records.load_action(access, action_id)
    may_change = records.may_change(access, action)
    form = None
    if may_change:
        form = _form(access, request.form if request.method == "POST" else None, **_current(row))
        if request.method == "POST":
            ok, _a = submit(form, lambda: records.update_action(access, current_user, action_id, form.to_input()))
            if ok:
                flash(_("The action is saved."), "success")
                return redirect(url_for(".show", code=code, action_id=action_id))
    elif request.method == "POST":
        raise Forbidden()
    return render_template("actions/show.html", access=access, project=access.project, a=row, form=form,
                           e=effect(access.project, row, date.today())), status_for(form) if form else 200


def _current(row) -> dict:
    """The form's values from a stored action."""
    return {"title": row.title, "intervention": row.intervention or "", "signal": row.signal or "",
            "owner": str(row.owner_id or ""), "due_on": row.due_on, "status": row.status,
            "reason": row.reason, "notes": row.notes, "events": ",".join(str(i) for i in row.event_ids)}
