"""Plain-language explanations of the signals, in Dutch and English, citing the numbers.

Dutch text uses a decimal comma. Unknown numbers (no data in a window) read "n/a" / "n.b.".
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from tracker.domain.escalation import level_name

if TYPE_CHECKING:  # pragma: no cover - typing only
    from tracker.domain.settings import TrustSettings
    from tracker.domain.trust_rules import CrowdingCheck

__all__ = ["fmt", "crowding_message", "over_reliance_message", "surge_message", "gap_message",
           "silence_message", "silence_since_start_message", "third_party_message", "held_note"]


def fmt(value: float | None, lang: str, digits: int = 1, sign: bool = False) -> str:
    """A number for a message: fixed digits, decimal comma in Dutch, "n/a" when unknown."""
    if value is None:
        return "n.b." if lang == "nl" else "n/a"
    text = f"{value:+.{digits}f}" if sign else f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "nl" else text


def days_text(n: int, lang: str) -> str:
    """A number of days with the right noun: "1 dag", "3 dagen", "1 day", "3 days"."""
    if lang == "nl":
        return f"{n} dag" if n == 1 else f"{n} dagen"
    return f"{n} day" if n == 1 else f"{n} days"


def _both(build: Callable[[str], str]) -> dict[str, str]:
    """Run a language-parametrised message builder for both languages."""
    return {"nl": build("nl"), "en": build("en")}


def crowding_message(check: "CrowdingCheck", personal: float | None, rose: bool, low: bool,
                     clear_checks: int, raised_on: date, s: "TrustSettings") -> dict[str, str]:
    """Explain crowding out: more contract steering and less personal trust."""
    r, p, days = check.recent, check.previous, s.crowding_window_days
    change = None if check.personal_drop is None else -check.personal_drop

    def build(lang: str) -> str:
        def f(value: float | None, digits: int = 1, sign: bool = False) -> str:
            return fmt(value, lang, digits, sign)

        if lang == "nl":
            if clear_checks:
                text = (f"Sinds {raised_on.isoformat()} staat een melding dat er meer op het "
                        f"contract wordt gestuurd terwijl het persoonlijk vertrouwen daalt. Bij "
                        f"de laatste wekelijkse controle gold die regel niet meer: ")
            else:
                text = ("Er wordt meer op het contract gestuurd terwijl het persoonlijk "
                        "vertrouwen daalt: ")
            text += (f"in de laatste {days} dagen was het aandeel contractsturing "
                     f"{f(r.contract_share, 2)}, tegen {f(p.contract_share, 2)} in de {days} "
                     f"dagen daarvoor ({f(check.share_rise, 2, True)}), en het persoonlijk "
                     f"vertrouwen ging van {f(p.personal)} naar {f(r.personal)} "
                     f"({f(change, 1, True)} punten).")
            if rose:
                text += (f" Ook het aantal escalaties nam toe ({r.escalations} tegen "
                         f"{p.escalations}).")
            if low:
                text += f" Het persoonlijk vertrouwen staat nu onder de 50 ({f(personal)})."
            if clear_checks:
                text += (f" De melding blijft staan tot de regel {s.hysteresis_clear_weeks} "
                         f"wekelijkse controles achter elkaar niet geldt.")
            return text
        if clear_checks:
            text = (f"Since {raised_on.isoformat()} a flag has said that contract steering is "
                    f"rising while personal trust falls. At the latest weekly check the rule no "
                    f"longer held: ")
        else:
            text = "Contract steering is rising while personal trust falls: "
        text += (f"over the last {days} days the contract steering share was "
                 f"{f(r.contract_share, 2)}, against {f(p.contract_share, 2)} in the {days} days "
                 f"before ({f(check.share_rise, 2, True)}), and personal trust went from "
                 f"{f(p.personal)} to {f(r.personal)} ({f(change, 1, True)} points).")
        if rose:
            text += f" Escalations rose as well ({r.escalations} against {p.escalations})."
        if low:
            text += f" Personal trust is now below 50 ({f(personal)})."
        if clear_checks:
            text += (f" The flag stays until the rule has failed at "
                     f"{s.hysteresis_clear_weeks} weekly checks in a row.")
        return text

    return _both(build)


def over_reliance_message(personal: float, system: float | None, share: float,
                          drop: float | None, weak: bool, s: "TrustSettings",
                          ended: float | None = None) -> dict[str, str]:
    """Explain blind trust: high personal trust with a weak or weakening system.

    ``drop`` is the fall in system trust (to ``ended`` in the recent window) when that is why
    the flag is raised, ``weak`` says that system trust is at or below the weak threshold; with
    neither (a held flag) the message just gives the figure.
    """
    def build(lang: str) -> str:
        if lang == "nl":
            why = (f"het systeemvertrouwen is zwak ({fmt(system, lang)})" if weak else
                   f"het systeemvertrouwen daalde {fmt(drop, lang)} punten in de laatste "
                   f"{s.crowding_window_days} dagen, tot {fmt(ended, lang)}" if drop is not None else
                   f"het systeemvertrouwen is {fmt(system, lang)}")
            return (f"Het persoonlijk vertrouwen is hoog ({fmt(personal, lang)}), maar {why} en "
                    f"er wordt nauwelijks via het contract gestuurd (aandeel "
                    f"{fmt(share, lang, 2)}). Een goede relatie is waardevol, maar afspraken die "
                    f"nergens zijn vastgelegd worden kwetsbaar als er mensen wisselen of als er "
                    f"een tegenvaller komt.")
        why = (f"system trust is weak ({fmt(system, lang)})" if weak else
               f"system trust fell {fmt(drop, lang)} points over the last "
               f"{s.crowding_window_days} days, to {fmt(ended, lang)}" if drop is not None else
               f"system trust is {fmt(system, lang)}")
        return (f"Personal trust is high ({fmt(personal, lang)}), but {why} and hardly anything "
                f"is handled through the contract (share {fmt(share, lang, 2)}). A good "
                f"relationship is an asset, yet agreements that are not recorded anywhere become "
                f"fragile when people change or a setback comes.")

    return _both(build)


def surge_message(recent: int, usual: float, base_days: int, base_rate: float, base_events: float,
                  top: int, s: "TrustSettings") -> dict[str, str]:
    """Explain an escalation surge against the project's own usual rate and volume.

    ``usual`` is the usual number per window; ``base_rate`` and ``base_events`` are the
    escalations and events per month over the ``base_days`` days before the window.
    """
    def build(lang: str) -> str:
        if lang == "nl":
            text = (f"{recent} {'escalatie' if recent == 1 else 'escalaties'} in de laatste "
                    f"{s.surge_window_days} dagen (één per kwestie en "
                    f"niveau), waar er voor dit project ongeveer {fmt(usual, lang)} gewoon zijn: in de "
                    f"{base_days} dagen daarvoor waren het er {fmt(base_rate, lang)} per maand, bij "
                    f"{fmt(base_events, lang, 0)} gebeurtenissen per maand.")
            if top >= s.surge_alert_level:
                text += (f" Minstens één ervan bereikte niveau {top} "
                         f"({level_name(top, lang).lower()}).")
            return text
        text = (f"{recent} {'escalation' if recent == 1 else 'escalations'} in the last "
                f"{s.surge_window_days} days (one per issue and level), "
                f"where about {fmt(usual, lang)} would be usual for this project: over the "
                f"{base_days} days before it had {fmt(base_rate, lang)} a month, among "
                f"{fmt(base_events, lang, 0)} events a month.")
        if top >= s.surge_alert_level:
            text += f" At least one of them reached level {top} ({level_name(top, lang).lower()})."
        return text

    return _both(build)


def third_party_message(chains: list[tuple[str, int, date, int]], s: "TrustSettings") -> dict[str, str]:
    """Explain that issues sit with a third party: (title, level, since, days at level) per chain."""
    def build(lang: str) -> str:
        if lang == "nl":
            if not chains:
                return f"Er ligt geen kwestie meer op niveau {s.third_party_level} of hoger."
            parts = [f"“{title}” staat sinds {since.isoformat()} ({days_text(days, lang)}) op niveau {level} "
                     f"({level_name(level, lang).lower()})"
                     for title, level, since, days in chains]
            return ("Een kwestie ligt bij een derde partij: " + "; ".join(parts) + ". Houd in die "
                    "periode de samenwerking aan de rest van het project gaande en spreek af hoe de "
                    "uitkomst terugkomt bij het projectteam.")
        if not chains:
            return f"No issue sits at level {s.third_party_level} or higher any more."
        parts = [f"“{title}” has been at level {level} ({level_name(level, lang).lower()}) since "
                 f"{since.isoformat()} ({days_text(days, lang)})" for title, level, since, days in chains]
        return ("An issue is in the hands of a third party: " + "; ".join(parts) + ". Meanwhile, "
                "keep the work on the rest of the project going together and agree how the outcome "
                "comes back to the project team.")

    return _both(build)


def held_note(message: dict[str, str], quiet: int, needed: int) -> dict[str, str]:
    """``message`` with a note that the flag is held: its raising rule no longer holds.

    ``quiet`` counts the consecutive weekly checks outside the clearing margin (0: the figures
    are still within it), ``needed`` how many clear the flag. (The flag's ``since`` says when it
    was raised.)
    """
    if quiet:
        nl = (f"de melding vervalt na {needed} wekelijkse controles achter elkaar buiten de marge "
              f"({quiet} tot nu toe).")
        en = f"it clears after {needed} weekly checks in a row outside the margin ({quiet} so far)."
    else:
        nl = "de cijfers liggen nog binnen de marge, dus de melding blijft staan."
        en = "the figures are still within the clearing margin, so the flag stays."
    return {"nl": f"{message['nl']} De drempel wordt bij deze controle niet meer gehaald, maar {nl}",
            "en": f"{message['en']} The threshold is no longer met at this check, but {en}"}


_DIM_NAMES = {"personal": {"nl": "het persoonlijk vertrouwen", "en": "personal trust"},
              "system": {"nl": "het systeemvertrouwen", "en": "system trust"}}


def gap_message(gaps: dict[str, dict]) -> dict[str, str]:
    """Explain a perception gap between the client's and the contractor's view (``gaps`` empty: a
    held flag whose views can no longer be compared)."""
    if not gaps:
        return {"nl": "De beelden van de twee partijen zijn niet meer te vergelijken: een van beide "
                      "heeft de laatste tijd te weinig gescoord.",
                "en": "The two parties' views can no longer be compared: one of them has scored too "
                      "little lately."}

    def build(lang: str) -> str:
        parts = []
        for dim, g in gaps.items():
            name = _DIM_NAMES[dim][lang]
            apart = fmt(abs(g["difference"]), lang)
            if lang == "nl":
                parts.append(f"{name} is {fmt(g['client'], lang)} volgens de opdrachtgever en "
                             f"{fmt(g['contractor'], lang)} volgens de opdrachtnemer ({apart} "
                             f"punten verschil)")
            else:
                parts.append(f"{name} is {fmt(g['client'], lang)} in the client's view and "
                             f"{fmt(g['contractor'], lang)} in the contractor's view ({apart} "
                             f"points apart)")
        if lang == "nl":
            return ("De partijen beleven de samenwerking verschillend: " + "; ".join(parts)
                    + ". Bespreek samen waar die beelden vandaan komen.")
        return ("The two sides experience the relationship differently: " + "; ".join(parts)
                + ". Talk together about where those views come from.")

    return _both(build)


def silence_message(days: int, last: date) -> dict[str, str]:
    """Explain silence on an active project."""
    return {
        "nl": (f"Er is al {days} dagen geen gebeurtenis vastgelegd (de laatste was op "
               f"{last.isoformat()}). Bij een lopend project betekent dat meestal dat het "
               f"contact is verwaterd, of dat het niet meer wordt bijgehouden."),
        "en": (f"No event has been logged for {days} days (the last one was on "
               f"{last.isoformat()}). On an active project this usually means that contact "
               f"has thinned out, or that it is no longer being recorded."),
    }


def silence_since_start_message(days: int, started: date) -> dict[str, str]:
    """Explain silence on an active project that has no events at all yet."""
    return {
        "nl": (f"Sinds de start van het project op {started.isoformat()} ({days_text(days, 'nl')} geleden) is er "
               f"nog geen enkele gebeurtenis vastgelegd. Zonder waarnemingen kan niemand zien hoe "
               f"het samenwerken gaat; spreek af wie wat bijhoudt."),
        "en": (f"No event has been logged since the project started on {started.isoformat()} "
               f"({days_text(days, 'en')} ago). Without observations nobody can see how the partnership is "
               f"going; agree who records what."),
    }
