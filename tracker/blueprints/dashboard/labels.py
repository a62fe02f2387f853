"""Translated words for the dashboard, the coach overview and their charts."""
from collections.abc import Callable
from functools import cache

from babel.numbers import get_decimal_symbol, get_group_symbol
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from tracker.domain.escalation import DEFAULT_LADDER
from tracker.domain.types import Side

SIGNALS = {
    "crowding_out": _l("More contract, less personal trust"),
    "over_reliance": _l("Blind trust"),
    "escalation_surge": _l("Escalations are piling up"),
    "third_party": _l("An issue is with a third party"),
    "perception_gap": _l("The sides see it differently"),
    "silence": _l("It has gone quiet"),
    "time_box_exceeded": _l("An issue is past its time box"),
}
ACTION_STATUS = {"open": lazy_pgettext("action status", "Open"), "in_progress": _l("In progress"), "done": _l("Done"),
                 "dropped": _l("Dropped")}
EFFECT_FIGURES = {
    "personal": _l("Personal trust"), "system": _l("System trust"), "contract_share": _l("Contract steering"),
    "open_issues": _l("Open issues"), "escalations": _l("Escalations in the last 30 days"),
    "events": _l("Events counted"), "personal_client": _l("Personal trust, client's view"),
    "personal_contractor": _l("Personal trust, contractor's view"),
    "system_client": _l("System trust, client's view"), "system_contractor": _l("System trust, contractor's view"),
}
SEVERITY = {"warning": _l("Warning"), "alert": _l("Alert")}

CHART_WORDS = {
    "personal": _l("Personal trust"), "system": _l("System trust"),
    "client": _l("Client"), "contractor": _l("Contractor"), "events": _l("events"),
    "interventions": _l("Actions"),
    "share": _l("Contract steering"),
    "balanced": _l("Balanced"), "contract_driven": _l("Contract-driven"),
    "blind_trust": _l("Blind trust"), "adrift": _l("Adrift"), "path": _l("Path"), "now": _l("now"),
    "planned": _l("Planned"), "unplanned": _l("Unplanned"), "level": _l("Level"),
    "mean": _l("mean score"), "scores": _l("scores"), "escalations": _l("Escalations"),
    "days": _l("Days"), "mean_days": _l("Mean days"), "total_days": _l("Total days"),
    "resolved": _l("issues resolved"), "deescalation": _l("de-escalation"),
}
KINDS = {"issue": _l("Issue"), "escalation": _l("Escalation"), "agreement": _l("Agreement"),
         "moment": _l("Moment")}
STEERING = {"relational": _l("Relational"), "mixed": _l("Mixed"), "contractual": _l("Contractual")}


def lang() -> str:
    """The current language code ("nl" or "en")."""
    locale = get_locale()
    return locale.language if locale else "en"


def words(mapping: dict) -> dict:
    """A mapping with its lazy strings turned into plain text in the current language."""
    return {key: str(value) for key, value in mapping.items()}


def level_names() -> dict[int, str]:
    """Ladder level → name in the current language."""
    return {rung.level: rung.name(lang()) for rung in DEFAULT_LADDER}


def side_names() -> dict[str, str]:
    """Side value → translated name."""
    return {Side.CLIENT.value: str(CHART_WORDS["client"]),
            Side.CONTRACTOR.value: str(CHART_WORDS["contractor"])}


@cache
def _separators(language: str) -> tuple[str, str]:
    """The locale's group and decimal signs (a coach table formats ~1,500 numbers per view)."""
    return get_group_symbol(language), get_decimal_symbol(language)


def number_formatter() -> Callable[..., str]:
    """`number` with the locale's signs looked up once: for tables of many numbers."""
    group, decimal = _separators(lang())
    signs = {44: "\0", 46: decimal}

    def formatted(value: float | None, digits: int = 1, sign: bool = False) -> str:
        if value is None:
            return "–"
        value = round(value, digits) + 0.0  # + 0.0 turns -0.0 into 0.0
        text = f"{abs(value) if sign else value:,.{digits}f}".translate(signs).replace("\0", group)
        if sign:
            return ("+" if value > 0 else "−" if value < 0 else "±") + text
        return text
    return formatted


def number(value: float | None, digits: int = 1, sign: bool = False) -> str:
    """A number in the current locale ("–" when unknown), optionally with an explicit sign."""
    return number_formatter()(value, digits, sign)


def percent(value: float | None, sign: bool = False) -> str:
    """A 0–1 share as whole percent, or a change of share as signed percentage points."""
    if value is None:
        return "–"
    return number(value * 100, 0, sign) + ("" if sign else "%")


def template_helpers() -> dict:
    """Names and number formatting for the dashboard and coach templates."""
    return {"signal_names": SIGNALS, "severity_names": SEVERITY, "fmt_number": number,
            "fmt_percent": percent, "ui_lang": lang, "ladder_names": level_names,
            "action_status_names": ACTION_STATUS, "effect_figure_names": EFFECT_FIGURES}
