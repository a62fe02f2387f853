"""Language choice (the one stored in the session, from the account or the switch, else the
browser's) and how dates and times are written in it."""
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache

from babel import dates
from flask import Flask, current_app, has_app_context, has_request_context, request, session
from flask_babel import format_date, format_datetime, get_locale

from tracker.extensions import babel

# Dutch as the Dutch write it (01-12-2026, 22:08); English unambiguous and 24-hour (1 Dec 2026, 22:08),
# never the US short form (12/1/26, 10:08 PM).
DAY = {"nl": "dd-MM-yyyy", "en": "d MMM yyyy"}
MOMENT = {"nl": "dd-MM-yyyy HH:mm", "en": "d MMM yyyy, HH:mm"}
MONTH = "LLLL yyyy"  # "maart 2026", "March 2026"


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


def _language() -> str:
    locale = get_locale()
    return locale.language if locale and locale.language in DAY else "en"


@lru_cache(maxsize=8192)
def _day(day: date, language: str) -> str:
    """One date in one language; cached because a timeline writes thousands of them per view."""
    return dates.format_date(day, DAY[language], locale=language)


def day_formatter() -> Callable[[date | None], str]:
    """`format_day` with the language looked up once: for tables and charts that write many dates
    (finding the request's locale costs more than formatting a cached date)."""
    if not has_app_context():  # pure unit tests: ISO
        return lambda day: day.isoformat() if day else "–"
    language = _language()
    return lambda day: _day(day, language) if day else "–"


def format_day(day: date | None) -> str:
    """A date in the current language ("–" when unknown; ISO outside an app, as in pure unit tests)."""
    return day_formatter()(day)


def format_moment(moment: datetime | None) -> str:
    """A stored UTC time, in the app's time zone and the current language ("–" when unknown)."""
    return format_datetime(moment, MOMENT[_language()]) if moment else "–"


def format_month(key: str) -> str:
    """A "YYYY-MM" month key as "maart 2026" / "March 2026"."""
    year, month = key.split("-")[:2]
    return format_date(date(int(year), int(month), 1), MONTH)
