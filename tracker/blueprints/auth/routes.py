"""Views for login, logout, account and language."""
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from tracker.blueprints.auth import bp
from tracker.blueprints.auth.forms import LoginForm, PasswordChangeForm, SsoForm
from tracker.blueprints.auth.mfa_routes import start_second_step
from tracker.blueprints.auth.signing import sign_in
from tracker.blueprints.forms_glue import attach_errors, safe_next
from tracker.extensions import limiter
from tracker.i18n import remember_locale
from tracker.services.accounts import mfa
from tracker.services.accounts import users as accounts
from tracker.services.errors import ValidationFailed
from tracker.session_check import current_id


def _login_problem(result) -> str:
    """Why a login failed, without saying whether the account exists."""
    if result.sso_only:
        return _("Your organisation logs in with single sign-on: use “Log in with your organisation” below.")
    if result.wait_seconds:
        return _("Too many failed attempts. Try again in %(n)d seconds.", n=result.wait_seconds)
    return _("E-mail address or password is not correct.")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_LOGIN"], methods=["POST"])
def login():
    """Show the login form and log the user in."""
    if current_user.is_authenticated:
        return redirect(url_for("projects.index"))
    form = LoginForm(next=request.args.get("next", ""))
    sso_form = SsoForm(formdata=None, next=request.args.get("next", ""))
    if form.validate_on_submit():
        result = accounts.authenticate(form.email.data, form.password.data, request.remote_addr)
        if result.user and mfa.is_enabled(result.user):
            return start_second_step(result.user, form.next.data)
        if result.user:
            sign_in(result.user)
            return redirect(safe_next(form.next.data, url_for("projects.index")))
        form.form_errors.append(_login_problem(result))
    return render_template("auth/login.html", form=form, sso_form=sso_form), 200 if not form.errors else 401


@bp.post("/logout")
@login_required
def logout():
    """Log out: this browser's server-side session ends, so a copy of its cookie stops working."""
    accounts.log_out(current_user, current_id())
    logout_user()
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    """Change one's own password."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(current_user, form.current_password.data, form.password.data,
                                     keep_session=current_id())
        except ValidationFailed as error:
            attach_errors(form, error.errors)
        else:
            login_user(current_user)  # keep this browser logged in with the new token
            flash(_("Your password is changed. Other sessions have been logged out."), "success")
            return redirect(url_for("auth.account"))
    return render_template("auth/account.html", form=form)


@bp.post("/language")
def set_language():
    """Switch between Dutch and English (remembered for logged-in users)."""
    locale = request.form.get("locale", "")
    remember_locale(locale)
    if current_user.is_authenticated and locale in current_app.config["LANGUAGES"]:
        accounts.set_locale(current_user, locale)
    return redirect(safe_next(request.form.get("next"), url_for("projects.index")))
