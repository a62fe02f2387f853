"""Did it help? An action's figures before and after, and per intervention type across projects.

For a done action that answers a signal: the figures that signal is about on the day the action
was taken ("before") and ``action_effect_weeks`` weeks after it was closed ("after"; today, marked
"so far", while that day is still to come), and whether the signal was raised on each day.

For a coach's portfolio, per intervention type: how often it was used, how often it answered a
signal, and how often that signal was no longer raised ``action_effect_weeks`` weeks after the
action was taken (actions younger than that are "too early to tell"). Counts only, in catalogue
order: nothing is grouped or ranked by party.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.domain import interventions as catalogue
from tracker.domain.types import Side
from tracker.models import Action, Project
from tracker.services.actions.queries import ActionRow, action_query, action_rows
from tracker.services.trust.facts import trust_settings
from tracker.services.trust.history import trust_history


#: The figures each signal is about (keys of `_values`).
SIGNAL_FIGURES = {
    "crowding_out": ("personal", "contract_share", "escalations"),
    "over_reliance": ("personal", "system", "contract_share"),
    "escalation_surge": ("escalations", "open_issues"),
    "third_party": ("open_issues", "escalations"),
    "perception_gap": ("personal_client", "personal_contractor", "system_client", "system_contractor"),
    "silence": ("events",),
    "time_box_exceeded": ("open_issues", "escalations"),
}
SHOWN_ON_DASHBOARD = 3
FEW = 5  # below this many, a count is said to be too small to read much into


@dataclass(frozen=True)
class Effect:
    """Figures of one done action before and after, and the signal's state on both days."""

    action_id: int
    signal: str
    before_on: date
    after_on: date
    complete: bool
    figures: tuple[tuple[str, float | int | None, float | int | None], ...]
    raised_before: bool
    raised_after: bool
    weeks: int = 8


def _values(project: Project, day: date) -> tuple[dict, set[str]]:
    """The figures on ``day`` and the codes of the signals raised then."""
    history = trust_history(project, day)
    f = history.current.figures
    values = {"personal": f.personal.value, "system": f.system.value,
              "contract_share": f.contract_share.value, "open_issues": f.escalations.open_issues,
              "escalations": history.escalations_recent, "events": f.events,
              "personal_client": f.by_side[Side.CLIENT].personal.value,
              "personal_contractor": f.by_side[Side.CONTRACTOR].personal.value,
              "system_client": f.by_side[Side.CLIENT].system.value,
              "system_contractor": f.by_side[Side.CONTRACTOR].system.value}
    return values, set(history.current.codes)


def effect(project: Project, action: ActionRow, as_of: date) -> Effect | None:
    """Before and after of a done action that answers a signal (None otherwise)."""
    if action.status != "done" or not action.signal or action.closed_on is None:
        return None
    weeks = trust_settings().action_effect_weeks
    target = action.closed_on + timedelta(weeks=weeks)
    after_on = min(target, as_of)
    before, raised_before = _values(project, action.created_on)
    after, raised_after = _values(project, after_on)
    keys = SIGNAL_FIGURES.get(action.signal, ("personal", "system", "contract_share"))
    return Effect(action.id, action.signal, action.created_on, after_on, target <= as_of,
                  tuple((k, before[k], after[k]) for k in keys),
                  action.signal in raised_before, action.signal in raised_after, weeks)


def effects(project: Project, actions: list[ActionRow], as_of: date) -> list[tuple[ActionRow, Effect]]:
    """The latest few done actions answering a signal, each with its before and after."""
    done = sorted((a for a in actions if a.status == "done" and a.signal and a.closed_on),
                  key=lambda a: a.closed_on, reverse=True)[:SHOWN_ON_DASHBOARD]
    return [(a, e) for a in done if (e := effect(project, a, as_of)) is not None]


@dataclass(frozen=True)
class TypeUse:
    """How one intervention type was used across projects (counts only)."""

    key: str | None
    used: int
    answered: int
    cleared: int
    too_early: int

    @property
    def judged(self) -> int:
        """Actions answering a signal that are old enough to tell."""
        return self.answered - self.too_early

    @property
    def few(self) -> bool:
        """True when the counts are too small to read much into."""
        return self.judged < FEW


def by_intervention(projects: list, as_of: date) -> list[TypeUse]:
    """Per intervention type (catalogue order; free actions last, key None) across ``projects``."""
    by_id = {p.id: p for p in projects}
    if not by_id:
        return []
    weeks = trust_settings().action_effect_weeks
    rows = action_rows(action_query().where(Action.project_id.in_(list(by_id))), as_of)
    stats: dict[str | None, list[int]] = {}
    for row in rows:
        if row.status == "dropped":
            continue
        s = stats.setdefault(row.intervention, [0, 0, 0, 0])
        s[0] += 1
        if not row.signal:
            continue
        s[1] += 1
        check = row.created_on + timedelta(weeks=weeks)
        if check > as_of:
            s[3] += 1
        elif row.signal not in trust_history(by_id[row.project_id], check).current.codes:
            s[2] += 1
    order = {key: n for n, key in enumerate(catalogue.keys())}
    keys = sorted(stats, key=lambda k: (k is None, order.get(k, len(order)), k or ""))
    return [TypeUse(k, *stats[k]) for k in keys]
