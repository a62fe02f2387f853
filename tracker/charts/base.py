"""Shared pieces of every chart: the app's plotly template, colours, escaping and safe JSON.

Charts are plain plotly figure dicts ({"data": [...], "layout": {...}}): building a validated
`go.Figure` costs ~100 ms for a 2,000-point timeline, so figures are validated in the tests
(`go.Figure(spec)`) and serialised per request with `plotly.io.to_json(spec, validate=False)`,
plotly's own encoder, which writes <, > and / as \\u escapes.
"""
import html
from collections.abc import Sequence

import plotly.graph_objects as go
import plotly.io as pio
from markupsafe import Markup

TEMPLATE = "tracker"
INK, MUTED, GRID = "#1d2733", "#5b6877", "#e5e9ef"
PERSONAL, SYSTEM, SHARE = "#0f766e", "#6d28d9", "#b45309"
CLIENT, CONTRACTOR = "#2563eb", "#c2410c"
STEERING = {"relational": "#0f766e", "mixed": "#64748b", "contractual": "#d97706"}
LEVELS = ("#fde68a", "#fbbf24", "#f59e0b", "#ea580c", "#dc2626", "#991b1b", "#450a0a")
_template: dict = {}
# Date axes that stay legible on a phone: horizontal two-line labels, days only when zoomed in;
# hover dates day-month-year in the page's language (plotly's default is the US "Mar 1, 2026").
DATE_AXIS = {"type": "date", "nticks": 6, "tickangle": 0, "hoverformat": "%-d %b %Y", "tickformatstops": [
    {"dtickrange": [None, "M1"], "value": "%e %b"}, {"dtickrange": ["M1", None], "value": "%b<br>%Y"}]}


def init_plotly() -> None:
    """Register the app's small plotly template and make it the default (once per process)."""
    if _template:
        return
    # fixedrange + no drag mode: a finger on a chart scrolls the page instead of zooming the chart;
    # the charts are read, not explored (their numbers are in a table beside each one).
    axis = {"gridcolor": GRID, "zerolinecolor": GRID, "linecolor": GRID, "automargin": True,
            "fixedrange": True}
    pio.templates[TEMPLATE] = go.layout.Template(layout={
        "font": {"family": "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif",
                 "size": 13, "color": INK},
        "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff", "dragmode": False,
        "colorway": [PERSONAL, SYSTEM, SHARE, CLIENT, CONTRACTOR],
        "hoverlabel": {"font": {"size": 13}, "align": "left"},
        "xaxis": axis, "yaxis": axis,
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.24, "x": 0},
        "margin": {"l": 48, "r": 16, "t": 16, "b": 40},
    })
    pio.templates.default = TEMPLATE
    _template.update(pio.templates[TEMPLATE].to_plotly_json())


def esc(text: object) -> str:
    """Escape text for plotly labels and hover text (plotly renders a subset of HTML)."""
    return html.escape(str(text), quote=True)


def wrap(text: object, width: int = 22) -> str:
    """Escaped text broken into lines of about ``width`` characters (plotly's <br>)."""
    lines, line = [], ""
    for word in str(text).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "<br>".join(esc(part) for part in lines + [line])


def figure(data: Sequence[dict], layout: dict) -> dict:
    """A figure dict from plain trace and layout dicts, on the app's template."""
    init_plotly()
    return {"data": list(data), "layout": {"height": 340, "template": _template, **layout}}


def script_json(fig: dict | go.Figure) -> Markup:
    """The figure as JSON that is safe inside <script type="application/json">.

    plotly's encoder already writes <, > and / as \\u escapes; escaping <, > and & once more
    keeps "</script>" and "<!--" out of the page even if that ever changes.
    """
    text = fig.to_json() if isinstance(fig, go.Figure) else pio.to_json(fig, validate=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def iso(day) -> str:
    """ISO date for an axis value."""
    return day.isoformat()


def vline(day, color: str = MUTED, dash: str = "dash") -> dict:
    """A vertical line shape across the plot at a date."""
    return {"type": "line", "xref": "x", "yref": "paper", "x0": iso(day), "x1": iso(day),
            "y0": 0, "y1": 1, "line": {"color": color, "width": 1.5, "dash": dash}}


def hline(y: float, color: str = MUTED) -> dict:
    """A horizontal dotted reference line across the plot."""
    return {"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": y, "y1": y,
            "line": {"color": color, "width": 1, "dash": "dot"}}
