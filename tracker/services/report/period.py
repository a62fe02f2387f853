"""The period a partnership report covers: the last full quarter by default, or any from/until."""
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

from tracker.services.errors import ValidationFailed

LONGEST_DAYS = 3 * 366 + 1  # a report is for a meeting, not the whole life of a long project


@dataclass(frozen=True)
class Period:
    """From and until (both inclusive)."""

    start: date
    end: date

    @property
    def before(self) -> date:
        """The day before the period: the figures there are the period's starting point."""
        return self.start - timedelta(days=1)

    def contains(self, day: date) -> bool:
        """True when ``day`` lies in the period."""
        return self.start <= day <= self.end

    def query(self) -> dict[str, str]:
        """The period as the report's query arguments."""
        return {"from": self.start.isoformat(), "until": self.end.isoformat()}


def last_full_quarter(today: date) -> Period:
    """The last calendar quarter that has ended by ``today``."""
    first_month = 3 * ((today.month - 1) // 3) + 1
    end = date(today.year, first_month, 1) - timedelta(days=1)
    return Period(date(end.year, end.month - 2, 1), end)


def _day(text: str | None, field: str, errors: dict) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        errors[field] = [str(_l("Write the date as YYYY-MM-DD, for example 2026-09-30."))]
        return None


def parse_period(start_text: str | None, end_text: str | None, today: date) -> Period:
    """The period asked for (neither end: the last full quarter); ValidationFailed, by field,
    for an unreadable date, an end before the start, an end after today or a too long period."""
    errors: dict[str, list[str]] = {}
    start, end = _day(start_text, "from", errors), _day(end_text, "until", errors)
    if errors:
        raise ValidationFailed(errors)
    if start is None and end is None:
        return last_full_quarter(today)
    end = end or today  # "from a date": up to today
    start = start or end - timedelta(days=90)  # "until a date": the three months before it
    if end > today:
        errors["until"] = [str(_l("The period cannot end after today."))]
    elif start > end:
        errors["from"] = [str(_l("The period cannot start after it ends."))]
    elif (end - start).days > LONGEST_DAYS:
        errors["from"] = [str(_l("Choose a period of at most three years."))]
    if errors:
        raise ValidationFailed(errors)
    return Period(start, end)
