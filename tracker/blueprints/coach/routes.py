"""The coach overview: a sortable table of the coached projects and portfolio trends."""
from datetime import date

from flask import render_template, request
from flask_login import current_user, login_required

from tracker.blueprints.coach import bp, present
from tracker.blueprints.dashboard import labels
from tracker.services.portfolio import overview as portfolio


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
                           today=today, pending=sum(not r.fresh for r in rows))
