"""The signed-in user's own sessions: where and since when, and ending any one of them."""
from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from tracker.blueprints.auth import bp
from tracker.services.accounts import sessions

# (fragment in the User-Agent header, name shown); the first match wins, so Edge before Chrome.
BROWSERS = (("Edg/", "Edge"), ("Firefox/", "Firefox"), ("Chromium/", "Chromium"), ("Chrome/", "Chrome"),
            ("Safari/", "Safari"))
SYSTEMS = (("Windows", "Windows"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"),
           ("Mac OS X", "macOS"), ("Linux", "Linux"))


@bp.app_template_filter("user_agent_label")
def user_agent_label(user_agent: str) -> str:
    """"Firefox on Windows" from a User-Agent header; the raw start of it when unknown."""
    browser = next((name for key, name in BROWSERS if key in user_agent), None)
    system = next((name for key, name in SYSTEMS if key in user_agent), None)
    if browser and system:
        return _("%(browser)s on %(system)s", browser=browser, system=system)
    return browser or system or (user_agent[:60] or _("Unknown browser"))


@bp.get("/account/sessions")
@login_required
def sessions_page():
    """List the user's open sessions, this one marked."""
    return render_template("auth/sessions.html", sessions=sessions.of_user(current_user),
                           this=getattr(g, "user_session", None), form=FlaskForm())


@bp.post("/account/sessions/<int:session_pk>/end")
@login_required
def end_session(session_pk: int):
    """End one session; ending this one signs this browser out at its next request."""
    form = FlaskForm()
    if form.validate_on_submit():
        sessions.end(current_user, session_pk)
        flash(_("The session has ended."), "success")
    return redirect(url_for("auth.sessions_page"))
