"""Words shown for event values: kinds, sides, steering, levels, scores (translated)."""
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from tracker.domain.escalation import DEFAULT_LADDER
from tracker.domain.types import Kind, Side, Steering
from tracker.models import MemberRole, MemberSide

KIND = {Kind.ISSUE: _l("Issue"), Kind.ESCALATION: _l("Escalation"),
        Kind.AGREEMENT: _l("Agreement"), Kind.MOMENT: _l("Moment")}
STEERING = {Steering.RELATIONAL: _l("Relational"), Steering.CONTRACTUAL: _l("Contractual"),
            Steering.MIXED: _l("Mixed")}
SIDE = {Side.CLIENT: _l("Client"), Side.CONTRACTOR: _l("Contractor"), MemberSide.COACH: _l("Coach")}
ROLE = {MemberRole.MANAGER: _l("Manager"), MemberRole.MEMBER: _l("Member")}
PLANNED = {True: _l("Planned"), False: _l("Unplanned")}
FIELDS = {
    "occurred_on": _l("Date"), "side": _l("Side"), "kind": _l("Kind"), "steering": _l("Steering"),
    "escalation_level": _l("Escalation level"), "planned": _l("Planned or unplanned"),
    "title": _l("Title"), "description": _l("Description"), "links_to_id": _l("Linked event"),
    "scores": _l("Scores"),
    "view_scores": _l("Other party's scores"), "view_note": _l("Other party's note"),
    "merged_from": _l("Merged from event"),
}
ACTIONS = {"created": _l("Logged"), "edited": _l("Edited"), "retracted": _l("Retracted"),
           "view": _l("Other party's view")}


def lang() -> str:
    """The current language code ("nl" or "en")."""
    locale = get_locale()
    return locale.language if locale else "en"


def level_name(level: int | None) -> str:
    """"3 · Strategic" in the current language, or "" for no level."""
    if level is None:
        return ""
    if 0 <= level < len(DEFAULT_LADDER):
        return f"{level} · {DEFAULT_LADDER[level].name(lang())}"
    return str(level)


def level_choices(blank: str) -> list[tuple[str, str]]:
    """Choices for an escalation-level select, with a blank first option."""
    return [("", blank)] + [(str(r.level), level_name(r.level)) for r in DEFAULT_LADDER]


def score_text(value: int | None) -> str:
    """+2, +1, 0, −1, −2 (typographic minus), or an em dash for "not scored"."""
    if value is None:
        return "—"
    return f"+{value}" if value > 0 else ("0" if value == 0 else f"−{abs(value)}")


def score_class(value: int | None) -> str:
    """CSS class colouring a score."""
    if value is None or value == 0:
        return ""
    return "score-pos" if value > 0 else "score-neg"


def template_helpers() -> dict:
    """Everything the event templates need to name values."""
    return {"kind_labels": KIND, "steering_labels": STEERING, "side_labels": SIDE,
            "role_labels": ROLE, "planned_labels": PLANNED, "action_labels": ACTIONS, "level_name": level_name,
            "score_text": score_text, "score_class": score_class, "event_lang": lang}
