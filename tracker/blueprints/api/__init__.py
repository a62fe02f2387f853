"""The public API v1 under /api/v1: bearer tokens, problem+json errors, an OpenAPI document.

Built with flask-smorest: a Flask extension with ordinary blueprints, so it sits beside the
app's other blueprints without changing create_app; marshmallow schemas both check input and
describe it in the OpenAPI document.
"""
from flask_smorest import Blueprint as SmorestBlueprint
from webargs.flaskparser import FlaskParser

from tracker.blueprints.api.problems import InvalidParams

API_VERSION = "1.0.0"  # semantic version of the API; the major is in the URL
BASE = "/api/v1"


class _Parser(FlaskParser):
    """Input that breaks the schema is a 400 problem with every invalid field (not webargs' 422)."""

    DEFAULT_VALIDATION_STATUS = 400

    def handle_error(self, error, req, schema, *, error_status_code, error_headers):
        raise InvalidParams.from_webargs(error.messages)


class Blueprint(SmorestBlueprint):
    """flask-smorest's blueprint with the API's input error handling."""

    ARGUMENTS_PARSER = _Parser()


bp = Blueprint("api", __name__, url_prefix=BASE,
               description="Projects, events, signals and figures of the partnerships you take part in.")


def _set_up() -> None:
    """Once per process: bearer authentication, no CSRF (no cookies to protect), per-token rate limits."""
    from flask import current_app

    from tracker.blueprints.api.auth import authenticate, rate_key
    from tracker.extensions import csrf, limiter

    bp.before_request(authenticate)
    csrf.exempt(bp)
    limiter.limit(lambda: current_app.config["RATELIMIT_API"], key_func=rate_key)(bp)


_set_up()
from tracker.blueprints.api import document, event_routes, figure_routes, partnership_routes, routes  # noqa: E402,F401
