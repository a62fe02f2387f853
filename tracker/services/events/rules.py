"""What makes an event valid: one set of rules for forms, CSV import and the CLI."""
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l

from tracker.domain.types import ESCALATION_LEVELS, SCORE_VALUES, Kind, Side, Steering

TITLE_MAX = 200
DESCRIPTION_MAX = 10_000


@dataclass
class EventInput:
    """The user-editable fields of an event, as plain values."""

    occurred_on: date
    side: Side
    kind: Kind
    steering: Steering
    title: str
    description: str = ""
    escalation_level: int | None = None
    planned: bool | None = None
    links_to_id: int | None = None
    scores: dict[str, int] = field(default_factory=dict)


def check_event(data: EventInput, factor_keys: set[str], *, today: date,
                linkable: dict[int, date] | None = None) -> dict[str, list[str]]:
    """Return field → messages for every rule the input breaks (empty when valid)."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message) -> None:
        errors.setdefault(name, []).append(str(message))

    if not data.title or not data.title.strip():
        add("title", _l("Give the event a short title."))
    elif len(data.title) > TITLE_MAX:
        add("title", _l("The title can be at most %(n)d characters.", n=TITLE_MAX))
    if len(data.description or "") > DESCRIPTION_MAX:
        add("description", _l("The description can be at most %(n)d characters.", n=DESCRIPTION_MAX))
    if data.occurred_on is None:
        add("occurred_on", _l("Give the date the event happened."))
    elif data.occurred_on > today:
        add("occurred_on", _l("The date cannot be in the future."))
    elif data.occurred_on.year < 1990:
        add("occurred_on", _l("The date is implausibly early."))
    if data.escalation_level is not None and data.escalation_level not in ESCALATION_LEVELS:
        add("escalation_level", _l("The escalation level runs from 0 to 6."))
    if data.kind == Kind.ESCALATION and data.escalation_level is None:
        add("escalation_level", _l("An escalation needs an escalation level."))
    if data.planned is not None and data.kind != Kind.MOMENT:
        add("planned", _l("Planned or unplanned only applies to a moment."))
    for key, value in data.scores.items():
        if key not in factor_keys:
            add("scores", _l("Unknown factor: %(key)s.", key=key))
        elif value not in SCORE_VALUES:
            add(f"score_{key}", _l("A score runs from -2 to +2."))
    if data.links_to_id is not None:
        linked_on = (linkable or {}).get(data.links_to_id)
        if linked_on is None:
            add("links_to_id", _l("The linked event must be an earlier event of this project."))
        elif data.occurred_on is not None and linked_on > data.occurred_on:
            add("links_to_id", _l("The linked event must not be later than this one."))
    return errors
