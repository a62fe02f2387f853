"""Blueprint: the coach overview across the projects a coach is assigned to."""
from flask import Blueprint, g
from flask_login import current_user

bp = Blueprint("coach", __name__, url_prefix="/coach")


def show_coach_nav() -> bool:
    """True when the logged-in user coaches a project (asked once per request)."""
    if not current_user.is_authenticated:
        return False
    if "has_coach_seat" not in g:
        from tracker.services.portfolio.overview import has_coach_seat

        g.has_coach_seat = has_coach_seat(current_user.id)
    return g.has_coach_seat


@bp.record_once
def _nav_helper(state) -> None:
    """Let base.html ask whether to show the Coach link."""
    state.app.context_processor(lambda: {"show_coach_nav": show_coach_nav})


from tracker.blueprints.coach import routes  # noqa: E402,F401  (registers the views)
