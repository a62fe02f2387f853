"""Admin views: the gate, the overview and helpers the other admin view modules share."""
from collections.abc import Callable
from typing import Any

from flask import abort, render_template
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from tracker.blueprints.admin import bp
from tracker.blueprints.admin.forms import LABELS
from tracker.blueprints.forms_glue import attach_errors
from tracker.services import admin
from tracker.services.errors import ValidationFailed

INVALID = 422  # status of a page re-shown with validation errors


@bp.before_request
@login_required
def require_admin():
    """Only admins reach these pages."""
    if not current_user.is_admin:
        abort(403)


@bp.context_processor
def inject_labels() -> dict:
    """Display names of the enum values (contract forms, phases, sides, roles, dimensions)."""
    return {"labels": LABELS}


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


def status_for(form: FlaskForm) -> int:
    """200 for a fresh form, 422 when it is shown again with errors."""
    return INVALID if form.errors or form.form_errors else 200


@bp.get("/")
def index():
    """Admin home: counts and links."""
    return render_template("admin/index.html", counts=admin.overview())
