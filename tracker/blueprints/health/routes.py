"""GET /healthz: the app answers and the database is reachable."""
from flask import current_app
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from tracker.blueprints.health import bp
from tracker.extensions import db


@bp.get("/healthz")
def healthz():
    """200 with {"status": "ok"} when the database answers, else 503."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        current_app.logger.exception("health check: database unreachable")
        db.session.rollback()
        return {"status": "error", "database": "unreachable"}, 503
    token = current_app.config.get("HEALTH_TOKEN")
    body = {"status": "ok", "database": "ok"}
    if token:
        body["token"] = token  # lets a benchmark check it is talking to its own server
    return body, 200
