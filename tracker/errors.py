"""Error pages: every failure gets a clear page, never a stack trace."""
from flask import Flask, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError, DBAPIError, OperationalError
from werkzeug import exceptions as werkzeug_exceptions
from werkzeug.exceptions import HTTPException

from tracker.database import is_disk_full, is_lock_timeout
from tracker.extensions import db
from tracker.services.errors import Forbidden, NotFound

RETRY_AFTER_SECONDS = 2
INSUFFICIENT_STORAGE = 507


def _wants_json() -> bool:
    """API and CLI-like clients get JSON errors."""
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def _render(status: int, title: str, message: str):
    """Render the shared error template (or JSON; problem+json under /api/) with a status code."""
    if request.path.startswith("/api/"):
        from tracker.blueprints.api.problems import problem

        return problem(status, title, message), status
    if _wants_json():
        return {"error": title, "message": message}, status
    return render_template("errors/error.html", status=status, title=title, message=message), status


def _with_retry_after(rendered, seconds: int):
    """A rendered error (page or JSON) as a response that tells the client when to retry."""
    body, status = rendered
    response = jsonify(body) if isinstance(body, dict) else make_response(body)
    response.status_code = status
    response.headers["Retry-After"] = str(seconds)
    return response


def init_errorhandlers(app: Flask) -> None:
    """Register the handlers."""

    @app.errorhandler(NotFound)
    def not_found(error: NotFound):
        # Someone else's project looks exactly like a missing one: no existence leak.
        return http_error(werkzeug_exceptions.NotFound())

    @app.errorhandler(Forbidden)
    def forbidden(error: Forbidden):
        return http_error(werkzeug_exceptions.Forbidden())

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return _render(400, _("Form expired"),
                       _("The form was open too long or came from another site. "
                         "Go back, reload the page and try again."))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        titles = {
            403: _("Not allowed"),
            404: _("Not found"),
            405: _("Not allowed"),
            413: _("File too large"),
            429: _("Too many requests"),
        }
        messages = {
            403: _("Your role on this project does not allow this."),
            404: _("This page does not exist, or you do not have access to it."),
            413: _("The upload is larger than this server accepts."),
            429: _("Too many attempts in a short time. Wait a moment and try again."),
        }
        title = titles.get(error.code, error.name)
        response = make_response(_render(error.code or 500, title, messages.get(error.code, error.description or "")))
        if getattr(error, "valid_methods", None):  # 405 says what is allowed (RFC 9110)
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response

    @app.errorhandler(OperationalError)
    def database_error(error: OperationalError):
        db.session.rollback()
        if is_lock_timeout(error):
            return _with_retry_after(_render(503, _("Busy"), _("The database is busy. Try again in a moment.")),
                                     RETRY_AFTER_SECONDS)
        return storage_or_generic(error)

    @app.errorhandler(DataError)
    def bad_value(error: DataError):
        # The database refused a value (a number out of range, a NUL character): the input's fault.
        db.session.rollback()
        app.logger.warning("database refused a value: %s", error.orig)
        return _render(400, _("Invalid input"),
                       _("The request contains a value that cannot be stored or searched for. "
                         "Nothing was saved; check what you entered and try again."))

    @app.errorhandler(DBAPIError)
    def storage_or_generic(error: DBAPIError):
        db.session.rollback()
        if is_disk_full(error):
            app.logger.error("database storage is full: %s", error.orig)
            return _render(INSUFFICIENT_STORAGE, _("Storage full"),
                           _("The server has run out of storage space, so nothing was saved. "
                             "Ask the administrator to free up space, then try again."))
        app.logger.exception("database error")
        return _render(500, _("Something went wrong"),
                       _("The database could not complete the request. Nothing was saved."))

    @app.errorhandler(500)
    def internal_error(error):
        db.session.rollback()
        return _render(500, _("Something went wrong"),
                       _("An unexpected error occurred. Nothing was saved; please try again."))
