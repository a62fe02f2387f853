"""Two-step login: the code step after the password, and setting up or switching off the app."""
import time

import segno
from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.blueprints.auth import bp
from tracker.blueprints.auth.mfa_forms import CodeForm, SetupForm
from tracker.blueprints.auth.signing import sign_in
from tracker.blueprints.forms_glue import safe_next, status_for, submit
from tracker.extensions import db
from tracker.models import User
from tracker.services.accounts import mfa, throttle
from tracker.session_check import current_id

PENDING = "mfa_pending"
PENDING_SECONDS = 300  # the code must follow the password within five minutes
SETUP_SECRET = "mfa_setup_secret"


def start_second_step(user: User, next_url: str | None):
    """The password was right: remember who, for a few minutes, and ask for the code."""
    locale = session.get("locale")
    session.clear()
    session[PENDING] = {"user": user.id, "at": int(time.time()), "next": next_url or ""}
    if locale:
        session["locale"] = locale
    return redirect(url_for("auth.login_code"))


def _pending_user() -> tuple[User | None, str]:
    pending = session.get(PENDING) or {}
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None, ""
    return db.session.get(User, pending.get("user") or 0), pending.get("next", "")


@bp.route("/login/code", methods=["GET", "POST"])
def login_code():
    """Second step: a code from the app or a recovery code."""
    user, next_url = _pending_user()
    if user is None or not user.is_enabled:
        flash(_("Please log in again."), "info")
        return redirect(url_for("auth.login"))
    form = CodeForm()
    if form.validate_on_submit():
        wait = throttle.wait_seconds(user.email, request.remote_addr)
        if not wait and mfa.check(user, form.code.data):
            sign_in(user)
            return redirect(safe_next(next_url, url_for("projects.index")))
        if not wait:
            throttle.record_failure(user.email, request.remote_addr)
        form.code.errors = [_("Too many failed attempts. Try again in %(n)d seconds.", n=wait) if wait
                            else _("This code is not correct, or was used already.")]
    return render_template("auth/mfa_code.html", form=form), status_for(form)


def _qr_svg(uri: str) -> str:
    """The otpauth URI as an inline SVG QR code (drawn on the server: no script, no request out)."""
    return segno.make(uri, error="m").svg_inline(scale=5, dark="#000", light="#fff",
                                                 title=_("QR code for your authenticator app"))


@bp.route("/account/two-step", methods=["GET", "POST"])
@login_required
def mfa_setup():
    """Set up the authenticator app (QR code and the secret as text), or manage it."""
    if mfa.is_enabled(current_user):
        return render_template("auth/mfa_manage.html", form=CodeForm(), remaining=mfa.remaining_codes(current_user),
                               required=mfa.required_for(current_user))
    secret = session.get(SETUP_SECRET) or mfa.new_secret()
    session[SETUP_SECRET] = secret  # kept in the signed cookie until the first code confirms it
    form = SetupForm()
    ok, codes = submit(form, lambda: mfa.enable(current_user, secret, form.code.data, current_id()))
    if ok:
        session.pop(SETUP_SECRET, None)
        flash(_("Two-step login is on. Keep these recovery codes somewhere safe."), "success")
        return render_template("auth/mfa_codes.html", codes=codes)
    uri = mfa.provisioning_uri(current_user, secret)
    return render_template("auth/mfa_setup.html", form=form, qr=_qr_svg(uri), secret=secret,
                           required=mfa.required_for(current_user)), status_for(form)


@bp.post("/account/two-step/<action>")
@login_required
def mfa_change(action: str):
    """New recovery codes, or switching two-step login off; both need a current code."""
    if action not in ("codes", "off") or not mfa.is_enabled(current_user):
        abort(404)
    form = CodeForm()
    change = (lambda: mfa.renew_codes(current_user, form.code.data)) if action == "codes" \
        else (lambda: mfa.disable(current_user, form.code.data, current_id()))
    ok, codes = submit(form, change)
    if ok and action == "codes":
        return render_template("auth/mfa_codes.html", codes=codes)
    if ok:
        flash(_("Two-step login is off."), "success")
        return redirect(url_for("auth.account"))
    return render_template("auth/mfa_manage.html", form=form, remaining=mfa.remaining_codes(current_user),
                           required=mfa.required_for(current_user)), status_for(form)
