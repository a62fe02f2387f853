"""Opening a signed-in session in this browser: the one place a login completes."""
from flask import request, session
from flask_login import login_user

from tracker.i18n import remember_locale
from tracker.models import User
from tracker.services.accounts import sessions
from tracker.session_check import begin


def sign_in(user: User) -> None:
    """Start a new server-side session with a new id; nothing from before carries over but the language."""
    locale = session.get("locale")
    session.clear()
    login_user(user)
    begin(sessions.start(user, request.user_agent.string, request.remote_addr))
    remember_locale(user.locale or locale)
