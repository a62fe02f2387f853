"""The 4c model of network leadership (docs/instruments.md): which role fits the process lead now.

Two axes decide the role:

* **relationship strength** (0–1) — the mean of the measures that are available:
  personal trust from the event stream scaled ``index / 100``, and the scan's interaction
  lens scaled ``(mean − 1) / 4``. Relationships count as *strong* from ``strong_at``
  (default 0.6: personal trust 60, or an interaction mean of 3.4).
* **goal concreteness** (0–1) — a project setting (``"concrete"`` = 1, ``"open"`` = 0) wins;
  without one, the mean of the scan's ``goals`` and ``results`` factors scaled
  ``(mean − 1) / 4``. Goals count as *concrete* from ``concrete_at`` (default 0.6).

Role: weak ties + open goals → **connecting**; strong ties + open goals → **coaching**;
strong ties + concrete goals → **catalysing**; weak ties + concrete goals → **consulting**.
Without any measure on an axis there is no suggestion (``None``).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tracker.domain.messages import fmt

__all__ = ["Role", "ROLE_LABELS", "ROLE_DESCRIPTIONS", "GOAL_SETTINGS", "LeadershipSettings",
           "LeadershipInputs", "Suggestion", "axes", "missing_axes", "suggest"]

GOAL_SETTINGS = ("open", "concrete")
_EPS = 1e-9  # so that 3.4 on the 1–5 scale counts as exactly 0.6


class Role(StrEnum):
    """The four roles of the 4c model."""

    CONNECTING = "connecting"
    COACHING = "coaching"
    CATALYSING = "catalysing"
    CONSULTING = "consulting"


ROLE_LABELS = {Role.CONNECTING: {"nl": "Verbinden", "en": "Connecting"},
               Role.COACHING: {"nl": "Coachen", "en": "Coaching"},
               Role.CATALYSING: {"nl": "Katalyseren", "en": "Catalysing"},
               Role.CONSULTING: {"nl": "Adviseren", "en": "Consulting"}}
ROLE_DESCRIPTIONS = {
    Role.CONNECTING: {
        "nl": "De proceslead houdt zich op de inhoud bescheiden en zorgt vooral voor ontmoeting "
              "en uitwisseling, zodat er een netwerk groeit waaruit gezamenlijke doelen kunnen "
              "ontstaan.",
        "en": "The process lead stays modest on content and mainly creates encounters and "
              "exchange, so that a network grows from which shared goals can emerge."},
    Role.COACHING: {
        "nl": "Het leiderschap kan grotendeels gedeeld worden; de proceslead begeleidt licht, "
              "stelt vragen en helpt de groep haar eigen richting te vinden.",
        "en": "Leadership can largely be shared; the process lead guides lightly, asks "
              "questions and helps the group find its own direction."},
    Role.CATALYSING: {
        "nl": "De relaties kan de groep zelf onderhouden; de proceslead helpt de gedeelde "
              "richting aan te scherpen, houdt vaart in de uitvoering en verdeelt taken.",
        "en": "The group can look after its relationships itself; the process lead helps "
              "sharpen the shared direction, keeps delivery moving and spreads the tasks."},
    Role.CONSULTING: {
        "nl": "Hier is de meest centrale rol nodig, een herkenbare proceslead die tegelijk "
              "bouwt aan de onderlinge band en aan het formuleren en halen van de gezamenlijke "
              "doelen.",
        "en": "The most central role is needed here, a recognisable process lead who builds "
              "the relationships and at the same time shapes and drives the joint goals."},
}


@dataclass(frozen=True)
class LeadershipSettings:
    """Where the two axes tip over (both on a 0–1 scale)."""

    strong_at: float = 0.6
    concrete_at: float = 0.6

    def __post_init__(self) -> None:
        """Both thresholds lie strictly between 0 and 1."""
        for name in ("strong_at", "concrete_at"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1:
                raise ValueError(f"LeadershipSettings.{name} must lie between 0 and 1")


@dataclass(frozen=True, slots=True)
class LeadershipInputs:
    """The measures the rule may use; any of them may be missing (None)."""

    personal_trust: float | None = None
    """Personal trust index 0–100 from the events."""
    interaction: float | None = None
    """The scan's interaction lens, 1–5 (both sides combined)."""
    goals: float | None = None
    """The scan's goals factor, 1–5."""
    results: float | None = None
    """The scan's results factor, 1–5."""
    goal_setting: str | None = None
    """The project's own statement: "open" or "concrete" (overrides goals/results)."""

    def __post_init__(self) -> None:
        """Reject values outside their scales."""
        checks = {"personal_trust": (0, 100), "interaction": (1, 5), "goals": (1, 5),
                  "results": (1, 5)}
        for name, (low, high) in checks.items():
            value = getattr(self, name)
            if value is not None and not low <= value <= high:
                raise ValueError(f"{name} must lie in {low}..{high}, got {value!r}")
        if self.goal_setting not in (None, *GOAL_SETTINGS):
            raise ValueError(f"goal_setting must be open, concrete or None, got {self.goal_setting!r}")


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The suggested role with both axis values and an NL/EN explanation of why."""

    role: Role
    strength: float
    concreteness: float
    explanation: dict[str, str]

    def label(self, lang: str = "en") -> str:
        """The role's name in ``lang``."""
        return ROLE_LABELS[self.role]["nl" if lang == "nl" else "en"]

    def description(self, lang: str = "en") -> str:
        """What the role asks of the process lead, in ``lang``."""
        return ROLE_DESCRIPTIONS[self.role]["nl" if lang == "nl" else "en"]


def _scale5(value: float | None) -> float | None:
    return None if value is None else (value - 1) / 4


def _mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def _why(i: LeadershipInputs, strength: float, strong: bool, concreteness: float,
         concrete: bool, s: LeadershipSettings, lang: str) -> str:
    """One language's explanation, citing the inputs used."""
    nl = lang == "nl"
    parts = []
    if i.personal_trust is not None:
        parts.append((f"persoonlijk vertrouwen {fmt(i.personal_trust, lang, 0)} van 100" if nl
                      else f"personal trust {fmt(i.personal_trust, lang, 0)} of 100"))
    if i.interaction is not None:
        parts.append((f"de interactie in de scan {fmt(i.interaction, lang)} van 5" if nl
                      else f"the scan's interaction lens {fmt(i.interaction, lang)} of 5"))
    ties = ((f"De relaties zijn {'sterk' if strong else 'nog zwak'}: " if nl else
             f"Relationships are {'strong' if strong else 'still weak'}: ")
            + (" en " if nl else " and ").join(parts)
            + (f" ({fmt(strength, lang, 2)} op een schaal van 0 tot 1, sterk vanaf "
               f"{fmt(s.strong_at, lang, 2)})." if nl else
               f" ({fmt(strength, lang, 2)} on a 0-1 scale, strong from {fmt(s.strong_at, lang, 2)})."))
    if i.goal_setting is not None:
        goals = ((f"Het project heeft de doelen zelf als {'concreet' if concrete else 'open'} "
                  f"aangemerkt.") if nl else
                 f"The project itself has marked its goals as {'concrete' if concrete else 'open'}.")
    else:
        used = [f"{name} {fmt(v, lang)}" for name, v in
                ((("doelen" if nl else "goals"), i.goals), (("resultaten" if nl else "results"), i.results))
                if v is not None]
        goals = ((f"De doelen zijn {'concreet' if concrete else 'nog open'}: de scan geeft "
                  if nl else f"Goals are {'concrete' if concrete else 'still open'}: the scan gives ")
                 + (" en " if nl else " and ").join(used)
                 + (f" van 5 ({fmt(concreteness, lang, 2)}, concreet vanaf "
                    f"{fmt(s.concrete_at, lang, 2)})." if nl else
                    f" of 5 ({fmt(concreteness, lang, 2)}, concrete from {fmt(s.concrete_at, lang, 2)})."))
    return ties + " " + goals


def axes(inputs: LeadershipInputs) -> tuple[float | None, float | None]:
    """(relationship strength, goal concreteness) on 0–1, None for an axis without any measure."""
    strength = _mean([None if inputs.personal_trust is None else inputs.personal_trust / 100,
                      _scale5(inputs.interaction)])
    if inputs.goal_setting is not None:
        concreteness = 1.0 if inputs.goal_setting == "concrete" else 0.0
    else:
        concreteness = _mean([_scale5(inputs.goals), _scale5(inputs.results)])
    return strength, concreteness


def missing_axes(inputs: LeadershipInputs) -> tuple[str, ...]:
    """The axes without any measure: "relationships" and/or "goals" (empty when both are known)."""
    strength, concreteness = axes(inputs)
    return tuple(name for name, value in (("relationships", strength), ("goals", concreteness))
                 if value is None)


def suggest(inputs: LeadershipInputs,
            settings: LeadershipSettings | None = None) -> Suggestion | None:
    """The fitting 4c role for these inputs, or None without a measure on either axis."""
    s = settings or LeadershipSettings()
    strength, concreteness = axes(inputs)
    if strength is None or concreteness is None:
        return None
    strong = strength >= s.strong_at - _EPS
    concrete = concreteness >= s.concrete_at - _EPS
    role = ((Role.CATALYSING if concrete else Role.COACHING) if strong
            else (Role.CONSULTING if concrete else Role.CONNECTING))
    explanation = {}
    for lang in ("nl", "en"):
        fits = (f" Dat past bij de rol {ROLE_LABELS[role]['nl'].lower()}: " if lang == "nl"
                else f" That fits the {ROLE_LABELS[role]['en'].lower()} role: ")
        explanation[lang] = (_why(inputs, strength, strong, concreteness, concrete, s, lang)
                             + fits + ROLE_DESCRIPTIONS[role][lang][0].lower()
                             + ROLE_DESCRIPTIONS[role][lang][1:])
    return Suggestion(role, strength, concreteness, explanation)
