"""Turn events, revisions and edit attempts into rows the templates show (no HTML here)."""
from dataclasses import dataclass
from typing import Any

from tracker.blueprints.events import labels
from tracker.blueprints.events.forms import GROUPS
from tracker.domain.types import Kind, Side, Steering
from tracker.models import Event, EventRevision
from tracker.services.events import queries as event_queries

_ENUMS = {"kind": (Kind, labels.KIND), "steering": (Steering, labels.STEERING),
          "side": (Side, labels.SIDE)}
# Fields shown when comparing a saved event with an attempted edit (side never changes).
_COMPARED = ("occurred_on", "kind", "steering", "escalation_level", "planned", "title",
             "description", "links_to_id")


@dataclass(frozen=True)
class Row:
    """One field: its label and two values (old/new, or saved/attempted)."""

    label: str
    old: str
    new: str
    long: bool = False

    @property
    def differs(self) -> bool:
        """True when the two values are not the same."""
        return self.old != self.new


def value_text(field: str, value: Any) -> str:
    """A stored (JSON-plain) field value as readable text."""
    if value is None or value == "":
        return "—"
    if field in _ENUMS:
        enum, names = _ENUMS[field]
        try:
            return str(names[enum(value)])
        except ValueError:
            return str(value)
    if field == "escalation_level":
        return labels.level_name(int(value))
    if field == "planned":
        return str(labels.PLANNED[bool(value)])
    if field in ("links_to_id", "merged_from"):
        return f"#{value}"
    return str(value)


def _factor_labels() -> dict[str, str]:
    """Factor key → label in the current language, for every factor ever defined."""
    lang = labels.lang()
    return {f.key: f.label(lang) for f in event_queries.catalogue()}


def _score_rows(old: dict | None, new: dict | None, names: dict[str, str], *,
                changed_only: bool, field: str = "scores") -> list[Row]:
    """One row per factor scored on either side (only the changed ones if asked)."""
    old, new = old or {}, new or {}
    order = {key: i for i, key in enumerate(names)}
    keys = sorted(set(old) | set(new), key=lambda k: (order.get(k, len(order)), k))
    rows = [Row(str(labels.FIELDS[field]) + ": " + names.get(key, key),
                labels.score_text(old.get(key)), labels.score_text(new.get(key))) for key in keys]
    return [r for r in rows if r.differs or not changed_only]


def change_rows(changes: dict[str, list], names: dict[str, str]) -> list[Row]:
    """Field-by-field old → new rows of an edit revision."""
    rows = []
    for field, pair in changes.items():
        old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        if field in ("scores", "view_scores"):  # view_scores: the other party's view
            rows += _score_rows(old, new, names, changed_only=True, field=field)
        else:
            rows.append(Row(str(labels.FIELDS.get(field, field)), value_text(field, old),
                            value_text(field, new), long=field in ("description", "view_note")))
    return rows


@dataclass(frozen=True)
class ConflictRow:
    """One field on the conflict screen: saved and attempted values and what saving will do.

    `outcome`: "same", "yours" (only you changed it: applied), "theirs" (only they changed it:
    kept) or "choose" (both changed it: `choice` is the name of the per-field choice).
    """

    label: str
    saved: str
    yours: str
    outcome: str
    choice: str = ""
    long: bool = False


def _outcome(name: str, merge) -> str:
    """What saving the merge does with this field."""
    if name in merge.contested:
        return "choose"
    if name in merge.mine:
        return "yours"
    return "theirs" if name in merge.theirs else "same"


def conflict_rows(saved: dict, mine: dict, merge) -> list[ConflictRow]:
    """Every field and scored factor: the saved value next to the user's, with the merge outcome."""
    names = _factor_labels()
    rows = [ConflictRow(str(labels.FIELDS[f]), value_text(f, saved.get(f)), value_text(f, mine.get(f)),
                        _outcome(f, merge), "choose_" + f, long=f == "description") for f in _COMPARED]
    old, new = saved.get("scores") or {}, mine.get("scores") or {}
    order = {key: i for i, key in enumerate(names)}
    for key in sorted(set(old) | set(new), key=lambda k: (order.get(k, len(order)), k)):
        rows.append(ConflictRow(str(labels.FIELDS["scores"]) + ": " + names.get(key, key),
                                labels.score_text(old.get(key)), labels.score_text(new.get(key)),
                                _outcome("score_" + key, merge), "choose_score_" + key))
    return rows


@dataclass(frozen=True)
class RevisionEntry:
    """One revision as shown in the history list."""

    revision: EventRevision
    action: str
    rows: list[Row]

    @property
    def who(self) -> str:
        """Name of the person who saved this revision."""
        user = self.revision.changed_by
        return user.name if user else "—"


def revisions(event: Event) -> list[RevisionEntry]:
    """The event's revisions, oldest first, with readable changes."""
    names = _factor_labels()
    entries = []
    for revision in event.revisions:
        changes = revision.changes or {}
        if revision.action == "created":
            rows = [Row(str(labels.FIELDS.get(f, f)), "", value_text(f, v), long=f == "description")
                    for f, v in changes.items() if f != "scores" and v not in (None, "")]
            rows += _score_rows({}, changes.get("scores"), names, changed_only=True)
        else:
            rows = change_rows(changes, names)
        entries.append(RevisionEntry(revision, str(labels.ACTIONS.get(revision.action,
                                                                     revision.action)), rows))
    return entries


def score_groups(event: Event) -> list[tuple[str, list[tuple[str, str, int]]]]:
    """(legend, [(factor label, description, score)]) per dimension, by catalogue position."""
    lang = labels.lang()
    ordered = sorted(event.scores, key=lambda s: (s.factor.position, s.factor.id))
    groups = []
    for dimension, legend in GROUPS:
        items = [(s.factor.label(lang), s.factor.description(lang), s.value)
                 for s in ordered if s.factor.dimension == dimension]
        if items:
            groups.append((str(legend), items))
    return groups
