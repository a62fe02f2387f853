"""Views for CSV import and export: explain the format, upload, download."""
import os
import re
from datetime import date

from flask import Response, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from tracker.blueprints.transfer import bp
from tracker.blueprints.transfer.forms import ConfirmImportForm, ImportForm
from tracker.extensions import limiter
from tracker.services import audit
from tracker.services.access import ProjectAccess, project_access
from tracker.services.errors import ValidationFailed
from tracker.services.events import importing, staging
from tracker.services.events import queries as event_queries
from tracker.services.events import transfer as event_csv

MAX_ERRORS_SHOWN = 1000
PENDING = "pending_import"  # session key: the staged upload this user may confirm


def _transfer_limit() -> str:
    """The configured limit on imports and exports (RATELIMIT_TRANSFER)."""
    return current_app.config["RATELIMIT_TRANSFER"]


def _account_or_address() -> str:
    """Rate-limit key: the logged-in account (colleagues may share an address), else the address."""
    return f"user:{current_user.id}" if current_user.is_authenticated else (request.remote_addr or "")


def _csv_download(text: str, filename: str) -> Response:
    """A CSV file as an attachment that is not cached."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", filename)
    return Response(text, mimetype="text/csv", headers={
        "Content-Disposition": f"attachment; filename={safe}", "Cache-Control": "private, no-store"})


def _example(factors) -> str:
    """A short example file using one personal and one system factor, with an event seen by both parties."""
    keys = [f.key for f in factors if f.key.startswith("p_")][:1] + \
           [f.key for f in factors if f.key.startswith("s_")][:1]
    keys = keys or [f.key for f in factors][:2]
    rows = [["2025-03-04", "client", "moment", "relational", "", "unplanned",
             _("Coffee with the site manager"), _("Talked the new planning through, openly."), "2", "", ""],
            ["2025-03-11", "contractor", "escalation", "contractual", "2", "",
             _("Delay claim lifted to the project directors"), "", "-1", "-1", "CLAIM-12"],
            ["2025-03-11", "client", "", "", "", "", "",
             _("We saw it as a normal step in the contract."), "0", "1", "CLAIM-12"]]
    width = 8 + len(keys)
    return event_csv.to_csv([event_csv.csv_header(keys, audit=False),
                              *(row[:width] + row[-1:] for row in rows)])


def _page(access: ProjectAccess, form: ImportForm, errors=(), status: int = 200):
    """The format page with the upload form (and the errors of a refused file)."""
    factors = event_queries.catalogue()
    return render_template("transfer/index.html", access=access, project=access.project, form=form,
                           errors=list(errors)[:MAX_ERRORS_SHOWN], error_count=len(errors),
                           factors=factors, example=_example(factors),
                           required=event_csv.REQUIRED_COLUMNS, audit=event_csv.AUDIT_COLUMNS), status


@bp.get("/")
@login_required
def index(code: str):
    """Explain the CSV format; offer export, template and (for managers) the upload."""
    return _page(project_access(current_user, code), ImportForm())


def _staging_dir() -> str:
    """The folder where uploads wait for their confirmation."""
    return current_app.config["IMPORT_STAGING_DIR"] or os.path.join(current_app.instance_path, "imports")


def _refused(access: ProjectAccess, form: ImportForm, filename: str, error: ValidationFailed):
    """Audit a refused file and show every problem in it."""
    audit.record_alone("csv.import_refused", actor=current_user, project=access.project,
                       target=filename, details={"problems": len(error.errors)})
    return _page(access, form, errors=error.errors, status=422)


@bp.post("/import")
@limiter.limit(_transfer_limit, key_func=_account_or_address)
@login_required
def upload(code: str):
    """Check an uploaded CSV and show what importing it would add, skip or refuse (nothing stored yet)."""
    access = project_access(current_user, code, write=True)
    form = ImportForm()
    if not form.validate_on_submit():
        return _page(access, form, status=400)
    data, filename = form.file.data.read(), form.file.data.filename or ""
    try:
        plan = importing.preview_csv(access.project, data, allowed_sides={access.side.value})
    except ValidationFailed as error:
        return _refused(access, form, filename, error)
    token = staging.stage(_staging_dir(), data) if plan.changes_anything else None
    session[PENDING] = {"token": token, "project": access.project.code, "filename": filename}
    return render_template("transfer/preview.html", access=access, project=access.project, plan=plan,
                           skipped=plan.skipped[:MAX_ERRORS_SHOWN], filename=filename,
                           form=ConfirmImportForm(formdata=None, token=token))


def _pending(code: str, token: str) -> tuple[bytes | None, str]:
    """The staged upload this session previewed for this project, and its file name."""
    pending = session.get(PENDING) or {}
    if pending.get("project") != code or pending.get("token") != token:
        return None, ""
    return staging.load(_staging_dir(), token), pending.get("filename", "")


@bp.post("/import/confirm")
@limiter.limit(_transfer_limit, key_func=_account_or_address)
@login_required
def confirm(code: str):
    """Import the previewed file: its new rows, all or none; rows already there are skipped."""
    access = project_access(current_user, code, write=True)
    form = ConfirmImportForm()
    data, filename = _pending(access.project.code, form.token.data or "")
    if not form.validate_on_submit() or data is None:
        flash(_("This upload is no longer waiting to be imported. Upload the file again."), "warning")
        return redirect(url_for(".index", code=access.project.code))
    try:
        plan = importing.import_csv(access.project, data, current_user, allowed_sides={access.side.value})
    except ValidationFailed as error:
        return _refused(access, ImportForm(formdata=None), filename, error)
    staging.discard(_staging_dir(), form.token.data)
    session.pop(PENDING, None)
    audit.record_alone("csv.import", actor=current_user, project=access.project, target=filename,
                       details={"events": plan.added, "skipped": len(plan.skipped),
                                **({"views": plan.views_added} if plan.views_added else {})})
    views = ngettext("%(num)d view of the other party added.", "%(num)d views of the other party added.",
                     plan.views_added) + " " if plan.views_added else ""
    flash(ngettext("%(num)d event imported.", "%(num)d events imported.", plan.added) + " " + views
          + ngettext("%(num)d row skipped.", "%(num)d rows skipped.", len(plan.skipped)), "success")
    return redirect(url_for("projects.show", code=access.project.code))


@bp.get("/export")
@limiter.limit(_transfer_limit, key_func=_account_or_address)
@login_required
def export(code: str):
    """Download every event of the project as CSV (any member)."""
    project = project_access(current_user, code).project
    filename = f"{project.code}-events-{date.today().isoformat()}.csv"
    text = event_csv.export_events(project)
    audit.record_alone("csv.export", actor=current_user, project=project, target=filename)
    return _csv_download(text, filename)


@bp.get("/template")
@login_required
def template(code: str):
    """Download an empty import file: just the header."""
    project = project_access(current_user, code).project
    return _csv_download(event_csv.template_csv(), f"{project.code}-events-template.csv")
