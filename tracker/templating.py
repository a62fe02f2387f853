"""Template globals: language, navigation helpers."""
from flask import Flask
from flask_babel import get_locale


def init_templating(app: Flask) -> None:
    """Expose small helpers to every template."""

    @app.context_processor
    def inject_globals() -> dict:
        return {
            "current_locale": str(get_locale() or "en"),
            "languages": app.config["LANGUAGES"],
        }
