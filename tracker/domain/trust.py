"""Public API of the trust maths: figures, signals, weekly series and the signals JSON.

- `compute_figures(events, as_of)` → `Figures`: the trust indices, contract share,
  per-side and per-factor figures and the escalation ladder as of a date.
- `evaluate(events, as_of, active=True)` → `Assessment`: figures plus flags, with the
  every signal's hysteresis applied over the weekly checks leading up to ``as_of``.
- `weekly(events, as_of, active=True)` → one `Assessment` per week end (Sunday) from the
  first event's week to ``as_of`` (the last item is at ``as_of``).
- `signals_json(project_code, assessment, lang)` → the signals JSON object (docs/contracts.md).

Rules shared by all: retracted events are excluded everywhere; events after ``as_of`` are
ignored; an event's weight is 0.5 ** (age_days / half_life_days); index = 50 + 50·(T − D)/(T
+ D) with T and D the decayed positive and negative score contributions kept apart.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from tracker.domain.engine import Engine
from tracker.domain.ladder import LadderHistory
from tracker.domain.figures import (EscalationFigures, Figures, IndexFigure, ShareFigure, SideFigures,
                                    index_value)
from tracker.domain.report import signals_json
from tracker.domain.series import walk
from tracker.domain.settings import TrustSettings
from tracker.domain.signals import Assessment, Flag
from tracker.domain.readout import figures_from
from tracker.domain.types import EventFacts

__all__ = ["compute_figures", "evaluate", "weekly", "signals_json", "Figures", "IndexFigure",
           "ShareFigure", "SideFigures", "EscalationFigures", "Assessment", "Flag",
           "TrustSettings", "index_value", "decay_weight"]

_DEFAULT = TrustSettings()


def decay_weight(age_days: float, half_life_days: float = _DEFAULT.half_life_days) -> float:
    """Weight of an event ``age_days`` old: 0.5 ** (age / half_life) (1 today, 0.5 at one half-life)."""
    return 0.5 ** (age_days / half_life_days)


def compute_figures(events: Iterable[EventFacts], as_of: date,
                    settings: TrustSettings = _DEFAULT) -> Figures:
    """All figures of docs/model.md as of ``as_of`` (no signals). O(n log n) for n events."""
    engine = Engine(events, settings)
    engine.roll_to(as_of.toordinal())
    return figures_from(engine)


def evaluate(events: Iterable[EventFacts], as_of: date, settings: TrustSettings = _DEFAULT,
             active: bool = True, started_on: date | None = None,
             ladder: LadderHistory | None = None) -> Assessment:
    """Figures and flags as of ``as_of``; ``active=False`` suppresses the silence signal.

    ``started_on`` is the project's start date: without events, silence counts from it.
    ``ladder`` holds the agreed ladder versions whose time boxes time_box_exceeded reads.

    Every flag is decided by walking the weekly checks from the first event's week, so the
    result equals the last item of `weekly` for the same date.
    """
    engine = Engine(events, settings)
    return next(walk(engine, as_of, every_week=False, active=active, started_on=started_on, ladder=ladder))


def weekly(events: Iterable[EventFacts], as_of: date, settings: TrustSettings = _DEFAULT,
           active: bool = True, started_on: date | None = None,
           ladder: LadderHistory | None = None) -> list[Assessment]:
    """One assessment per week end from the first event's week to ``as_of`` (empty without events)."""
    engine = Engine(events, settings)
    return list(walk(engine, as_of, every_week=True, active=active, started_on=started_on, ladder=ladder))
