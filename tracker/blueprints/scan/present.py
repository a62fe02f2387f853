"""Presentation helpers for the scan pages: language, the radar figure and table rows."""
import textwrap

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from tracker.domain import scan as domain
from tracker.domain.types import Side
from tracker.services.instruments import scan

SIDE_NAMES = {Side.CLIENT: _l("Client"), Side.CONTRACTOR: _l("Contractor")}
SIDE_COLOURS = {Side.CLIENT: "#2563eb", Side.CONTRACTOR: "#c2410c"}
# The sides differ in more than hue: circles and a solid line, squares and a dashed one.
SIDE_LINES = {Side.CLIENT: ("circle", "solid"), Side.CONTRACTOR: ("square", "dash")}


def lang() -> str:
    """The current language code ("nl" or "en")."""
    locale = get_locale()
    return locale.language if locale else "en"


def _wrapped(label: str) -> str:
    """A factor label broken over lines so the radar stays readable on a phone."""
    return "<br>".join(textwrap.wrap(label, 14))


def radar_figure(result: domain.ScanResult, language: str) -> dict | None:
    """Plotly scatterpolar figure of the 16 factors, one trace per side with figures."""
    labels = [_wrapped(f.label(language)) for f in domain.FACTORS]
    traces = []
    for side in (Side.CLIENT, Side.CONTRACTOR):
        values = [None if (v := r.side(side)) is None else round(v, 2) for r in result.factors]
        if not result.enough(side) or all(v is None for v in values):
            continue
        traces.append({
            "type": "scatterpolar", "name": str(SIDE_NAMES[side]), "mode": "lines+markers",
            "r": values + values[:1],
            "theta": labels + labels[:1], "fill": "toself", "opacity": 0.75,
            "line": {"color": SIDE_COLOURS[side], "dash": SIDE_LINES[side][1]}, "connectgaps": False,
            "marker": {"symbol": SIDE_LINES[side][0], "size": 7},
            "hovertemplate": "%{theta}: %{r}<extra>" + str(SIDE_NAMES[side]) + "</extra>"})
    if not traces:
        return None
    return {"data": traces, "layout": {
        # The radial ticks sit between the first two factors, clear of their labels.
        "polar": {"radialaxis": {"range": [1, 5], "dtick": 1, "angle": 78.75,
                                 "tickfont": {"size": 9, "color": "#5b6877"}},
                  "angularaxis": {"direction": "clockwise", "tickfont": {"size": 10}}},
        "legend": {"orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.14},
        "margin": {"l": 64, "r": 64, "t": 36, "b": 56}, "autosize": True, "dragmode": False,
        "paper_bgcolor": "rgba(0,0,0,0)"}}


def factor_rows(result: domain.ScanResult, delta: dict, language: str) -> list[dict]:
    """Table rows sorted by the largest gap, with the change since the previous round."""
    return [{"key": r.key, "label": domain.factor(r.key).label(language),
             "lens": domain.LENS_LABELS[r.lens][language].split(":")[0], "client": r.client,
             "contractor": r.contractor, "gap": r.gap, "change": delta[r.key]}
            for r in result.by_gap()]


def lens_rows(result: domain.ScanResult, delta: dict, language: str) -> list[dict]:
    """One row per lens in catalogue order."""
    return [{"label": domain.LENS_LABELS[r.lens][language], "client": r.client,
             "contractor": r.contractor, "gap": r.gap, "change": delta[r.lens.value]}
            for r in result.lenses]


def weakest(result: domain.ScanResult, language: str) -> list[dict]:
    """The weakest factors with their conversation starters."""
    return [{"label": domain.factor(r.key).label(language), "combined": r.combined,
             "client": r.client, "contractor": r.contractor,
             "starter": domain.factor(r.key).starter(language)} for r in result.weakest()]


def summary_context(project, as_of=None) -> dict | None:
    """Everything `scan/_summary.html` needs for the newest round, opened by ``as_of`` when
    given (None: no such round)."""
    summary = scan.dashboard_summary(project, as_of)
    if summary is None:
        return None
    language, result = lang(), summary["result"]
    return {"round": summary["round"], "project_code": project.code, "result": result,
            "side_names": SIDE_NAMES, "lenses": lens_rows(result, summary["changes"], language),
            "weakest": weakest(result, language)}
