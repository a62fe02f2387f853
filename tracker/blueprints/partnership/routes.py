"""Views: give and take, phase history and change, goal setting, close-out review and exports."""
import re

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.blueprints.forms_glue import status_for, submit
from tracker.blueprints.partnership import bp, present
from tracker.blueprints.partnership.forms import CloseoutForm, GiveTakeForm, GoalForm, PhaseForm
from tracker.blueprints.projects.labels import PHASE
from tracker.domain.types import Side
from tracker.models import Phase
from tracker.services.access import project_access
from tracker.services.errors import Forbidden
from tracker.services.events.transfer import to_csv
from tracker.services.instruments import give_take, phases


def _filename(code: str, suffix: str) -> dict:
    """A download header with a safe file name."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "", code)
    return {"Content-Disposition": f'attachment; filename="close-out-{safe}.{suffix}"'}


@bp.route("/give-take", methods=["GET", "POST"], endpoint="give_take")
@login_required
def give_take_page(code: str):
    """Both parties' balance per round; a party's managers record their own side."""
    access = project_access(current_user, code)
    label = request.args.get("round") or None
    side = None if access.is_coach else Side(access.side.value)
    form = GiveTakeForm(data=give_take.prefill(access.project, side, label)
                        if side and request.method == "GET" else None)
    if request.method == "POST" and not access.can_log:
        raise Forbidden()
    ok, _saved = submit(form, lambda: give_take.record(access.project, side, form.label.data,
                                                       form.recorded_on.data, form.rows(), current_user))
    if ok:
        flash(_("Your party's give and take is saved."), "success")
        return redirect(url_for(".give_take", code=code, round=form.label.data.strip()))
    return render_template("partnership/give_take.html", access=access, project=access.project,
                           form=form, give_take=present.give_take_context(access.project, label),
                           side=side, category_labels=present.category_labels()), status_for(form)


@bp.get("/phase")
@login_required
def phase(code: str):
    """Phase history, the change form, the 4c suggestion and the goal setting."""
    access = project_access(current_user, code)
    return _phase_page(access, PhaseForm(), GoalForm(data={"goals": phases.goal_setting(access.project) or ""}))


def _phase_page(access, form, goal_form, status: int = 200):
    """Render the phase page with the given forms."""
    return render_template("partnership/phase.html", access=access, project=access.project,
                           form=form, goal_form=goal_form, phase_changes=phases.phase_changes(access.project),
                           phase_labels=PHASE, may_steer=present.may_steer(access),
                           leadership=present.leadership_context(access.project),
                           review=phases.closeout(access.project)), status


@bp.post("/phase")
@login_required
def change_phase(code: str):
    """Move the partnership to another phase; letting go opens the close-out review."""
    access = project_access(current_user, code)
    if not present.may_steer(access):
        raise Forbidden()
    form = PhaseForm()
    ok, change = submit(form, lambda: phases.change_phase(access.project, form.phase.data,
                                                          form.changed_on.data, form.note.data,
                                                          current_user))
    if ok:
        flash(_("The phase is now “%(phase)s”.", phase=PHASE[change.phase]), "success")
        if change.phase == Phase.LETTING_GO:
            return redirect(url_for(".closeout", code=code))
        return redirect(url_for(".phase", code=code))
    return _phase_page(access, form, GoalForm(data={"goals": phases.goal_setting(access.project) or ""}), 422)


@bp.post("/goals")
@login_required
def goals(code: str):
    """Say whether the goals are open or concrete (or let the scan decide)."""
    access = project_access(current_user, code)
    if not present.may_steer(access):
        raise Forbidden()
    form = GoalForm()
    ok, _saved = submit(form, lambda: phases.set_goal_setting(access.project, form.goals.data, current_user))
    if ok:
        flash(_("The goal setting is saved."), "success")
        return redirect(url_for(".phase", code=code))
    return _phase_page(access, PhaseForm(), form, 422)


@bp.route("/close-out", methods=["GET", "POST"])
@login_required
def closeout(code: str):
    """The guided learning-from-successes review."""
    access = project_access(current_user, code)
    review = phases.closeout(access.project)
    form = CloseoutForm(obj=review if request.method == "GET" else None)
    if request.method == "POST" and not present.may_steer(access):
        raise Forbidden()
    ok, _saved = submit(form, lambda: phases.save_closeout(access.project, form.data, current_user))
    if ok:
        flash(_("The close-out review is saved."), "success")
        return redirect(url_for(".closeout", code=code))
    return render_template("partnership/closeout.html", access=access, project=access.project,
                           form=form, review=review, may_steer=present.may_steer(access),
                           titles=present.REVIEW_TITLES, helps=present.REVIEW_HELP), status_for(form)


@bp.get("/close-out.md")
@login_required
def closeout_markdown(code: str):
    """The review as a Markdown file."""
    access = project_access(current_user, code)
    titles = {k: str(v) for k, v in present.REVIEW_TITLES.items()}
    text = phases.closeout_markdown(access.project, phases.closeout(access.project), titles)
    return Response(text, mimetype="text/markdown", headers=_filename(access.project.code, "md"))


@bp.get("/close-out.csv")
@login_required
def closeout_csv(code: str):
    """The review as a CSV file."""
    access = project_access(current_user, code)
    rows = phases.closeout_csv(access.project, phases.closeout(access.project))
    return Response(to_csv(rows), mimetype="text/csv", headers=_filename(access.project.code, "csv"))
