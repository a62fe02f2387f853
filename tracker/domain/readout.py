"""Turn an `Engine`'s rolled state into a `Figures` object (the figures of docs/model.md).

Index per group (overall, per side, per factor) = 50 + 50·(T − D)/(T + D) where T and D are
the decayed sums of positive and negative score values; contract share = decayed sum of
steering weights / decayed event count. Escalation figures come from the chain state and
from bisecting the sorted escalation dates.
"""
from __future__ import annotations

from tracker.domain.engine import Engine
from tracker.domain.figures import (EscalationFigures, Figures, IndexFigure, ShareFigure, SideFigures,
                                    index_value, share_value)
from tracker.domain.types import ESCALATION_LEVELS, Dimension, Side

__all__ = ["figures_from"]


def _index_figure(trust: float, distrust: float, events: int, low_below: int) -> IndexFigure:
    return IndexFigure(value=index_value(trust, distrust), trust=trust, distrust=distrust,
                       events=events, low_confidence=events < low_below)


def _share(engine: Engine, side: str | None) -> ShareFigure:
    weight = engine.decayed(("n", side))
    contract = engine.decayed(("c", side))
    events = engine.count(("ev", side))
    return ShareFigure(value=share_value(contract, weight), weight=weight, events=events,
                       low_confidence=events < engine.settings.low_confidence_below)


def _dimension(engine: Engine, dim: Dimension, side: str | None) -> IndexFigure:
    d = dim.value
    return _index_figure(engine.decayed(("T", d, side)), engine.decayed(("D", d, side)),
                         engine.count(("dim", d, side)), engine.settings.low_confidence_below)


def _escalations(engine: Engine) -> EscalationFigures:
    s = engine.settings
    end = engine.cur if engine.cur is not None else 0
    window = s.escalation_rate_window_days
    months = window / s.month_days
    per_month = {lv: engine.count_escalations(end - window, end, lv) / months
                 for lv in ESCALATION_LEVELS}
    counts = {lv: engine.count_escalations(-1, end, lv) for lv in ESCALATION_LEVELS}
    days = {lv: float(engine.days_by_level[lv]) for lv in ESCALATION_LEVELS}
    mean = {lv: (days[lv] / engine.visits_by_level[lv]) if engine.visits_by_level[lv] else None
            for lv in ESCALATION_LEVELS}
    resolved = engine.resolved
    return EscalationFigures(
        window_days=window, per_month=per_month, per_month_total=sum(per_month.values()),
        counts=counts, days_at_level=days, mean_days_at_level=mean,
        open_issues=sum(engine.open_by_level), resolved_issues=resolved,
        resolved_low=engine.resolved_low,
        resolved_low_share=(engine.resolved_low / resolved) if resolved else None)


def figures_from(engine: Engine) -> Figures:
    """The figures at the engine's current as-of date (call `Engine.roll_to` first)."""
    low = engine.settings.low_confidence_below
    by_side = {side: SideFigures(personal=_dimension(engine, Dimension.PERSONAL, side.value),
                                 system=_dimension(engine, Dimension.SYSTEM, side.value),
                                 contract_share=_share(engine, side.value),
                                 events=engine.count(("ev", side.value)))
               for side in Side}
    by_factor = {factor: _index_figure(engine.decayed(("fT", factor)),
                                       engine.decayed(("fD", factor)), count, low)
                 for factor, count in engine.factor_counts().items()}
    last = engine.last_event_before(engine.cur) if engine.cur is not None else None
    return Figures(personal=_dimension(engine, Dimension.PERSONAL, None),
                   system=_dimension(engine, Dimension.SYSTEM, None),
                   contract_share=_share(engine, None),
                   events=engine.count(("ev", None)),
                   by_side=by_side, by_factor=dict(sorted(by_factor.items())),
                   escalations=_escalations(engine),
                   last_event_on=last.occurred_on if last else None)

