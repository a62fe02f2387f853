"""The default escalation ladder and the issue chains built from event links.

A *chain* starts at an issue (or at an escalation that lifts nothing known) and follows the
links: escalations lift it to higher levels, an agreement resolves it. The chain stays at the
highest level reached so far; going down is logged as an agreement, not as an escalation: an
agreement that names a level below the chain's current one *lowers* the chain to that level (a
de-escalation: the issue stays open, one or more rungs down), any other agreement resolves it. A link only counts when its target exists, is not retracted, is an issue or
escalation, and did not happen after the linking event, so a chain never depends on events
later than the date it is looked at.
"""
from __future__ import annotations

from dataclasses import dataclass

from tracker.domain.types import ESCALATION_LEVELS, EventFacts, Kind

__all__ = ["EscalationLevel", "DEFAULT_LADDER", "level_name", "Transition", "chain_transitions",
           "resolutions", "distinct_escalations", "chain_roots"]


@dataclass(frozen=True, slots=True)
class EscalationLevel:
    """One rung of the escalation ladder with Dutch and English names."""

    level: int
    name_nl: str
    name_en: str
    who_nl: str
    who_en: str

    def name(self, lang: str = "en") -> str:
        """The rung's name in ``lang`` ("nl" or "en")."""
        return self.name_nl if lang == "nl" else self.name_en


DEFAULT_LADDER: tuple[EscalationLevel, ...] = (
    EscalationLevel(0, "Signaal / vroege waarschuwing", "Signal / early warning",
                    "vastgelegd, niet geëscaleerd", "logged, not escalated"),
    EscalationLevel(1, "Operationeel", "Operational",
                    "de directe tegenhangers in het project", "project counterparts"),
    EscalationLevel(2, "Tactisch", "Tactical",
                    "lijn- of projectdirecteuren", "line or project directors"),
    EscalationLevel(3, "Strategisch", "Strategic",
                    "directie of senior vertegenwoordigers buiten het project",
                    "directors or senior representatives away from the project"),
    EscalationLevel(4, "Derde partij, niet bindend", "Third party, non-binding",
                    "mediation, reflector, deskundigenoordeel of geschillenraad",
                    "mediation, reflector, expert opinion or dispute board"),
    EscalationLevel(5, "Derde partij, bindend", "Third party, binding",
                    "bindend advies of adjudicatie", "binding advice or adjudication"),
    EscalationLevel(6, "Formele procedure", "Formal proceedings",
                    "arbitrage of rechter", "arbitration or court"),
)
assert tuple(r.level for r in DEFAULT_LADDER) == tuple(ESCALATION_LEVELS)


def level_name(level: int, lang: str = "en") -> str:
    """Name of a default ladder level in ``lang``."""
    return DEFAULT_LADDER[level].name(lang)


@dataclass(frozen=True, slots=True)
class Transition:
    """A change in an issue chain on a given day.

    ``action`` is "open" (chain starts at ``level``), "raise" (chain moves up to ``level``),
    "lower" (an agreement brings the open chain down to ``level``) or "resolve" (chain ends;
    ``level`` is the level it was resolved at).
    """

    ordinal: int
    action: str
    root: int
    level: int
    event: int = 0
    """The event that made the change (the issue or escalation; the agreement that resolves)."""


_LIFTABLE = (Kind.ISSUE, Kind.ESCALATION)


def _valid_target(event: EventFacts, by_id: dict[int, EventFacts]) -> EventFacts | None:
    """The event ``event`` links to, if that link counts (see module docstring)."""
    if event.links_to is None:
        return None
    target = by_id.get(event.links_to)
    if target is None or target.id == event.id or target.kind not in _LIFTABLE:
        return None
    if target.occurred_on > event.occurred_on:
        return None
    return target


def _root_of(event: EventFacts, by_id: dict[int, EventFacts]) -> EventFacts:
    """Follow escalation links back to the chain's first event (cycle safe)."""
    seen = {event.id}
    current = event
    while current.kind is Kind.ESCALATION:
        target = _valid_target(current, by_id)
        if target is None or target.id in seen:
            break
        seen.add(target.id)
        current = target
    return current


def chain_transitions(events: list[EventFacts]) -> list[Transition]:
    """All chain transitions of ``events`` (already free of retracted ones), in date order.

    Runs in O(n log n) for n events (link chains are short in practice).
    """
    by_id = {e.id: e for e in events}
    chains: dict[int, list[tuple[int, int, str, int, int]]] = {}
    starts: dict[int, EventFacts] = {}
    for e in events:
        if e.kind is Kind.ISSUE or (e.kind is Kind.ESCALATION and _root_of(e, by_id) is e):
            starts[e.id] = e
    for e in events:
        if e.kind is Kind.ESCALATION:
            root = _root_of(e, by_id)
            if root is not e:
                chains.setdefault(root.id, []).append(
                    (e.occurred_on.toordinal(), 0, "raise", e.escalation_level or 0, e.id))
        elif e.kind is Kind.AGREEMENT:
            target = _valid_target(e, by_id)
            if target is not None:
                root = _root_of(target, by_id)
                lowered = -1 if e.escalation_level is None else e.escalation_level
                chains.setdefault(root.id, []).append((e.occurred_on.toordinal(), 1, "agree", lowered, e.id))
    out: list[Transition] = []
    for root_id, root in starts.items():
        start = root.occurred_on.toordinal()
        level = root.escalation_level or 0
        out.append(Transition(start, "open", root_id, level, root_id))
        for ordinal, _, action, new_level, event_id in sorted(chains.get(root_id, ())):
            ordinal = max(ordinal, start)
            if action == "agree":
                if 0 <= new_level < level:  # a de-escalation: the chain stays open, lower down
                    level = new_level
                    out.append(Transition(ordinal, "lower", root_id, level, event_id))
                    continue
                out.append(Transition(ordinal, "resolve", root_id, level, event_id))
                break
            if new_level > level:
                level = new_level
                out.append(Transition(ordinal, "raise", root_id, level, event_id))
    out.sort(key=lambda t: (t.ordinal, t.action != "open", t.action == "resolve", t.root))
    return out


def resolutions(transitions: list[Transition]) -> list[tuple[int, int]]:
    """(day resolved, days from the chain's start) of every resolved chain, in date order.

    This is the one meaning of "resolved": the first valid agreement anywhere in the chain,
    however many escalations lie between it and the issue.
    """
    opened: dict[int, int] = {}
    out = []
    for t in transitions:
        if t.action == "open":
            opened[t.root] = t.ordinal
        elif t.action == "resolve":
            out.append((t.ordinal, t.ordinal - opened[t.root]))
    return out


def chain_roots(events: list[EventFacts]) -> dict[int, int]:
    """Event id → id of the issue chain it belongs to, for issues, escalations and the agreements
    that link into a chain (the same links `chain_transitions` follows)."""
    by_id = {e.id: e for e in events}
    out: dict[int, int] = {}
    for e in events:
        if e.kind in _LIFTABLE:
            out[e.id] = _root_of(e, by_id).id
        elif e.kind is Kind.AGREEMENT:
            target = _valid_target(e, by_id)
            if target is not None:
                out[e.id] = _root_of(target, by_id).id
    return out


def distinct_escalations(events: list[EventFacts]) -> list[int]:
    """Day ordinals of the escalations counted once per issue chain and level, in date order.

    An escalation to a level its chain already reached (typically the other party logging the
    same escalation, linked to the same issue) is the same escalation and is not counted again.
    ``events`` must be sorted by date.
    """
    by_id = {e.id: e for e in events}
    seen: set[tuple[int, int]] = set()
    out: list[int] = []
    for e in events:
        if e.kind is Kind.ESCALATION:
            key = (_root_of(e, by_id).id, e.escalation_level or 0)
            if key not in seen:
                seen.add(key)
                out.append(e.occurred_on.toordinal())
    return out
