"""Edits that crossed: rebuild the version an editor started from and merge their changes in."""
from datetime import date
from typing import Any

from tracker.domain.merge import Merge, merge_three_way
from tracker.domain.types import Kind, Side, Steering
from tracker.models import Event
from tracker.services.events.rules import EventInput

SCORE_PREFIX = "score_"  # the same names as the form's score fields
MINE, THEIRS = "mine", "theirs"


def state_at(event: Event, version: int) -> dict[str, Any] | None:
    """The event's state as it was at `version`, replayed from its revisions (None: unknown)."""
    state = None
    for revision in event.revisions:
        if revision.version > version:
            break
        if revision.action == "created":
            state = dict(revision.changes or {})
        elif state is not None and revision.action == "edited":
            for field, pair in (revision.changes or {}).items():
                if isinstance(pair, list) and len(pair) == 2:
                    state[field] = pair[1]
    return state


def flat(values: dict[str, Any] | None) -> dict[str, Any] | None:
    """An event state with one entry per score (``score_<key>``) and without the side, which never changes."""
    if values is None:
        return None
    state = {k: v for k, v in values.items() if k not in ("scores", "side")}
    state.update({SCORE_PREFIX + key: value for key, value in (values.get("scores") or {}).items()})
    return state


def merge(base: dict | None, saved: dict, mine: dict) -> Merge:
    """Three-way merge of event states (base may be None when the history does not reach back)."""
    return merge_three_way(flat(base), flat(saved), flat(mine))


def resolved_input(result: Merge, mine: dict, choices: dict[str, str], side: Side) -> EventInput | None:
    """The merged values with each contested field set as chosen; None while any is unchosen."""
    if any(choices.get(name) not in (MINE, THEIRS) for name in result.contested):
        return None
    state = dict(result.merged)
    mine_flat = flat(mine)
    for name in result.contested:
        if choices[name] == MINE:
            state[name] = mine_flat.get(name)
    scores = {name[len(SCORE_PREFIX):]: value for name, value in state.items()
              if name.startswith(SCORE_PREFIX) and value is not None}
    occurred = state.get("occurred_on")
    return EventInput(occurred_on=date.fromisoformat(occurred) if occurred else None, side=side,
                      kind=Kind(state["kind"]), steering=Steering(state["steering"]),
                      title=state.get("title") or "", description=state.get("description") or "",
                      escalation_level=state.get("escalation_level"), planned=state.get("planned"),
                      links_to_id=state.get("links_to_id"), scores=scores)
