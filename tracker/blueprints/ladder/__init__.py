"""Blueprint: the project's escalation ladder (agreeing it) and the open-issues register."""
from flask import Blueprint

bp = Blueprint("ladder", __name__, url_prefix="/projects/<code>")


@bp.record_once
def _check_default_ladder(state) -> None:
    """A mistyped ESCALATION_LADDER stops the app at start-up with the problems named."""
    from tracker.domain.ladder import parse_ladder

    data = state.app.config.get("ESCALATION_LADDER")
    if data:
        _ladder, errors = parse_ladder(data)
        if errors:
            raise ValueError("ESCALATION_LADDER: " + "; ".join(errors))

from tracker.blueprints.ladder import routes  # noqa: E402,F401  (registers the views)
