"""Trust over time, contract steering share over time and the balance map, from weekly points."""
from collections.abc import Mapping, Sequence
from datetime import date

from tracker.charts.base import (CLIENT, CONTRACTOR, DATE_AXIS, PERSONAL, SHARE, SYSTEM, esc, figure, hline,
                                 iso, vline)
from tracker.domain.history import TrendPoint
from tracker.domain.types import Side

_SIDE_COLOR = {Side.CLIENT: CLIENT, Side.CONTRACTOR: CONTRACTOR}


def _values(series: Sequence[TrendPoint], side: Side | None, name: str, scale: float = 1.0):
    """(y values, event counts) of one figure along the series (None where there is no value)."""
    ys, ns = [], []
    key = side.value if side else None
    for point in series:
        value, events = point.get(key, name)
        ys.append(None if value is None else round(value * scale, 1))
        ns.append(events)
    return ys, ns


def _line(series, side, name, label: str, color: str, events_word: str, *, width: float = 3,
          dash: str = "solid", scale: float = 1.0, suffix: str = "", symbol: str | None = None) -> dict:
    """A line trace of one figure with event counts in the hover.

    ``symbol`` adds a few markers of that shape along the line, so lines differ in more than hue.
    """
    ys, ns = _values(series, side, name, scale)
    trace = {"type": "scatter", "mode": "lines", "name": esc(label), "x": [iso(a.as_of) for a in series],
             "y": ys, "customdata": ns, "connectgaps": False,
             "line": {"color": color, "width": width, "dash": dash, "shape": "spline", "smoothing": 0.4},
             "hovertemplate": f"%{{y:.1f}}{suffix} (%{{customdata}} {esc(events_word)})"}
    if symbol:
        trace["mode"] = "lines+markers"
        trace["marker"] = {"symbol": symbol, "size": 8 if width > 2 else 6, "color": color,
                           "maxdisplayed": 10}
    return trace


def _sides(side: Side | None) -> list[tuple[Side | None, str, str]]:
    """(side, dash style, width) of the lines to draw: combined plus each side, or one side."""
    if side:
        return [(side, "solid", 3)]
    return [(None, "solid", 3), (Side.CLIENT, "dash", 1.6), (Side.CONTRACTOR, "dot", 1.6)]


def _name(base: str, side: Side | None, labels: Mapping[str, str]) -> str:
    return base if side is None else f"{base} · {labels[side.value]}"


def trust_over_time(series: Sequence[TrendPoint], labels: Mapping[str, str], *,
                    side: Side | None = None,
                    interventions: Sequence[tuple[date, str, str]] = ()) -> dict:
    """Personal and system trust per week, combined and per side, with interventions marked.

    ``interventions`` are (start date, title, note); ``labels`` needs personal, system, client,
    contractor, events and interventions. Colour and marker shape (circles for personal, squares
    for system trust) are the dimension; dashes mark the sides.
    """
    side = Side(side) if side else None
    traces = []
    for s, dash, width in _sides(side):
        for name, color, symbol in (("personal", PERSONAL, "circle"), ("system", SYSTEM, "square")):
            traces.append(_line(series, s, name, _name(labels[name], s, labels), color,
                                labels["events"], width=width, dash=dash, symbol=symbol))
    shapes = [hline(50)]
    if interventions:
        shapes += [vline(day, SHARE) for day, _t, _n in interventions]
        traces.append({"type": "scatter", "mode": "markers", "name": esc(labels["interventions"]),
                       "x": [iso(day) for day, _t, _n in interventions], "y": [103] * len(interventions),
                       "marker": {"symbol": "triangle-down", "size": 12, "color": SHARE},
                       "hoverinfo": "text", "hovertext": [
                           f"<b>{esc(title)}</b><br>{iso(day)}" + (f"<br>{esc(note[:160])}" if note else "")
                           for day, title, note in interventions]})
    return figure(traces, {"yaxis": {"range": [0, 106]}, "xaxis": DATE_AXIS,
                           "hovermode": "x unified", "shapes": shapes})


def steering_share(series: Sequence[TrendPoint], labels: Mapping[str, str], *,
                   side: Side | None = None) -> dict:
    """Contract steering share per week (in %), combined and per side."""
    side = Side(side) if side else None
    traces = [_line(series, s, "contract_share", _name(labels["share"], s, labels),
                    SHARE if s is None or side else _SIDE_COLOR[s], labels["events"],
                    width=width, dash=dash, scale=100.0, suffix="%")
              for s, dash, width in _sides(side)]
    return figure(traces, {"yaxis": {"range": [0, 100], "ticksuffix": "%"}, "xaxis": DATE_AXIS,
                           "hovermode": "x unified"})


_ZONES = (  # x0, x1 (system), y0, y1 (personal), label key, fill, label place (x, y, anchors)
    # top labels sit just above the plot, where no path can cover them
    (50, 100, 50, 100, "balanced", "rgba(15,118,110,0.10)", (75, "top", "center", "bottom")),
    (50, 100, 0, 50, "contract_driven", "rgba(217,119,6,0.12)", (98, 2, "right", "bottom")),
    (0, 50, 50, 100, "blind_trust", "rgba(37,99,235,0.09)", (25, "top", "center", "bottom")),
    (0, 50, 0, 50, "adrift", "rgba(100,116,139,0.12)", (2, 2, "left", "bottom")),
)


def balance_map(series: Sequence[TrendPoint], labels: Mapping[str, str], *,
                side: Side | None = None) -> dict:
    """System trust (x) against personal trust (y): the project's path through the four zones."""
    side = Side(side) if side else None
    points = []
    key = side.value if side else None
    for point in series:
        personal, system = point.get(key, "personal")[0], point.get(key, "system")[0]
        if personal is not None and system is not None:
            points.append((point.as_of, round(system, 1), round(personal, 1)))
    shapes = [{"type": "rect", "layer": "below", "line": {"width": 0}, "fillcolor": fill,
               "x0": x0, "x1": x1, "y0": y0, "y1": y1} for x0, x1, y0, y1, _k, fill, _c in _ZONES]
    notes = [{"x": x, "y": 1.0 if y == "top" else y, "yref": "paper" if y == "top" else "y",
              "xanchor": xa, "yanchor": ya, "showarrow": False,
              "text": f"<b>{esc(labels[key])}</b>", "font": {"size": 13, "color": "#334155"}}
             for _a, _b, _c, _d, key, _f, (x, y, xa, ya) in _ZONES]
    traces = []
    if points:
        n = len(points)
        traces.append({"type": "scatter", "mode": "lines+markers", "name": esc(labels["path"]),
                       "x": [p[1] for p in points], "y": [p[2] for p in points],
                       "line": {"color": "rgba(29,39,51,0.35)", "width": 1.5}, "cliponaxis": False,
                       "marker": {"size": [5] * (n - 1) + [14], "color": list(range(n)),
                                  "colorscale": [[0, "#cbd5e1"], [1, "#12343b"]],
                                  "line": {"width": 0}},
                       "customdata": [iso(p[0]) for p in points],
                       "hovertemplate": (f"%{{customdata}}<br>{esc(labels['system'])} %{{x:.1f}}"
                                         f"<br>{esc(labels['personal'])} %{{y:.1f}}<extra></extra>")})
        last = points[-1]
        notes.append({"x": last[1], "y": last[2], "text": esc(labels["now"]), "showarrow": True,
                      "arrowhead": 0, "ax": -28 if last[1] > 80 else 28, "ay": 28 if last[2] > 80 else -28,
                      "font": {"color": "#12343b"}, "bgcolor": "rgba(255,255,255,0.8)"})
    axis = {"range": [0, 100], "dtick": 25, "zeroline": False}
    return figure(traces, {"height": 420, "showlegend": False, "shapes": shapes, "annotations": notes,
                           "margin": {"t": 30},
                           "xaxis": {**axis, "title": {"text": esc(labels["system"])}},
                           "yaxis": {**axis, "title": {"text": esc(labels["personal"])}}})
