"""Sorting the coach table and building the portfolio charts (aggregates only, no organisations)."""
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

from tracker import charts
from tracker.blueprints.dashboard import labels, tables
from tracker.blueprints.dashboard.present import Chart, chart_card
from tracker.domain.months import month_key, month_range
from tracker.services.portfolio.overview import TREND_DAYS, PortfolioRow

SEVERITY_RANK = {"alert": 2, "warning": 1}
COLUMNS = {  # sort key → column heading; never an organisation
    "code": _l("Project"), "personal": _l("Personal trust"), "system": _l("System trust"),
    "share": _l("Contract steering"), "escalations": _l("Escalations (90 days)"),
    "signals": _l("Active signals"), "last_event": _l("Last event"),
}


def sort_key(sort: str | None, direction: str | None) -> tuple[str, bool]:
    """A known column (default: project code) and whether to sort descending."""
    return (sort if sort in COLUMNS else "code"), direction == "desc"


def _value(row: PortfolioRow, sort: str):
    """The value a row is sorted by (None sorts last)."""
    return {
        "code": row.code, "personal": row.personal, "system": row.system,
        "share": row.contract_share, "escalations": row.escalations_90d,
        "signals": sum(SEVERITY_RANK.get(s["severity"], 0) for s in row.signals or ()),
        "last_event": row.last_event_on,
    }[sort]


def sort_rows(rows: list[PortfolioRow], sort: str, descending: bool) -> list[PortfolioRow]:
    """Rows sorted by one column; projects without a value stay at the bottom either way."""
    known = [r for r in rows if _value(r, sort) is not None]
    unknown = [r for r in rows if _value(r, sort) is None]
    known.sort(key=lambda r: (_value(r, sort), r.code), reverse=descending)
    return known + sorted(unknown, key=lambda r: r.code)


def portfolio_charts(escalations: list, resolutions: list, today: date) -> list[Chart]:
    """Escalations per month by level and time to resolution, across the coached projects."""
    words = labels.words(labels.CHART_WORDS)
    start = today - timedelta(days=TREND_DAYS - 1)
    months = month_range(month_key(start.year, start.month), month_key(today.year, today.month))
    levels = labels.level_names()
    return [
        chart_card("chart-portfolio-escalations", _l("Escalations per month across your projects"),
                   _l("All escalations logged in the projects you coach over the last year, stacked by "
                      "the rung of the ladder they reached. A rising stack or more dark colours means "
                      "more issues leave the project table."),
                   _l("No escalations in the last year."),
                   (lambda: charts.ladder_per_month(escalations, levels, words, months))
                   if escalations else None,
                   lambda: tables.ladder(escalations, levels, months)),
        chart_card("chart-portfolio-resolution", _l("Time to resolution"),
                   _l("Average days from an issue to the agreement that resolved it, by the month it was "
                      "resolved. Hover to see how many issues each bar is based on."),
                   _l("No issues were resolved in the last year."),
                   (lambda: charts.resolution_time(resolutions, words)) if resolutions else None,
                   lambda: tables.resolution(resolutions)),
    ]
