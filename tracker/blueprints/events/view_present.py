"""The two views of an event side by side, per factor, for the event page (no HTML here)."""
from dataclasses import dataclass

from tracker.blueprints.events import labels
from tracker.domain.types import Side
from tracker.models import Event
from tracker.services.events import queries as event_queries


@dataclass(frozen=True)
class ViewRow:
    """One factor: the client's and the contractor's score, and how far apart they are."""

    label: str
    client: int | None
    contractor: int | None

    @property
    def apart(self) -> int | None:
        """|client − contractor| when both scored the factor (the per-event perception gap)."""
        if self.client is None or self.contractor is None:
            return None
        return abs(self.client - self.contractor)


def view_rows(event: Event) -> list[ViewRow]:
    """One row per factor scored in either view, in catalogue order (empty without a second view)."""
    view = event.other_view
    if view is None:
        return []
    own = {s.factor_id: s.value for s in event.scores}
    other = {s.factor_id: s.value for s in view.scores}
    by_side = {event.side: own, view.side: other}
    lang = labels.lang()
    return [ViewRow(f.label(lang), by_side[Side.CLIENT].get(f.id), by_side[Side.CONTRACTOR].get(f.id))
            for f in event_queries.catalogue() if f.id in own or f.id in other]


def template_helpers() -> dict:
    """`event_view_rows(event)` and the two sides, for the event page."""
    return {"event_view_rows": view_rows, "client_side": Side.CLIENT, "contractor_side": Side.CONTRACTOR}
