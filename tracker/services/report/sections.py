"""The report's sections as plain values: one data function per section, in reading order.

Every figure comes from what the dashboard computes: `build_dashboard` for the period (its
`date_to` is the period's end), the cached trust history as of the day before the period for the
starting point, and the instruments' own summaries. Nothing here computes a figure a second way.
To add a section, write one function that takes the `Context` and returns its data (or None to
leave the section out), add it to `SECTIONS`, and add the template `report/_<key>.html`.
"""
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tracker.domain.figures import Figures
from tracker.domain.history import SignalChange
from tracker.domain.types import Side
from tracker.models import Project
from tracker.services.actions.effect import effect
from tracker.services.actions.queries import list_actions
from tracker.services.ladder.register import open_issues as register
from tracker.services.report.period import Period
from tracker.services.trust.dashboard import (EVIDENCE_SHOWN, Dashboard, Filters, SignalView,
                                              build_dashboard)
from tracker.services.trust.history import trust_history

SIDES = (Side.CLIENT, Side.CONTRACTOR)
LINES = ("personal", "system", "contract_share")


@dataclass
class Context:
    """What every section reads: the project, the period, the dashboard of the period and the
    figures at its start (the dashboard as of the day before)."""

    project: Project
    period: Period
    lang: str
    dash: Dashboard
    start: Figures
    extra: dict[str, Any] = field(default_factory=dict)  # instrument summaries, filled by the caller

    @property
    def end(self) -> Figures:
        """The figures at the end of the period (the dashboard's headline figures)."""
        return self.dash.history.current.figures


@dataclass(frozen=True)
class Line:
    """One figure at the start and end of the period and its change."""

    start: float | None
    end: float | None
    events: int | None = None
    low_confidence: bool = False

    @property
    def change(self) -> float | None:
        """End minus start (None when either is unknown)."""
        return None if self.start is None or self.end is None else self.end - self.start


def _line(start, end) -> Line:
    return Line(start.value, end.value, end.events, end.low_confidence)


def headline(ctx: Context) -> dict:
    """Personal and system trust, contract steering and open issues at the start and end, and the
    events and escalations logged in the period."""
    lines = {name: _line(getattr(ctx.start, name), getattr(ctx.end, name)) for name in LINES}
    lines["open_issues"] = Line(ctx.start.escalations.open_issues, ctx.end.escalations.open_issues)
    return {"lines": lines, "events": ctx.dash.timeline_total,
            "escalations": sum(n for _m, _lv, n in ctx.dash.ladder)}


def views(ctx: Context) -> dict:
    """Each side's view of personal and system trust and contract steering at the period's end and
    start, and the gap between the sides (client minus contractor)."""
    rows = {}
    for name in LINES:
        ends = {side: getattr(ctx.end.by_side[side], name) for side in SIDES}
        starts = {side: getattr(ctx.start.by_side[side], name) for side in SIDES}
        gap = (None if any(f.value is None for f in ends.values())
               else ends[Side.CLIENT].value - ends[Side.CONTRACTOR].value)
        rows[name] = {"sides": {side: _line(starts[side], ends[side]) for side in SIDES}, "gap": gap}
    return {"rows": rows}


def _in_period(ctx: Context, change: SignalChange) -> bool:
    return ctx.period.contains(change.on)


def signals(ctx: Context) -> dict:
    """Flags raised and cleared at the weekly checks of the period (with the evidence as raised,
    newest first and as many as the dashboard shows), and the flags active at its end."""
    changes: list[SignalChange] = [c for c in ctx.dash.history.changes if _in_period(ctx, c)]
    raised = [SignalView(c.flag, list(reversed(c.events))[:EVIDENCE_SHOWN],
                         max(0, len(c.events) - EVIDENCE_SHOWN)) for c in changes if c.raised]
    return {"raised": list(zip([c.on for c in changes if c.raised], raised)),
            "cleared": [c for c in changes if not c.raised], "active": ctx.dash.signals}


def trends(ctx: Context) -> dict:
    """The trust and contract-steering lines of the period (charts are drawn by the caller)."""
    return {"weeks": len(ctx.dash.series)}


def balance(ctx: Context) -> dict:
    """The balance-map path of the period: its first and last week with both indices."""
    full = [p for p in ctx.dash.series
            if p.get(None, "personal")[0] is not None and p.get(None, "system")[0] is not None]
    return {"first": full[0] if full else None, "last": full[-1] if full else None,
            "weeks": len(full)}


def escalations(ctx: Context) -> dict:
    """Escalations per month and level in the period, time per level, and the issue chains."""
    esc = ctx.end.escalations
    return {"per_level": _per_level(ctx.dash.ladder), "open_issues": esc.open_issues,
            "resolved": esc.resolved_issues, "resolved_low_share": esc.resolved_low_share,
            "resolved_in_period": sum(1 for day, _d in ctx.dash.history.resolved
                                      if ctx.period.contains(day))}


def _per_level(ladder: list[tuple[str, int, int]]) -> dict[int, int]:
    out: dict[int, int] = {}
    for _month, level, n in ladder:
        out[level] = out.get(level, 0) + n
    return dict(sorted(out.items()))


def open_issues(ctx: Context) -> dict:
    """The open-issues register at the end of the period: level, days at it and the time box."""
    rows = register(ctx.project, ctx.period.end)
    return {"rows": rows, "overdue": sum(1 for r in rows if r.overdue)}


def actions(ctx: Context) -> dict | None:
    """The actions open at some point in the period (created by its end, not closed before its
    start), open ones first, each done one that answers a signal with its before and after."""
    rows = [a for a in list_actions(ctx.project.id, ctx.period.end)
            if a.created_on <= ctx.period.end and (a.closed_on is None or a.closed_on >= ctx.period.start)]
    if not rows:
        return None
    return {"rows": rows, "effects": [(a, e) for a in rows if (e := effect(ctx.project, a, ctx.period.end))]}


def instruments(ctx: Context) -> dict | None:
    """The newest collaboration-scan results and the give-and-take balance (as the dashboard's
    summaries give them: anonymity thresholds applied there)."""
    scan, give_take = ctx.extra.get("scan_summary"), ctx.extra.get("give_take")
    return {"scan": scan, "give_take": give_take}


def moments(ctx: Context) -> dict:
    """The meaningful moments of the period, planned and unplanned, oldest first."""
    rows = [r for r in ctx.dash.timeline if str(getattr(r[3], "value", r[3])) == "moment"]
    planned = [r for r in rows if r[6]]
    return {"rows": rows, "planned": len(planned), "unplanned": len(rows) - len(planned)}


def questions(ctx: Context) -> dict:
    """Questions for the meeting: one per active flag, one per weakest scan factor, and the
    give-and-take imbalance when it is flagged."""
    scan, give_take = ctx.extra.get("scan_summary"), ctx.extra.get("give_take")
    return {"signals": ctx.dash.signals, "weakest": (scan or {}).get("weakest", []),
            "give_take": (give_take or {}).get("flag_view")}


SECTIONS: tuple[tuple[str, Callable[[Context], Any]], ...] = (
    ("headline", headline),
    ("views", views),
    ("signals", signals),
    ("trends", trends),
    ("balance", balance),
    ("escalations", escalations),
    ("open_issues", open_issues),
    ("actions", actions),
    ("instruments", instruments),
    ("moments", moments),
    ("questions", questions),
)


@dataclass
class Report:
    """A project's report for a period: its context and its sections' data, in reading order."""

    context: Context
    sections: list[tuple[str, Any]]


def build_report(project: Project, period: Period, lang: str, extra: dict | None = None) -> Report:
    """Collect every section of the project's report for the period."""
    dash = build_dashboard(project, Filters(period.start, period.end, None), lang)
    start = trust_history(project, period.before).current.figures
    ctx = Context(project, period, lang, dash, start, extra or {})
    return Report(ctx, [(key, data) for key, make in SECTIONS if (data := make(ctx)) is not None])
