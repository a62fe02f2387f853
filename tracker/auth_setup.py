"""Flask-Login wiring: users are loaded by their rotating session token."""
from flask import Flask

from tracker.extensions import db, login_manager


def init_login(app: Flask) -> None:
    """Configure the login manager."""
    from tracker.models import User

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(token: str) -> User | None:
        return db.session.execute(
            db.select(User).where(User.session_token == token)).scalar_one_or_none()

    from flask_babel import lazy_gettext as _l
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"
