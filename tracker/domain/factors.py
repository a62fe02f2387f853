"""The default factor catalogue: six personal-trust and six system-trust factors.

The catalogue is data. The database is seeded from `DEFAULT_FACTORS`; an admin may add
factors later, so the trust maths never looks at these keys — it only uses each score's
dimension. Keys are stable; labels and descriptions exist in Dutch and English.
"""
from __future__ import annotations

from dataclasses import dataclass

from tracker.domain.types import Dimension

__all__ = ["FactorDefinition", "DEFAULT_FACTORS", "by_key"]


@dataclass(frozen=True, slots=True)
class FactorDefinition:
    """One factor an event can be scored on, with bilingual label and scoring hint."""

    key: str
    dimension: Dimension
    label_nl: str
    label_en: str
    description_nl: str
    description_en: str
    position: int

    def label(self, lang: str = "en") -> str:
        """The label in ``lang`` ("nl" or "en"; anything else falls back to English)."""
        return self.label_nl if lang == "nl" else self.label_en

    def description(self, lang: str = "en") -> str:
        """The scoring hint in ``lang`` ("nl" or "en")."""
        return self.description_nl if lang == "nl" else self.description_en


_P, _S = Dimension.PERSONAL, Dimension.SYSTEM

DEFAULT_FACTORS: tuple[FactorDefinition, ...] = (
    FactorDefinition(
        "p_competence", _P, "Deskundigheid", "Competence",
        "Scoor positief als de mensen aan de andere kant lieten zien dat ze het werk vakkundig "
        "aankunnen, negatief als je twijfelt of ze kunnen leveren wat nodig is.",
        "Score up when the other side's people showed they know their trade and can deliver; "
        "score down when this event made you doubt they are able to.", 1),
    FactorDefinition(
        "p_integrity", _P, "Betrouwbaarheid", "Reliability & integrity",
        "Gaat over woord houden: deden ze wat ze hadden toegezegd en waren ze eerlijk en "
        "consequent, of kwamen ze erop terug?",
        "About keeping one's word: did they do what they had promised and act honestly and "
        "consistently, or did they go back on it?", 2),
    FactorDefinition(
        "p_benevolence", _P, "Welwillendheid", "Regard for the other's interests",
        "Positief als de ander rekening hield met jouw belangen en risico's, ook als dat hem "
        "zelf iets kostte; negatief als alleen het eigen belang telde.",
        "Up when the other side took your interests and risks into account, even at some "
        "cost to themselves; down when only their own interest seemed to count.", 3),
    FactorDefinition(
        "p_openness", _P, "Openheid", "Openness",
        "Werd informatie vroeg gedeeld, ook slecht nieuws en de eigen belangen, of hoorde je "
        "het pas laat of via een omweg?",
        "Was information shared early, bad news and own interests included, or did you hear "
        "it late or second-hand?", 4),
    FactorDefinition(
        "p_continuity", _P, "Relatie & continuïteit", "Relationship & continuity",
        "Gaat over de band zelf: gedeelde geschiedenis, informeel contact en vaste "
        "gezichten; een wisseling van sleutelpersonen of een gemist overleg scoort negatief.",
        "About the bond itself: shared history, informal contact and familiar faces; a change "
        "of key people or a skipped meeting scores down.", 5),
    FactorDefinition(
        "p_reciprocity", _P, "Wederkerigheid", "Reciprocity",
        "Positief als er buiten de letter van het contract iets werd gegeven of "
        "teruggedaan; negatief als geven en nemen uit balans raakte.",
        "Up when something was given or returned beyond the letter of the contract; down "
        "when giving and taking got out of balance.", 6),
    FactorDefinition(
        "s_contract", _S, "Contracthelderheid", "Contract clarity & fair risks",
        "Hielp het contract of de vraagspecificatie hier, met duidelijke afspraken en een "
        "redelijke risicoverdeling, of schiep het onduidelijkheid en onvrede?",
        "Did the contract or specification help here, with clear terms and a reasonable "
        "split of risk, or did it create confusion and grievance?", 7),
    FactorDefinition(
        "s_procedures", _S, "Procedures", "Procedures & dispute handling",
        "Deden de wijzigings-, escalatie- en geschilprocedures hun werk: tijdig, eerlijk en "
        "zoals afgesproken toegepast?",
        "Did the change, escalation and dispute procedures do their job: applied on time, "
        "fairly and as agreed?", 8),
    FactorDefinition(
        "s_information", _S, "Informatievoorziening", "Registers & information",
        "Kon je hier vertrouwen op registers, verslagen, rapportages en gedeelde data, of "
        "waren ze onvolledig of verouderd?",
        "Could you rely on registers, minutes, reports and shared data here, or were they "
        "incomplete or out of date?", 9),
    FactorDefinition(
        "s_mandate", _S, "Mandaat & besluitvorming", "Mandate & decisions",
        "Hadden de mensen aan tafel mandaat en stond hun organisatie achter het besluit, of "
        "werd een afspraak later teruggedraaid?",
        "Did the people at the table have the mandate, and did their organisation stand "
        "behind the decision, or was an agreement overturned later?", 10),
    FactorDefinition(
        "s_finance", _S, "Financiële prikkels", "Payment & incentives",
        "Werkten betaling, bonussen en kortingen hier eerlijk en voorspelbaar, of voelden ze "
        "als willekeur of als straf?",
        "Did payments, incentives and penalties work fairly and predictably here, or did they "
        "feel arbitrary or punitive?", 11),
    FactorDefinition(
        "s_monitoring", _S, "Toezicht", "Proportionate oversight",
        "Was de controle in verhouding tot het risico, of voelde het toezicht als een teken "
        "van wantrouwen?",
        "Was checking in proportion to the risk, or did the oversight come across as a sign "
        "of distrust?", 12),
)


def by_key() -> dict[str, FactorDefinition]:
    """The default factors indexed by key."""
    return {f.key: f for f in DEFAULT_FACTORS}
