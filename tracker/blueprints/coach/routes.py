"""The coach overview: a sortable table of the coached projects and portfolio trends."""
from datetime import date

from flask import render_template, request
from flask_login import current_user, login_required

from tracker.blueprints.coach import bp, present
from tracker.blueprints.dashboard import labels
from tracker.blueprints.dashboard import present as present_dash
from tracker.services.actions.effect import FEW, by_intervention
from tracker.services.actions.queries import open_counts
from tracker.services.portfolio import overview as portfolio
from tracker.services.trust.facts import trust_settings


@bp.context_processor
def inject_helpers() -> dict:
    """Names and number formats for the coach templates."""
    return labels.template_helpers()


@bp.get("/")
@login_required
def index():
    """All projects the user coaches; users without a coach seat get an explanation (200)."""
    today = date.today()
    rows = portfolio.overview(current_user.id, today)
    sort, descending = present.sort_key(request.args.get("sort"), request.args.get("dir"))
    charts = present.portfolio_charts(*portfolio.portfolio_trends(rows), today) if rows else []
    return render_template("coach/index.html", rows=present.sort_rows(rows, sort, descending),
                           sort=sort, descending=descending, columns=present.COLUMNS, charts=charts,
                           today=today, pending=sum(not r.fresh for r in rows),
                           action_counts=open_counts([r.project_id for r in rows], today))


@bp.get("/actions")
@login_required
def actions():
    """Per intervention type across the coach's projects: how often used, how often the signal cleared."""
    today = date.today()
    uses = by_intervention(portfolio.coached_projects(current_user.id), today)
    return render_template("coach/actions.html", uses=uses, today=today, weeks=trust_settings().action_effect_weeks,
                           few=FEW, intervention_title=present_dash.intervention_title)
