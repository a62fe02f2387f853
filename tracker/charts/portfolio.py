"""Portfolio charts for the coach overview (aggregates across projects, never per organisation)."""
from collections.abc import Mapping, Sequence

from tracker.charts.base import PERSONAL, esc, figure


def resolution_time(rows: Sequence[tuple[str, float, int]], labels: Mapping[str, str]) -> dict:
    """Mean days from an issue to the agreement resolving it, per month of resolution.

    ``rows`` are (month, mean days, resolved issues); the count is in the hover.
    """
    rows = sorted(rows)
    return figure([{
        "type": "bar", "name": esc(labels["mean_days"]), "x": [f"{r[0]}-01" for r in rows],
        "xperiod": "M1", "xperiodalignment": "middle",
        "y": [round(r[1], 1) for r in rows], "customdata": [r[2] for r in rows],
        "marker": {"color": PERSONAL},
        "hovertemplate": (f"%{{x|%b %Y}}<br>{esc(labels['mean_days'])} %{{y:.1f}}"
                          f"<br>%{{customdata}} {esc(labels['resolved'])}<extra></extra>")}],
        {"showlegend": False, "xaxis": {"type": "date", "ticklabelmode": "period", "nticks": 6,
                                                  "tickformat": "%b<br>%Y", "tickangle": 0},
         "yaxis": {"title": {"text": esc(labels["mean_days"])}, "rangemode": "tozero"}})
