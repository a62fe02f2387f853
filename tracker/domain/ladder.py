"""A project's agreed escalation ladder: per level a name, who sits there per side and a time box.

The parties agree the ladder together; every accepted version is kept and applies from its
acceptance date (``agreed_on``). The shipped default has the names of `escalation.DEFAULT_LADDER`
and no time boxes, so no issue runs against a clock the parties have not agreed.

The JSON shape (`Ladder.to_json`, `parse_ladder`) is a contract of the command line:
``{"project", "agreed_on", "levels": [{"level", "name", "client", "contractor",
"time_box_days"}]}``. ``name`` is one text (as agreed) or ``{"nl": …, "en": …}``.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from tracker.domain.escalation import DEFAULT_LADDER
from tracker.domain.types import ESCALATION_LEVELS

__all__ = ["Rung", "Ladder", "default_ladder", "parse_ladder", "LadderHistory", "MAX_BOX_DAYS",
           "TEXT_MAX"]

MAX_BOX_DAYS = 3650  # ten years: anything longer is a typo, not an agreement
TEXT_MAX = 200
_KEYS = {"level", "name", "client", "contractor", "time_box_days"}


@dataclass(frozen=True, slots=True)
class Rung:
    """One level of a project's ladder: names (NL/EN), who sits there per side, the time box."""

    level: int
    name_nl: str
    name_en: str
    client: str = ""
    contractor: str = ""
    time_box_days: int | None = None

    def name(self, lang: str = "en") -> str:
        """The level's name in ``lang`` ("nl" or "en")."""
        return self.name_nl if lang == "nl" else self.name_en

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """The level as the command line prints it."""
        return {"level": self.level, "name": self.name(lang), "client": self.client,
                "contractor": self.contractor, "time_box_days": self.time_box_days}


@dataclass(frozen=True, slots=True)
class Ladder:
    """Seven rungs (levels 0–6) and the day the version was agreed (None: the shipped default)."""

    rungs: tuple[Rung, ...]
    agreed_on: date | None = None

    def box(self, level: int) -> int | None:
        """The time box in days of ``level`` (None: no box)."""
        return self.rungs[level].time_box_days

    @property
    def has_boxes(self) -> bool:
        """True when at least one level has a time box."""
        return any(r.time_box_days is not None for r in self.rungs)

    def to_json(self, project: str, lang: str = "en") -> dict[str, Any]:
        """The ladder JSON of the command line."""
        return {"project": project, "agreed_on": self.agreed_on.isoformat() if self.agreed_on else None,
                "levels": [r.to_json(lang) for r in self.rungs]}


def default_ladder(who: dict[int, tuple[str, str]] | None = None,
                   boxes: dict[int, int | None] | None = None) -> Ladder:
    """The shipped ladder: default names, optional (client, contractor) and boxes per level."""
    who, boxes = who or {}, boxes or {}
    return Ladder(tuple(Rung(r.level, r.name_nl, r.name_en, *who.get(r.level, ("", "")),
                             boxes.get(r.level)) for r in DEFAULT_LADDER))


def _text(value: Any, where: str, errors: list[str], *, required: bool = False) -> str:
    """A trimmed text of at most TEXT_MAX characters, or an error."""
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        errors.append(f"{where}: must be text")
        return ""
    value = value.strip()
    if required and not value:
        errors.append(f"{where}: must not be empty")
    if len(value) > TEXT_MAX:
        errors.append(f"{where}: at most {TEXT_MAX} characters")
    return value


def _box(value: Any, where: str, errors: list[str]) -> int | None:
    """A time box: a whole number of days 1…MAX_BOX_DAYS, or null for none."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        errors.append(f"{where}: must be a whole number of days or null")
        return None
    if not 1 <= value <= MAX_BOX_DAYS:
        errors.append(f"{where}: must lie between 1 and {MAX_BOX_DAYS} days (or null for none)")
        return None
    return value


def _name(value: Any, base: Rung, where: str, errors: list[str]) -> tuple[str, str]:
    """(Dutch, English) name: one text for both, {"nl", "en"}, or null/absent for the default."""
    if value is None:
        return base.name_nl, base.name_en
    if isinstance(value, dict):
        unknown = sorted(set(value) - {"nl", "en"})
        if unknown:
            errors.append(f"{where}: unknown language(s) {', '.join(unknown)} (use nl and en)")
        nl = _text(value.get("nl"), f"{where}.nl", errors) or base.name_nl
        en = _text(value.get("en"), f"{where}.en", errors) or base.name_en
        return nl, en
    text = _text(value, where, errors, required=True)
    return text, text


def parse_ladder(data: Any) -> tuple[Ladder | None, list[str]]:
    """Check a ladder in the JSON shape strictly: (ladder, []) or (None, every problem found).

    ``project`` and ``agreed_on`` may be present (they are set by whoever stores the ladder);
    ``levels`` must list each level 0–6 exactly once with only the known keys.
    """
    errors: list[str] = []
    if not isinstance(data, dict):
        return None, ["the file must hold one JSON object with a \"levels\" list"]
    unknown = sorted(set(data) - {"project", "agreed_on", "levels"})
    if unknown:
        errors.append("unknown key(s): " + ", ".join(unknown))
    levels = data.get("levels")
    if not isinstance(levels, list):
        return None, errors + ["\"levels\" must be a list of the seven levels 0-6"]
    base = default_ladder()
    rungs: dict[int, Rung] = {}
    for n, item in enumerate(levels):
        where = f"levels[{n}]"
        if not isinstance(item, dict):
            errors.append(f"{where}: must be an object")
            continue
        extra = sorted(set(item) - _KEYS)
        if extra:
            errors.append(f"{where}: unknown key(s) " + ", ".join(extra))
        level = item.get("level")
        if isinstance(level, bool) or not isinstance(level, int) or level not in ESCALATION_LEVELS:
            errors.append(f"{where}.level: must be a whole number 0-6")
            continue
        if level in rungs:
            errors.append(f"{where}.level: level {level} appears twice")
            continue
        nl, en = _name(item.get("name"), base.rungs[level], f"{where}.name", errors)
        rungs[level] = Rung(level, nl, en, _text(item.get("client"), f"{where}.client", errors),
                            _text(item.get("contractor"), f"{where}.contractor", errors),
                            _box(item.get("time_box_days"), f"{where}.time_box_days", errors))
    missing = [str(lv) for lv in ESCALATION_LEVELS if lv not in rungs]
    if missing and not errors:
        errors.append("levels: missing level(s) " + ", ".join(missing))
    if errors:
        return None, errors
    return Ladder(tuple(rungs[lv] for lv in ESCALATION_LEVELS)), []


@dataclass(frozen=True, slots=True)
class LadderHistory:
    """The accepted versions of a project's ladder, oldest first; each applies from ``agreed_on``."""

    versions: tuple[Ladder, ...] = ()

    def __post_init__(self) -> None:
        """Keep the versions in date order (a later acceptance on the same day wins)."""
        ordered = tuple(sorted(self.versions, key=lambda v: v.agreed_on or date.min))
        object.__setattr__(self, "versions", ordered)

    def at(self, day: date) -> Ladder:
        """The version in force on ``day`` (the default, without boxes, before any agreement)."""
        current = default_ladder()
        for version in self.versions:
            if version.agreed_on is not None and version.agreed_on <= day:
                current = version
        return current

    def deadline(self, level: int, since: int, day: int) -> tuple[int | None, int | None]:
        """(Time box, day ordinal it runs out) for an issue at ``level`` since ``since``, on ``day``.

        The box is the one in force on ``day``. It counts from the later of ``since`` and the day
        that box was agreed (the first of the latest run of versions with this same box for this
        level), so an issue never runs late against a box agreed after it was already there.
        (None, None) when the level has no box on ``day``.
        """
        in_force = [v for v in self.versions if v.agreed_on is not None and v.agreed_on.toordinal() <= day]
        if not in_force or in_force[-1].box(level) is None:
            return None, None
        box = in_force[-1].box(level)
        start = in_force[-1].agreed_on.toordinal()
        for version in reversed(in_force):
            if version.box(level) != box:
                break
            start = version.agreed_on.toordinal()
        return box, max(since, start) + box

    def with_version(self, ladder: Ladder, agreed_on: date) -> "LadderHistory":
        """A history with ``ladder`` accepted on ``agreed_on`` added."""
        return LadderHistory(self.versions + (replace(ladder, agreed_on=agreed_on),))
