"""Helpers shared by views: submitting forms to services, service errors onto forms, safe redirects."""
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from flask_wtf import FlaskForm

from tracker.services.errors import EditConflict, ValidationFailed

INVALID = 422  # status of a page re-shown with validation errors


def submit(form: FlaskForm, action: Callable[[], Any]) -> tuple[bool, Any]:
    """Validate the form, then run the service call: (True, its result), or (False, None)
    with the messages attached to the form's fields."""
    if not form.validate_on_submit():
        return False, None
    try:
        return True, action()
    except ValidationFailed as error:
        attach_errors(form, error.errors)
        return False, None


def submit_versioned(form: FlaskForm, action: Callable[[], Any]) -> tuple[bool, Any, bool]:
    """`submit` for a change based on a version: (saved, result, someone saved in between).

    On a conflict the form's ``version`` moves to the event's current one, so saving again is a
    deliberate choice."""
    try:
        ok, result = submit(form, action)
    except EditConflict as conflict:
        form.version.data = conflict.current_version
        return False, None, True
    return ok, result, False


def status_for(form: FlaskForm) -> int:
    """200 for a fresh form, 422 when it is shown again with errors."""
    return INVALID if form.errors or form.form_errors else 200


def attach_errors(form: FlaskForm, errors: dict[str, list[str]]) -> None:
    """Show service validation messages next to the matching form fields."""
    for name, messages in errors.items():
        target = getattr(form, name, None)
        if target is not None and hasattr(target, "errors"):
            target.errors = list(target.errors) + list(messages)
        else:
            form.form_errors.extend(messages)


def safe_next(target: str | None, default: str) -> str:
    """Only follow `next` when it points at a path on this site."""
    if not target or not target.isprintable():  # CR/LF, NUL, separators: never into a header
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") \
            or "\\" in target:
        return default
    return target
