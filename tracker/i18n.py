"""Language choice: the one stored in the session (from the account or the switch), else the browser's."""
from flask import Flask, current_app, has_request_context, request, session

from tracker.extensions import babel


def select_locale() -> str:
    """Pick Dutch or English for this request.

    Reads only the session: touching current_user here would recurse, because loading
    the user can itself need a translated message.
    """
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI and background work: the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if session.get("locale") in languages:
        return session["locale"]
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def remember_locale(locale: str | None) -> None:
    """Use this language for the rest of the session."""
    if locale in current_app.config["LANGUAGES"]:
        session["locale"] = locale


def init_babel(app: Flask) -> None:
    """Attach Flask-Babel with our selector."""
    babel.init_app(app, locale_selector=select_locale)
