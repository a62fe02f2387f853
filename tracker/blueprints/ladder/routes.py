"""Views of the escalation ladder (read, propose, accept, decline, withdraw) and the open-issues register."""
from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.blueprints.dashboard import labels
from tracker.blueprints.forms_glue import INVALID, submit
from tracker.blueprints.ladder import bp
from tracker.blueprints.ladder.forms import AnswerForm, DeclineForm, ProposalForm
from tracker.services.access import ProjectAccess, project_access
from tracker.services.errors import Forbidden
from tracker.services.ladder import agreement
from tracker.services.ladder.queries import ladder_in_force, pending_proposal, versions
from tracker.services.ladder.register import SORTS, open_issues


@bp.context_processor
def inject_helpers() -> dict:
    """Names and number formats shared with the dashboard."""
    return labels.template_helpers()


def _page(access: ProjectAccess, proposal: ProposalForm | None = None, decline: DeclineForm | None = None,
          status: int = 200):
    """The ladder page: the ladder in force, a waiting proposal, the forms this user may use, the versions."""
    pending = pending_proposal(access.project.id)
    may_propose = agreement.may_propose(access)
    if proposal is None and may_propose:
        proposal = ProposalForm.filled(pending.ladder if pending else ladder_in_force(access.project.id))
    return render_template(
        "ladder/show.html", access=access, project=access.project, ladder=ladder_in_force(access.project.id),
        pending=pending, versions=versions(access.project.id), proposal=proposal if may_propose else None,
        may_decide=pending is not None and agreement.may_decide(access, pending.proposed_side),
        may_withdraw=pending is not None and may_propose and access.side.value == pending.proposed_side,
        decline=decline or DeclineForm(), answer=AnswerForm()), status


@bp.get("/ladder")
@login_required
def show(code: str):
    """The project's escalation ladder, the proposal waiting for an answer, and every version."""
    return _page(project_access(current_user, code))


@bp.post("/ladder/propose")
@login_required
def propose(code: str):
    """A manager of either side proposes a ladder; the other side's managers answer it."""
    access = project_access(current_user, code)
    if not agreement.may_propose(access):
        raise Forbidden()
    form = ProposalForm(formdata=request.form)
    ok, _v = submit(form, lambda: agreement.propose(access, current_user, form.ladder(), form.note.data))
    if ok:
        flash(_("Your proposal is sent to the other side; it applies once one of their managers accepts it."), "success")
        return redirect(url_for(".show", code=code))
    return _page(access, proposal=form, status=INVALID)


def _answer(code: str, version_id: int, do, done: str):
    """Run an answer to a proposal (accept or withdraw) and go back to the ladder page."""
    access = project_access(current_user, code)
    if not agreement.may_propose(access):
        raise Forbidden()
    form = AnswerForm()
    ok, _v = submit(form, lambda: do(access, current_user, version_id))
    if ok:
        flash(done, "success")
    else:
        flash(" ".join(form.form_errors) or _("The form expired; please try again."), "error")
    return redirect(url_for(".show", code=code))


@bp.post("/ladder/<int:version_id>/accept")
@login_required
def accept(code: str, version_id: int):
    """Accept the other side's proposal: it applies from today."""
    return _answer(code, version_id, agreement.accept, _("The ladder is agreed and applies from today."))


@bp.post("/ladder/<int:version_id>/withdraw")
@login_required
def withdraw(code: str, version_id: int):
    """Withdraw one's own proposal."""
    return _answer(code, version_id, agreement.withdraw, _("Your proposal is withdrawn."))


@bp.post("/ladder/<int:version_id>/decline")
@login_required
def decline(code: str, version_id: int):
    """Decline the other side's proposal with a reason."""
    access = project_access(current_user, code)
    if not agreement.may_propose(access):
        raise Forbidden()
    form = DeclineForm()
    ok, _v = submit(form, lambda: agreement.decline(access, current_user, version_id, form.reason.data))
    if ok:
        flash(_("The proposal is declined; the other side sees your reason."), "success")
        return redirect(url_for(".show", code=code))
    return _page(access, decline=form, status=INVALID)


@bp.get("/open-issues")
@login_required
def register(code: str):
    """The open issues with their clock against the agreed time boxes, sortable."""
    access = project_access(current_user, code)
    sort = request.args.get("sort", "urgency")
    sort = sort if sort in SORTS else "urgency"
    rows = open_issues(access.project, date.today(), sort)
    return render_template("ladder/register.html", access=access, project=access.project, rows=rows,
                           sort=sort, sorts=SORTS, ladder=ladder_in_force(access.project.id))
