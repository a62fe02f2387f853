"""Blueprint: the shared project dashboard and recording interventions."""
from flask import Blueprint

bp = Blueprint("dashboard", __name__, url_prefix="/projects/<code>/dashboard")


@bp.record_once
def _set_up_charts(_state) -> None:
    """Register the plotly template once, when the app is assembled."""
    from tracker.charts import init_plotly

    init_plotly()


from tracker.blueprints.dashboard import routes  # noqa: E402,F401  (registers the views)
