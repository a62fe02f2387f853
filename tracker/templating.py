"""Template globals (language, navigation helpers) and filters for dates in the user's language."""
from flask import Flask
from flask_babel import get_locale

from tracker.i18n import format_day, format_moment


def required_field(field) -> bool:
    """A form field that must be filled in: a WTForms required flag or render_kw={"required": True}."""
    return bool(field.flags.required or (field.render_kw or {}).get("required"))


def init_templating(app: Flask) -> None:
    """Expose small helpers to every template: `{{ d|day }}`, `{{ t|moment }}`."""
    app.add_template_filter(format_day, "day")
    app.add_template_filter(format_moment, "moment")
    app.add_template_test(required_field, "required_field")

    @app.context_processor
    def inject_globals() -> dict:
        return {
            "current_locale": str(get_locale() or "en"),
            "languages": app.config["LANGUAGES"],
        }
