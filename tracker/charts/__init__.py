"""Plotly figures for the dashboard and the coach overview, built from domain results and aggregates.

No request and no database here: callers pass plain values and already translated labels.
Every piece of text that reaches plotly goes through `esc` (plotly renders a subset of HTML in
labels and hover text), and figures leave this package only as `script_json`.
"""
from tracker.charts.base import esc, init_plotly, script_json
from tracker.charts.events import factor_heatmap, ladder_per_month, time_per_level, timeline
from tracker.charts.portfolio import resolution_time
from tracker.charts.trust import balance_map, steering_share, trust_over_time

__all__ = ["esc", "init_plotly", "script_json", "trust_over_time", "steering_share", "balance_map",
           "timeline", "factor_heatmap", "ladder_per_month", "time_per_level", "resolution_time"]
