"""Views of the collaboration scan: rounds, answering, results and their downloads."""
import re
from datetime import date

from flask import Response, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.blueprints.forms_glue import status_for, submit
from tracker.blueprints.scan import bp, present
from tracker.blueprints.scan.forms import RoundForm, answer_form_class, answer_prefill
from tracker.domain import scan as domain
from tracker.domain.types import Side
from tracker.models import MemberRole
from tracker.services.access import ProjectAccess, project_access
from tracker.services.errors import Forbidden
from tracker.services.events.transfer import to_csv
from tracker.services.instruments import scan


def may_open(access: ProjectAccess) -> bool:
    """Managers of either party and coaches open rounds."""
    return access.is_coach or access.membership.role == MemberRole.MANAGER


def party_side(access: ProjectAccess) -> Side | None:
    """The party a member answers for (None for coaches)."""
    return None if access.is_coach else Side(access.side.value)


@bp.get("/")
@login_required
def index(code: str):
    """The project's rounds with answer counts and the user's own status."""
    access = project_access(current_user, code)
    rounds = scan.rounds(access.project)
    return render_template("scan/index.html", access=access, project=access.project,
                           rounds=[(r, scan.answer_counts(r), scan.user_response(r, current_user))
                                   for r in rounds], today=date.today(), may_open=may_open(access),
                           side_names=present.SIDE_NAMES)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new(code: str):
    """Open a round (managers and coaches)."""
    access = project_access(current_user, code)
    if not may_open(access):
        raise Forbidden()
    form = RoundForm()
    ok, created = submit(form, lambda: scan.open_round(access.project, form.name.data, form.opens_on.data,
                                                       form.closes_on.data, current_user))
    if ok:
        flash(_("The round is open for answers."), "success")
        return redirect(url_for(".index", code=code, _anchor=f"round-{created.id}"))
    return render_template("scan/new.html", access=access, project=access.project, form=form,
                           short=scan.short_sides(access.project), side_names=present.SIDE_NAMES,
                           needed=scan.scan_settings().min_respondents), 422 if form.errors else 200


@bp.route("/<int:round_id>/answer", methods=["GET", "POST"])
@login_required
def answer(code: str, round_id: int):
    """Answer the 32 statements, or change one's answers while the round is open."""
    access = project_access(current_user, code)
    side = party_side(access)
    if side is None:
        raise Forbidden()
    scan_round = scan.project_round(access.project, round_id)
    if not scan_round.is_open(date.today()):
        flash(_("This round is not open for answers."), "warning")
        return redirect(url_for(".results", code=code, round_id=round_id))
    mine = scan.user_response(scan_round, current_user)
    form_class = answer_form_class(present.lang())
    form = form_class(data=answer_prefill(mine.answer_map())) if mine and request.method == "GET" \
        else form_class()
    ok, _saved = submit(form, lambda: scan.save_answers(scan_round, current_user, side, form.answers(), mine))
    if ok:
        flash(_("Thank you: your answers are saved. You can change them until the round closes."),
              "success")
        return redirect(url_for(".index", code=code))
    return render_template("scan/answer.html", access=access, project=access.project,
                           form=form, scan_round=scan_round, mine=mine, side=side,
                           lang=present.lang(), total=len(domain.STATEMENTS)), status_for(form)


@bp.get("/<int:round_id>")
@login_required
def results(code: str, round_id: int):
    """Radar, gaps, weakest factors and change since the previous round."""
    access = project_access(current_user, code)
    scan_round = scan.project_round(access.project, round_id)
    result = scan.round_results(scan_round)
    previous = scan.previous_round(scan_round)
    delta = domain.changes(result, scan.round_results(previous))
    lang = present.lang()
    return render_template(
        "scan/results.html", access=access, project=access.project, scan_round=scan_round,
        result=result, previous=previous, counts=scan.answer_counts(scan_round),
        figure=present.radar_figure(result, lang), factors=present.factor_rows(result, delta, lang),
        lenses=present.lens_rows(result, delta, lang), weakest=present.weakest(result, lang),
        sides=(Side.CLIENT, Side.CONTRACTOR), side_names=present.SIDE_NAMES, today=date.today())


@bp.get("/<int:round_id>/results.csv")
@login_required
def results_csv(code: str, round_id: int):
    """The results as CSV ("too few responses" where a side has too few respondents)."""
    access = project_access(current_user, code)
    scan_round = scan.project_round(access.project, round_id)
    name = re.sub(r"[^A-Za-z0-9_-]", "", access.project.code)
    return Response(to_csv(scan.results_csv(scan_round)), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="scan-{name}-{round_id}.csv"'})


@bp.get("/<int:round_id>/results.json")
@login_required
def results_json(code: str, round_id: int):
    """The results as the JSON of docs/contracts.md (null where a side has too few respondents)."""
    access = project_access(current_user, code)
    return jsonify(scan.results_json(access.project, scan.project_round(access.project, round_id)))
