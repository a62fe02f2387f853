"""Small builders for domain tests: events by day offset, with scores as keyword arguments."""
from __future__ import annotations

from datetime import date, timedelta
from itertools import count

from tracker.domain.types import Dimension, EventFacts, Score

D0 = date(2024, 1, 1)  # a Monday
_ids = count(100_000)


def day(n: int) -> date:
    """The date ``n`` days after D0."""
    return D0 + timedelta(days=n)


def score(factor: str, value: int) -> Score:
    """A score whose dimension follows the default key prefix (p_ personal, else system)."""
    dim = Dimension.PERSONAL if factor.startswith("p_") else Dimension.SYSTEM
    return Score(factor, dim, value)


def ev(n: int, *, id: int | None = None, side: str = "client", kind: str = "moment",
       steering: str = "relational", level: int | None = None, links: int | None = None,
       retracted: bool = False, **scores: int) -> EventFacts:
    """An event ``n`` days after D0; keyword arguments other than the above are factor scores."""
    if kind == "escalation" and level is None:
        level = 1
    return EventFacts(id=next(_ids) if id is None else id, occurred_on=day(n), side=side,
                      kind=kind, steering=steering, escalation_level=level,
                      scores=tuple(score(k, v) for k, v in scores.items()), links_to=links,
                      retracted=retracted)


def phase(start: int, days: int, every: int, **kwargs) -> list[EventFacts]:
    """Events every ``every`` days from ``start`` for ``days`` days, alternating sides.

    ``steering`` may be a callable i -> steering; any score keyword may be a callable
    i -> value (None leaves the factor unscored) so a phase can mix values.
    """
    out = []
    for i, n in enumerate(range(start, start + days, every)):
        opts = {}
        for key, value in kwargs.items():
            value = value(i) if callable(value) else value
            if value is not None:
                opts[key] = value
        opts.setdefault("side", "client" if i % 2 == 0 else "contractor")
        out.append(ev(n, **opts))
    return out
