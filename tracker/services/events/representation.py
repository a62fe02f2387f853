"""An event as plain JSON values: the API's event resource and the webhooks' payload."""
from datetime import datetime
from typing import Any

from tracker.models import Event, Project


def timestamp(value: datetime | None) -> str | None:
    """A stored (naive UTC) time as RFC 3339 with its zone."""
    return None if value is None else value.replace(microsecond=0).isoformat() + "Z"


def event_json(event: Event, project: Project) -> dict[str, Any]:
    """Every field of the event, its scores and the other party's view (None when it gave none)."""
    view = event.other_view
    return {
        "id": event.id, "project": project.code, "version": event.version,
        "occurred_on": event.occurred_on.isoformat(), "side": event.side.value,
        "kind": event.kind.value, "steering": event.steering.value,
        "escalation_level": event.escalation_level, "planned": event.planned,
        "title": event.title, "description": event.description or "",
        "links_to": event.links_to_id, "ref": event.ref,
        "scores": dict(sorted(event.score_map().items())),
        "other_view": None if view is None else {"scores": dict(sorted(view.score_map().items())),
                                                 "note": view.note},
        "created_at": timestamp(event.created_at), "updated_at": timestamp(event.updated_at),
        "retracted": event.is_retracted, "retracted_at": timestamp(event.retracted_at),
        "retraction_reason": event.retraction_reason,
    }
