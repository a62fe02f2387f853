"""Logging in through one's organisation's OpenID Connect provider."""
from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from tracker.blueprints.auth import bp
from tracker.blueprints.auth.forms import SsoForm
from tracker.blueprints.auth.mfa_routes import start_second_step
from tracker.blueprints.auth.signing import sign_in
from tracker.blueprints.forms_glue import safe_next
from tracker.extensions import limiter
from tracker.services.accounts import mfa, sso

KEPT = "sso"


def _callback_url() -> str:
    return url_for("auth.sso_callback", _external=True)


@bp.post("/login/sso")
@limiter.limit(lambda: current_app.config["RATELIMIT_LOGIN"])
def sso_start():
    """Send the browser to the provider of the organisation the e-mail address belongs to."""
    form = SsoForm()
    organisation = sso.organisation_for(form.email.data or "") if form.validate_on_submit() else None
    if organisation is None:
        flash(_("There is no single sign-on for this e-mail address. Log in with your password."), "warning")
        return redirect(url_for("auth.login"))
    try:
        started = sso.begin(organisation, _callback_url())
    except sso.SsoFailed:
        flash(_("The login service of your organisation cannot be reached. Try again later."), "error")
        return redirect(url_for("auth.login"))
    session[KEPT] = {**started.state, "next": form.next.data or ""}
    # A page that moves on, not a redirect: the login form's CSP (form-action 'self') rightly stops
    # a form from landing on another site, and the provider's address is only known now.
    return render_template("auth/sso_continue.html", url=started.url, organisation=organisation)


@bp.get("/login/sso/callback")
def sso_callback():
    """The provider sends the browser back here with a code (the sign-in writes, as a login does)."""
    kept = session.pop(KEPT, None)
    if not isinstance(kept, dict):
        flash(_("Please log in again."), "info")
        return redirect(url_for("auth.login"))
    try:
        user = sso.finish(kept, request.url, _callback_url())
    except sso.SsoFailed as failure:
        sso.record_refusal(kept.get("org"), failure.reason)
        flash(_("Single sign-on did not log you in: your organisation's service did not confirm an account "
                "here. Ask your admin if this keeps happening."), "error")
        return redirect(url_for("auth.login"))
    sso.record_success(user)
    if mfa.is_enabled(user):
        return start_second_step(user, kept.get("next"))
    sign_in(user)
    return redirect(safe_next(kept.get("next"), url_for("projects.index")))
