"""Give and take (halen en brengen, docs/instruments.md): each party's balance and the imbalance signal.

Per round, each party states for six categories — money, people, customers, position,
influence, knowledge — what it **brings** to the partnership and what it **gets** from it,
each on a 0–5 scale (0 = nothing, 5 = a great deal). For one party:

* ``brought`` and ``got`` are the sums over the categories it filled in (0–30 for all six);
* ``balance = got − brought``: negative means the party puts in more than it takes out.

The signal ``give_take_imbalance`` fires when **one party gets clearly less than it brings
while the other gets clearly more**: ``balance ≤ −threshold`` for one party and
``balance ≥ +threshold`` for the other (default threshold 4 points on the summed scale).
It is an ``alert`` when both balances are at least ``alert_points`` (default 8) away from
zero, else a ``warning``. Both parties must have filled in the round; a balance that is
lopsided on one side only is shown but does not raise the signal (the partnership as a
system is then not yet unfair to one party in favour of the other).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace

from tracker.domain.interventions import INSTRUMENT_INTERVENTIONS
from tracker.domain.signals import Flag
from tracker.domain.types import Side

__all__ = ["CATEGORIES", "CATEGORY_LABELS", "POINTS", "GiveTakeSettings", "Entry", "Balance",
           "balances", "imbalance", "INTERVENTIONS"]

CATEGORIES: tuple[str, ...] = ("money", "people", "customers", "position", "influence",
                               "knowledge")
CATEGORY_LABELS: dict[str, dict[str, str]] = {
    "money": {"nl": "Geld", "en": "Money"},
    "people": {"nl": "Mensen", "en": "People"},
    "customers": {"nl": "Klanten", "en": "Customers"},
    "position": {"nl": "Positie", "en": "Position"},
    "influence": {"nl": "Invloed", "en": "Influence"},
    "knowledge": {"nl": "Kennis", "en": "Knowledge"},
}
POINTS = range(0, 6)
#: Suggested next steps: a person-to-person talk, then the instruments' own interventions.
INTERVENTIONS: tuple[str, ...] = ("person_to_person",) + tuple(i.key for i in INSTRUMENT_INTERVENTIONS)
_SIDE_NAMES = {"nl": {Side.CLIENT: "de opdrachtgever", Side.CONTRACTOR: "de opdrachtnemer"},
               "en": {Side.CLIENT: "the client", Side.CONTRACTOR: "the contractor"}}


@dataclass(frozen=True)
class GiveTakeSettings:
    """Thresholds of the imbalance signal (Flask config ``GIVE_TAKE_SETTINGS``)."""

    threshold_points: int = 4
    """A party is clearly short (or clearly ahead) at this distance of balance from zero."""
    alert_points: int = 8
    """Both parties this far from zero makes the signal an alert."""

    def __post_init__(self) -> None:
        """Whole numbers between 1 and 30, and the alert level not below the threshold."""
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 30:
                raise ValueError(f"GiveTakeSettings.{f.name} must be a whole number 1-30, "
                                 f"got {value!r}")
        if self.alert_points < self.threshold_points:
            raise ValueError("GiveTakeSettings.alert_points must not be below threshold_points")

    @classmethod
    def from_mapping(cls, mapping: Mapping | None) -> "GiveTakeSettings":
        """Defaults overridden by a plain dict; unknown keys raise ValueError."""
        unknown = sorted(set(mapping or {}) - {f.name for f in fields(cls)})
        if unknown:
            raise ValueError("unknown give-and-take setting(s): " + ", ".join(map(str, unknown)))
        return replace(cls(), **dict(mapping or {}))


@dataclass(frozen=True, slots=True)
class Entry:
    """What one party brings and gets in one category (each 0–5)."""

    side: Side
    category: str
    bring: int
    get: int

    def __post_init__(self) -> None:
        """Coerce the side; reject unknown categories and points outside 0–5."""
        object.__setattr__(self, "side", Side(self.side))
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown category {self.category!r}")
        for name in ("bring", "get"):
            value = getattr(self, name)
            if isinstance(value, bool) or value not in POINTS:
                raise ValueError(f"{name} for {self.category!r} must be 0-5, got {value!r}")


@dataclass(frozen=True, slots=True)
class Balance:
    """One party's totals: what it brings, what it gets, and per category (bring, get)."""

    side: Side
    categories: dict[str, tuple[int, int]]

    @property
    def brought(self) -> int:
        """Sum of the bring points."""
        return sum(b for b, _ in self.categories.values())

    @property
    def got(self) -> int:
        """Sum of the get points."""
        return sum(g for _, g in self.categories.values())

    @property
    def balance(self) -> int:
        """got − brought: below zero the party puts in more than it takes out."""
        return self.got - self.brought

    @property
    def recorded(self) -> bool:
        """True when the party filled in at least one category."""
        return bool(self.categories)


def balances(entries: Iterable[Entry]) -> dict[Side, Balance]:
    """Both parties' balances for one round (a party without entries gets an empty one)."""
    per_side: dict[Side, dict[str, tuple[int, int]]] = {Side.CLIENT: {}, Side.CONTRACTOR: {}}
    for entry in entries:
        if entry.category in per_side[entry.side]:
            raise ValueError(f"{entry.side.value} has two entries for {entry.category!r}")
        per_side[entry.side][entry.category] = (entry.bring, entry.get)
    return {side: Balance(side, cats) for side, cats in per_side.items()}


def _message(short: Balance, ahead: Balance) -> dict[str, str]:
    """The NL/EN explanation, with both parties' numbers."""
    texts = {}
    for lang in ("nl", "en"):
        s, a = _SIDE_NAMES[lang][short.side], _SIDE_NAMES[lang][ahead.side]
        if lang == "nl":
            texts[lang] = (
                f"Halen en brengen is uit balans: {s} brengt {short.brought} punten in en haalt "
                f"er {short.got} uit ({short.balance:+d}), terwijl {a} {ahead.brought} brengt en "
                f"{ahead.got} haalt ({ahead.balance:+d}). Wie op den duur meer inlegt dan het "
                f"oplevert, verliest motivatie; dat uit zich vaak in gedoe aan tafel, strakkere "
                f"contractafspraken of een partij die zich terugtrekt.")
        else:
            texts[lang] = (
                f"Give and take is out of balance: {s} brings {short.brought} points and gets "
                f"{short.got} ({short.balance:+d}), while {a} brings {ahead.brought} and gets "
                f"{ahead.got} ({ahead.balance:+d}). A party that keeps putting in more than it "
                f"gets back loses heart; it tends to show as friction at the table, a push for "
                f"tighter contracts or a party pulling back.")
    return texts


def imbalance(by_side: Mapping[Side, Balance], settings: GiveTakeSettings | None = None,
              label: str = "") -> Flag | None:
    """The ``give_take_imbalance`` flag for one round, or None (rule in the module doc)."""
    settings = settings or GiveTakeSettings()
    client, contractor = by_side[Side.CLIENT], by_side[Side.CONTRACTOR]
    if not (client.recorded and contractor.recorded):
        return None
    t = settings.threshold_points
    if client.balance <= -t and contractor.balance >= t:
        short, ahead = client, contractor
    elif contractor.balance <= -t and client.balance >= t:
        short, ahead = contractor, client
    else:
        return None
    alert = min(-short.balance, ahead.balance) >= settings.alert_points
    evidence = {
        "round": label, "threshold_points": t, "alert_points": settings.alert_points,
        "short_side": short.side.value, "ahead_side": ahead.side.value,
        **{b.side.value: {"brought": b.brought, "got": b.got, "balance": b.balance,
                          "categories": {c: {"bring": v[0], "get": v[1]}
                                         for c, v in b.categories.items()}}
           for b in (client, contractor)},
    }
    return Flag("give_take_imbalance", "alert" if alert else "warning", _message(short, ahead),
                evidence, INTERVENTIONS)
