"""Plotly figures from domain results: shapes of the figures, escaping, safe JSON, purity."""
import ast
import json
from datetime import date, timedelta
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from tracker import charts
from tracker.charts.base import TEMPLATE
from tracker.domain.history import TrendPoint
from tracker.domain.months import month_range
from tracker.domain.trust import weekly
from tracker.domain.types import EventFacts, Score

EVIL_TITLE = "</script><script>alert(1)</script>"
EVIL_HTML = "<b onmouseover=alert(1)>hover me</b>"
WORDS = {k: k.title() for k in (
    "personal", "system", "client", "contractor", "events", "interventions", "share", "balanced",
    "contract_driven", "blind_trust", "adrift", "path", "now", "planned", "unplanned", "level",
    "mean", "scores", "escalations", "days", "mean_days", "total_days", "resolved")}
KINDS = {"issue": "Issue", "escalation": "Escalation", "agreement": "Agreement", "moment": "Moment"}
STEERING = {"relational": "Relational", "mixed": "Mixed", "contractual": "Contractual"}
LEVELS = {n: f"Level name {n}" for n in range(7)}
START = date(2025, 1, 6)


def _series():
    """Weekly points of a small two-sided history with personal and system scores."""
    events = [EventFacts(id=i, occurred_on=START + timedelta(days=3 * i),
                         side="client" if i % 2 else "contractor", kind="moment",
                         steering="contractual" if i % 3 == 0 else "relational",
                         scores=(Score("p_openness", "personal", 1 if i % 4 else -1),
                                 Score("s_procedures", "system", -1 if i % 5 == 0 else 1)))
              for i in range(1, 40)]
    return [TrendPoint.from_figures(a.as_of, a.figures) for a in weekly(events, START + timedelta(days=130))]


def _fig(spec: dict) -> go.Figure:
    """The figure validated by plotly (a typo in a property name fails here, not in a browser)."""
    return go.Figure(spec)


def _decoded(fig) -> dict:
    """The figure as the browser will parse it from the JSON block."""
    return json.loads(str(charts.script_json(fig)))


def _all_text(fig) -> str:
    """Every string in the figure, joined (for escaping checks)."""
    out = []

    def walk(value):
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
    walk(_decoded(fig))
    return "\n".join(out)


def test_template_is_registered_once_and_default():
    charts.init_plotly()
    charts.init_plotly()
    assert pio.templates.default == TEMPLATE
    fig = charts.steering_share(_series(), WORDS)
    assert "template" in _decoded(fig)["layout"]
    assert len(json.dumps(_decoded(fig)["layout"]["template"])) < 2000  # small, not plotly_white


def test_trust_chart_has_combined_and_per_side_lines_and_marks_interventions():
    series = _series()
    fig = _fig(charts.trust_over_time(series, WORDS, interventions=[
        (START + timedelta(days=60), "Person-to-person conversation", EVIL_HTML)]))
    names = [t.name for t in fig.data]
    assert names[:2] == ["Personal", "System"]
    assert "Personal · Client" in names and "System · Contractor" in names
    marks = [t for t in fig.data if t.name == "Interventions"]
    assert marks and marks[0].x == ((START + timedelta(days=60)).isoformat(),)
    assert any(s.x0 == (START + timedelta(days=60)).isoformat() for s in fig.layout.shapes)
    assert "<b onmouseover" not in _all_text(fig)
    assert "&lt;b onmouseover=alert(1)&gt;" in _all_text(fig)
    assert len(fig.data[0].y) == len(series)


def test_one_side_shows_only_that_sides_lines():
    fig = _fig(charts.trust_over_time(_series(), WORDS, side="client"))
    assert [t.name for t in fig.data] == ["Personal · Client", "System · Client"]


def test_share_is_in_percent():
    fig = _fig(charts.steering_share(_series(), WORDS))
    values = [v for v in fig.data[0].y if v is not None]
    assert values and all(0 <= v <= 100 for v in values) and max(values) > 1


def test_balance_map_labels_the_four_zones_and_ends_at_now():
    fig = _fig(charts.balance_map(_series(), WORDS))
    texts = [a.text for a in fig.layout.annotations]
    for zone in ("Balanced", "Contract_Driven", "Blind_Trust", "Adrift"):
        assert f"<b>{zone}</b>" in texts
    assert "Now" in texts
    assert len([s for s in fig.layout.shapes if s.type == "rect"]) == 4
    path = fig.data[0]
    assert all(0 <= v <= 100 for v in path.x + path.y)


def _timeline_rows():
    return [(1, date(2025, 3, 1), "client", "issue", "contractual", None, None, EVIL_TITLE),
            (2, date(2025, 3, 4), "contractor", "moment", "relational", None, False, EVIL_HTML),
            (3, date(2025, 3, 9), "client", "escalation", "mixed", 4, None, "Level & co")]


def test_timeline_escapes_titles_and_keeps_event_ids_for_clicks():
    fig = _fig(charts.timeline(_timeline_rows(), WORDS, kinds=KINDS, steering=STEERING,
                               sides={"client": "Client", "contractor": "Contractor"}, levels=LEVELS))
    text = _all_text(fig)
    assert "<script>" not in text and "</script>" not in text and "<b onmouseover" not in text
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "Level &amp; co" in text
    ids = sorted(i for t in fig.data if t.customdata is not None for i in t.customdata)
    assert ids == [1, 2, 3]
    symbols = {s for t in fig.data if t.marker.symbol is not None and not isinstance(t.marker.symbol, str)
               for s in t.marker.symbol}
    # shape by steering (contractual square, relational circle, mixed diamond); unplanned moments open
    assert {"square", "circle-open", "diamond"} <= symbols


def test_script_json_cannot_close_the_script_block():
    fig = charts.timeline(_timeline_rows(), WORDS, kinds=KINDS, steering=STEERING,
                          sides={"client": "Client", "contractor": "Contractor"}, levels=LEVELS)
    raw = str(charts.script_json(fig))
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert "</script" not in raw.lower() and "<!--" not in raw
    assert json.loads(raw)["data"]  # still valid JSON


def test_heatmap_is_factor_by_month_with_gaps_filled():
    cells = [("p_openness", "2025-01", 1.5, 2), ("s_contract", "2025-03", -2.0, 1)]
    factors = [("p_openness", "Openness <i>", "personal"), ("s_contract", "Contract & risk", "system"),
               ("p_integrity", "Never scored", "personal")]
    fig = _fig(charts.factor_heatmap(cells, factors, WORDS))
    trace = fig.data[0]
    assert trace.y == ("Openness &lt;i&gt;", "Contract &amp; risk")  # unscored factors left out
    assert trace.x == ("2025-01-01", "2025-02-01", "2025-03-01")
    assert trace.z[0][0] == 1.5 and trace.z[0][1] is None and trace.z[1][2] == -2.0
    assert trace.zmin == -2 and trace.zmax == 2
    assert [round(s.y0, 1) for s in fig.layout.shapes] == [0.5]  # line between personal and system


def test_ladder_stacks_levels_per_month_and_time_per_level():
    rows = [("2025-01", 1, 2), ("2025-03", 4, 1)]
    fig = _fig(charts.ladder_per_month(rows, LEVELS, WORDS, months=["2025-01", "2025-02", "2025-03"]))
    assert fig.layout.barmode == "stack"
    assert [t.name for t in fig.data] == ["1 · Level name 1", "4 · Level name 4"]
    assert fig.data[0].y == (2, 0, 0) and fig.data[1].y == (0, 0, 1)
    levels = _fig(charts.time_per_level({0: 4.0, 1: None, 2: 10.5}, {0: 8, 2: 21}, LEVELS, WORDS))
    assert levels.data[0].x == (4.0, 10.5) and levels.data[0].customdata == (8, 21)


def test_resolution_time_bars():
    fig = _fig(charts.resolution_time([("2025-02", 12.25, 3), ("2025-01", 4.0, 1)], WORDS))
    assert fig.data[0].x == ("2025-01-01", "2025-02-01") and fig.data[0].y == (4.0, 12.2)


@pytest.mark.parametrize("build", [
    lambda: charts.trust_over_time([], WORDS), lambda: charts.steering_share([], WORDS),
    lambda: charts.balance_map([], WORDS), lambda: charts.factor_heatmap([], [], WORDS),
    lambda: charts.ladder_per_month([], LEVELS, WORDS), lambda: charts.resolution_time([], WORDS),
    lambda: charts.time_per_level({}, {}, LEVELS, WORDS),
    lambda: charts.timeline([], WORDS, kinds=KINDS, steering=STEERING, sides={}, levels=LEVELS)])
def test_empty_inputs_still_make_valid_figures(build):
    _fig(build())  # plotly accepts it
    assert isinstance(_decoded(build()), dict)


def test_labels_are_escaped_too():
    words = dict(WORDS, personal="<img src=x onerror=alert(1)>")
    assert "<img" not in _all_text(charts.trust_over_time(_series(), words))


def test_month_range():
    assert month_range("2024-11", "2025-02") == ["2024-11", "2024-12", "2025-01", "2025-02"]
    assert month_range("2025-03", "2025-02") == []


def test_charts_package_imports_neither_flask_nor_the_database():
    for path in Path(charts.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                assert not name.startswith(("flask", "sqlalchemy", "tracker.models",
                                            "tracker.extensions")), (path.name, name)
