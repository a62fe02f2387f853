"""Attach the API to the app: flask-smorest, bearer authentication, CSRF exemption, rate limits, headers."""
import os

from flask import Flask, request
from flask_smorest import Api

from tracker.blueprints.api import API_VERSION, BASE, bp
from tracker.blueprints.api.document import docs_bp
from tracker.blueprints.api.problems import InvalidParams, problem
from tracker.blueprints.api.responses import PreconditionFailed


class TrackerApi(Api):
    """flask-smorest without its app-wide JSON error handler: the app's own handler answers
    problem+json under /api/ and keeps its HTML error pages everywhere else."""

    def _register_error_handlers(self) -> None:
        return None


def _config(app: Flask) -> None:
    """flask-smorest's settings: OpenAPI 3.0.3, info, server URL with the major version."""
    app.config.setdefault("API_TITLE", "Tracker API")
    app.config.setdefault("API_VERSION", API_VERSION)
    app.config.setdefault("OPENAPI_VERSION", "3.0.3")
    app.config.setdefault("API_SPEC_OPTIONS", {
        "info": {"description": "The partnership tracker's public API: projects, events, signals, figures, "
                                "scan results and give and take, with the same access rules as the web pages.",
                 "contact": {"name": os.environ.get("TRACKER_API_CONTACT_NAME", "Tracker support"),
                             "url": os.environ.get("TRACKER_API_CONTACT_URL", "https://tracker.example/support"),
                             "email": os.environ.get("TRACKER_API_CONTACT_EMAIL", "support@tracker.example")}},
        "servers": [{"url": BASE, "description": "This server"}],
    })


def init_api(app: Flask) -> None:
    """Register the API blueprint and everything that applies to it."""
    _config(app)
    api = TrackerApi(app)
    api.register_blueprint(bp)
    app.register_blueprint(docs_bp)

    @app.errorhandler(InvalidParams)
    def invalid_params(error: InvalidParams):
        return problem(400, "Invalid input", "The request has invalid input; see invalid-params.",
                       params=error.params)

    @app.errorhandler(PreconditionFailed)
    def precondition(error: PreconditionFailed):
        return error.response()

    @app.after_request
    def version_header(response):
        if request.path.startswith(BASE + "/") or request.path == BASE:
            response.headers["API-Version"] = API_VERSION
        return response
