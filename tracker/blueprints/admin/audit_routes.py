"""Admin view of the audit log: newest first, filtered by action and user, paginated."""
from flask import current_app, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField

from tracker.blueprints.admin import bp
from tracker.blueprints.admin.audit_present import detail_rows
from tracker.blueprints.admin.forms import optional_int
from tracker.services import audit

MAX_PAGE = 1_000_000  # keeps absurd ?page= values out of the SQL OFFSET

ACTION_LABELS = {
    "login.success": _l("Logged in"),
    "login.failed": _l("Login failed"),
    "logout": _l("Logged out"),
    "password.change": _l("Changed own password"),
    "password.set": _l("Password set by an admin"),
    "user.create": _l("Account created"),
    "user.update": _l("Account details changed"),
    "user.admin_granted": _l("Admin rights granted"),
    "user.admin_revoked": _l("Admin rights removed"),
    "user.enabled": _l("Account enabled"),
    "user.disabled": _l("Account disabled"),
    "membership.add": _l("Member added"),
    "membership.change": _l("Member's side or role changed"),
    "membership.remove": _l("Member removed"),
    "project.create": _l("Project created"),
    "project.update": _l("Project changed"),
    "factor.add": _l("Factor added"),
    "factor.update": _l("Factor changed"),
    "event.retract": _l("Event retracted"),
    "event.merge": _l("Events merged"),
    "csv.import": _l("CSV imported"),
    "csv.import_refused": _l("CSV import refused"),
    "csv.export": _l("CSV exported"),
    "token.create": _l("API token created"),
    "token.revoke": _l("API token revoked"),
    "api.event.create": _l("Event logged through the API"),
    "api.event.edit": _l("Event changed through the API"),
    "api.event.retract": _l("Event retracted through the API"),
    "webhook.create": _l("Webhook added"),
    "webhook.remove": _l("Webhook removed"),
    "webhook.enable": _l("Webhook switched on"),
    "webhook.disabled": _l("Webhook switched off after failures"),
    "intervention.remove": _l("Recorded intervention removed"),
    "login.failure_burst": _l("Many failed logins on this account"),
    "session.end": _l("Session ended by its owner"),
    "mfa.enable": _l("Two-step login set up"),
    "mfa.disable": _l("Two-step login switched off"),
    "mfa.reset": _l("Two-step login reset by an admin"),
    "mfa.recovery_used": _l("Recovery code used"),
    "organisation.sign_in": _l("Organisation's sign-in rules changed"),
    "ladder.propose": _l("Escalation ladder proposed"),
    "ladder.accept": _l("Escalation ladder accepted"),
    "ladder.decline": _l("Escalation ladder declined"),
    "ladder.withdraw": _l("Escalation ladder proposal withdrawn"),
    "ladder.set": _l("Escalation ladder set by an admin"),
    "action.create": _l("Action created"),
    "action.update": _l("Action changed"),
    "user.invite": _l("Account created by invitation"),
    "membership.invite": _l("Member invited"),
    "password.reset_requested": _l("Password reset link asked for"),
    "password.set_by_link": _l("Password set through a mailed link"),
}


class AuditFilterForm(FlaskForm):
    """The audit log filters (a GET form: no CSRF token)."""

    class Meta:
        csrf = False

    action = SelectField(_l("Action"), default="", validate_choice=True)
    actor = SelectField(_l("User"), coerce=optional_int, default="")

    def __init__(self, *args, users=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.action.choices = [("", _l("All actions"))] + [(a, ACTION_LABELS[a]) for a in audit.ACTIONS]
        self.actor.choices = [("", _l("Everyone"))] + [(str(u.id), f"{u.name} <{u.email}>") for u in users]


@bp.get("/audit")
def audit_log():
    """Who did what, newest first."""
    form = AuditFilterForm(formdata=request.args, users=audit.actors())
    valid = form.validate()
    filters = audit.AuditFilter(action=form.action.data or "", actor_id=form.actor.data)
    page_number = min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)
    page = audit.entries(filters, page=page_number,
                         per_page=current_app.config["AUDIT_PER_PAGE"]) if valid else None
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template("admin/audit.html", form=form, page=page, args=args,
                           action_labels=ACTION_LABELS, detail_rows=detail_rows), 200 if valid else 400
