"""Event timeline, factor × month heat map and the escalation ladder, from SQL aggregates."""
from collections.abc import Callable, Collection, Mapping, Sequence

from tracker.domain.months import month_range
from tracker.charts.base import DATE_AXIS, LEVELS, STEERING, esc, figure, wrap

KIND_ORDER = ("moment", "agreement", "issue", "escalation")
# How an event was handled shows as colour *and* shape, so the timeline never relies on hue alone.
STEERING_SYMBOL = {"relational": "circle", "mixed": "diamond", "contractual": "square"}


def _symbol(style: str, kind: str, planned: bool | None) -> str:
    """Marker shape by steering; unplanned moments are drawn open."""
    shape = STEERING_SYMBOL.get(style, "circle")
    return f"{shape}-open" if kind == "moment" and planned is False else shape


def timeline(rows: Sequence[tuple], labels: Mapping[str, str], *, kinds: Mapping[str, str],
             steering: Mapping[str, str], sides: Mapping[str, str],
             levels: Mapping[int, str], day_text: Callable = lambda day: day.isoformat(),
             deescalations: Collection[int] = ()) -> dict:
    """Every event as a marker: row by kind, colour and shape by steering, size by escalation level.

    ``rows`` are (id, date, side, kind, steering, level, planned, title) with side, kind and
    steering as their words ("client", "issue", …); the event id is in ``customdata`` so a click
    can open the event. ``day_text`` writes a date for the hover text in the reader's language.
    ``deescalations`` are the ids of the agreements that brought an escalated issue back down: a
    downward triangle, said in the hover.
    """
    traces = []
    kind_names = {k: esc(v) for k, v in kinds.items()}
    side_names = {k: esc(v) for k, v in sides.items()}
    level_names = {k: f"<br>{esc(labels['level'])} {esc(v)}" for k, v in levels.items()}
    moment = {True: f"<br>{esc(labels['planned'])}", False: f"<br>{esc(labels['unplanned'])}"}
    by_style: dict[str, list] = {}
    for row in rows:
        by_style.setdefault(row[4], []).append(row)
    for style, color in STEERING.items():
        mine = by_style.get(style)
        if not mine:
            continue
        xs, ys, sizes, symbols, texts, ids = [], [], [], [], [], []
        how = esc(steering[style])
        for event_id, day, side, kind, _st, level, planned, title in mine:
            who = side_names.get(side) or esc(side)
            text = f"<b>{esc(title)}</b><br>{esc(day_text(day))} · {who} · {how}"
            if kind == "moment" and planned is not None:
                text += moment[bool(planned)]
            if level is not None:
                text += level_names.get(level) or f"<br>{esc(labels['level'])} {level}"
            down = event_id in deescalations
            if down:
                text += f"<br>↓ {esc(labels.get('deescalation', 'de-escalation'))}"
            xs.append(day.isoformat())
            ys.append(kind_names[kind])
            sizes.append(9 + 2 * (level or 0) if kind == "escalation" else 9)
            symbols.append("triangle-down" if down else _symbol(style, kind, planned))
            texts.append(text)
            ids.append(event_id)
        traces.append({"type": "scatter", "mode": "markers", "name": how,
                       "legendgroup": style, "showlegend": False,
                       "x": xs, "y": ys, "customdata": ids, "hoverinfo": "text", "hovertext": texts,
                       "marker": {"color": color, "size": sizes, "symbol": symbols, "opacity": 0.8,
                                  "line": {"width": 1, "color": color}}})
        traces.append({"type": "scatter", "mode": "markers", "name": how,
                       "legendgroup": style, "x": [None], "y": [None], "hoverinfo": "skip",
                       "marker": {"color": color, "size": 10, "symbol": STEERING_SYMBOL[style]}})
    order = [esc(kinds[k]) for k in KIND_ORDER]
    return figure(traces, {"height": 300, "hovermode": "closest", "xaxis": DATE_AXIS,
                           "yaxis": {"type": "category", "categoryorder": "array",
                                     "categoryarray": order, "range": [-0.6, len(order) - 0.4]}})


def _months(found: set[str], months: Sequence[str] | None) -> list[str]:
    """The given months, or every month from the first to the last one found."""
    if months:
        return list(months)
    return month_range(min(found), max(found)) if found else []


def sign_mark(mean: float | None) -> str:
    """A cell's sign as text, so the heat map does not rely on hue: "++" (≥ 1), "+", "0", "−", "−−"."""
    if mean is None:
        return ""
    if abs(mean) < 0.05:
        return "0"
    mark = "+" if mean > 0 else "−"
    return mark * 2 if abs(mean) >= 1 else mark


def factor_heatmap(cells: Sequence[tuple[str, str, float, int]],
                   factors: Sequence[tuple[str, str, str]], labels: Mapping[str, str],
                   months: Sequence[str] | None = None) -> dict:
    """Mean score (−2…+2) per factor and month, its sign written in the cell;
    ``factors`` are (key, label, dimension) in order."""
    months = _months({month for _k, month, _m, _n in cells}, months)
    scored = {key for key, _m, _v, _n in cells}
    shown = [(key, label) for key, label, _d in factors if key in scored]
    at = {(key, month): (mean, n) for key, month, mean, n in cells}
    z = [[round(at[(k, m)][0], 2) if (k, m) in at else None for m in months] for k, _l in shown]
    counts = [[at[(k, m)][1] if (k, m) in at else 0 for m in months] for k, _l in shown]
    dims = [dim for key, _l, dim in factors if key in scored]
    lines = [{"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": i - 0.5,
              "y1": i - 0.5, "line": {"color": "#1d2733", "width": 1.5}}
             for i in range(1, len(dims)) if dims[i] != dims[i - 1]]  # personal | system
    return figure([{
        "type": "heatmap", "x": [f"{m}-01" for m in months], "y": [wrap(label) for _k, label in shown], "z": z,
        "customdata": counts, "zmin": -2, "zmax": 2, "xgap": 2, "ygap": 2,
        "text": [[sign_mark(v) for v in row] for row in z], "texttemplate": "%{text}",
        "textfont": {"size": 12},
        "colorscale": [[0, "#b91c1c"], [0.5, "#f8fafc"], [1, "#0f766e"]],
        "showscale": False,  # the how-to-read text explains the colours; saves width on phones
        "hovertemplate": (f"%{{y}}<br>%{{x|%b %Y}}<br>{esc(labels['mean'])} %{{z:+.1f}}"
                          f"<br>%{{customdata}} {esc(labels['scores'])}<extra></extra>")}],
        {"height": max(300, 80 + 30 * len(shown)), "plot_bgcolor": "#e5e9ef", "shapes": lines,
         "yaxis": {"autorange": "reversed", "showgrid": False, "tickfont": {"size": 12}},
         "xaxis": {"type": "date", "showgrid": False, "ticklabelmode": "period",
                   "tickformat": "%b<br>%Y", "nticks": 5, "tickangle": 0}})


def ladder_per_month(rows: Sequence[tuple[str, int, int]], levels: Mapping[int, str],
                     labels: Mapping[str, str], months: Sequence[str] | None = None) -> dict:
    """Escalations per month, stacked by ladder level; ``rows`` are (month, level, count)."""
    months = _months({month for month, _l, _n in rows}, months)
    count = {(month, level): n for month, level, n in rows}
    traces = []
    for level in sorted({level for _m, level, _n in rows}):
        traces.append({"type": "bar", "name": esc(f"{level} · {levels.get(level, level)}"),
                       "x": [f"{m}-01" for m in months], "y": [count.get((m, level), 0) for m in months],
                       "xperiod": "M1", "xperiodalignment": "middle",
                       "marker": {"color": LEVELS[min(level, len(LEVELS) - 1)]},
                       "hovertemplate": f"%{{y}} {esc(labels['escalations'])}"})
    return figure(traces, {"barmode": "stack", "hovermode": "x unified",
                           "xaxis": {"type": "date", "ticklabelmode": "period", "hoverformat": "%b %Y",
                                     "tickformat": "%b<br>%Y", "nticks": 6, "tickangle": 0},
                           "yaxis": {"title": {"text": esc(labels["escalations"])}, "rangemode": "tozero",
                                     "dtick": 1 if max(count.values(), default=0) < 8 else None}})


def time_per_level(mean_days: Mapping[int, float | None], total_days: Mapping[int, float],
                   levels: Mapping[int, str], labels: Mapping[str, str]) -> dict:
    """Mean days an issue chain spent at each level it reached (total in the hover)."""
    shown = [lv for lv in sorted(mean_days) if mean_days[lv] is not None]
    return figure([{
        "type": "bar", "orientation": "h", "name": esc(labels["days"]),
        "y": [wrap(f"{lv} · {levels.get(lv, lv)}", 20) for lv in shown],
        "x": [round(mean_days[lv], 1) for lv in shown],
        "customdata": [round(total_days.get(lv, 0)) for lv in shown],
        "marker": {"color": [LEVELS[min(lv, len(LEVELS) - 1)] for lv in shown]},
        "hovertemplate": (f"%{{y}}<br>{esc(labels['mean_days'])} %{{x:.1f}}"
                          f"<br>{esc(labels['total_days'])} %{{customdata}}<extra></extra>")}],
        {"height": max(220, 70 + 34 * len(shown)), "showlegend": False,
         "yaxis": {"autorange": "reversed", "type": "category"},
         "xaxis": {"title": {"text": esc(labels["mean_days"])}, "rangemode": "tozero"}})
