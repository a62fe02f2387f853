"""The collaboration scan (docs/instruments.md): sixteen success factors, 32 statements, and its maths.

Catalogue. Four lenses (motivation, organisation, interaction, realisation) hold four
factors each; every factor has two statements keyed ``<factor>_1`` and ``<factor>_2``,
answered on a 1–5 scale (1 = strongly disagree, 5 = strongly agree) or "don't know"
(``None``). Keys are stable; texts exist in Dutch and English and are the product's own
wording of the ideas in BINT's sixteen success factors.

Results, per side (client, contractor):

* **factor figure** — the mean of every score that side's respondents gave on the factor's
  two statements ("don't know" is left out, it is not a 3);
* **lens figure** — the mean of the lens's factor figures that exist (each factor weighs
  the same, whatever the number of "don't know" answers);
* **anonymity** — a side's figures exist only when at least ``min_respondents`` (default 3)
  people of that side responded; in addition a factor figure needs that many people of the
  side who scored at least one of its statements, so no single answer can be read back;
* **gap** — client figure minus contractor figure (``None`` unless both exist);
* **change** — this round's figure minus the previous round's, per side;
* **weakest factors** — ordered by the combined figure (mean of the sides' figures that
  exist), lowest first, catalogue order breaking ties; each has a conversation starter.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from statistics import fmean

from tracker.domain.types import Side

__all__ = ["Lens", "ScanFactor", "Statement", "FACTORS", "STATEMENTS", "STATEMENT_KEYS",
           "SCORES", "LENS_LABELS", "ScanSettings", "Response", "FactorResult", "LensResult",
           "ScanResult", "results", "changes", "scan_json", "factor", "statement"]

SCORES = range(1, 6)
SIDES = (Side.CLIENT, Side.CONTRACTOR)


class Lens(StrEnum):
    """The four lenses of the scan, in catalogue order."""

    MOTIVATION = "motivation"
    ORGANISATION = "organisation"
    INTERACTION = "interaction"
    REALISATION = "realisation"


LENS_LABELS: dict[Lens, dict[str, str]] = {
    Lens.MOTIVATION: {"nl": "Motivatie: waarom werken we samen?",
                      "en": "Motivation: why do we work together?"},
    Lens.ORGANISATION: {"nl": "Organisatie: hoe hebben we het ingericht?",
                        "en": "Organisation: how have we set it up?"},
    Lens.INTERACTION: {"nl": "Interactie: hoe gaan we met elkaar om?",
                       "en": "Interaction: how do we treat each other?"},
    Lens.REALISATION: {"nl": "Realisatie: wat levert het op?",
                       "en": "Realisation: what does it deliver?"},
}


@dataclass(frozen=True, slots=True)
class ScanFactor:
    """One success factor: key, lens, bilingual name and a conversation starter."""

    key: str
    lens: Lens
    label_nl: str
    label_en: str
    starter_nl: str
    starter_en: str
    position: int

    def label(self, lang: str = "en") -> str:
        """The factor's name in ``lang`` ("nl" or "en")."""
        return self.label_nl if lang == "nl" else self.label_en

    def starter(self, lang: str = "en") -> str:
        """A question that opens the conversation about this factor, in ``lang``."""
        return self.starter_nl if lang == "nl" else self.starter_en


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement of the scan, keyed ``<factor>_<1|2>``."""

    key: str
    factor: str
    text_nl: str
    text_en: str

    def text(self, lang: str = "en") -> str:
        """The statement in ``lang`` ("nl" or "en")."""
        return self.text_nl if lang == "nl" else self.text_en


_M, _O, _I, _R = Lens.MOTIVATION, Lens.ORGANISATION, Lens.INTERACTION, Lens.REALISATION
# key, lens, NL name, EN name, (starter NL, starter EN), ((stmt 1 NL, EN), (stmt 2 NL, EN))
_DATA = (
    ("urgency", _M, "Gevoelde urgentie", "Felt urgency",
     ("Wat gebeurt er voor ieder van ons als dit vraagstuk een jaar blijft liggen?",
      "What happens to each of us if this challenge is left alone for a year?"),
     (("Beide partijen voelen dat dit vraagstuk nu aangepakt moet worden.",
       "Both parties feel that this challenge has to be tackled now."),
      ("Wat er op het spel staat, is voor iedereen aan tafel duidelijk.",
       "Everyone at the table understands what is at stake."))),
    ("ambition", _M, "Gedeelde ambitie", "Shared ambition",
     ("Als men dit project over vijf jaar een succes noemt, waar wijst men dan naar?",
      "If people call this project a success in five years, what will they point at?"),
     (("We hebben een gezamenlijk beeld van wat we met deze samenwerking willen bereiken.",
       "We share a picture of what we want this partnership to achieve."),
      ("De ambitie van de samenwerking past bij wat mijn eigen organisatie wil.",
       "The partnership's ambition fits what my own organisation wants."))),
    ("goals", _M, "Richtinggevende doelen", "Directive goals",
     ("Welk doel zou, als we het scherper maken, een keuze van morgen veranderen?",
      "Which goal, if we sharpened it, would change a choice we make tomorrow?"),
     (("Onze doelen zijn zo concreet dat we kunnen zien of we ze halen.",
       "Our goals are concrete enough to tell whether we are meeting them."),
      ("De doelen helpen ons kiezen wat we wel en niet doen.",
       "The goals help us choose what to do and what to leave."))),
    ("interdependence", _M, "Wederzijdse afhankelijkheid", "Mutual dependence",
     ("Wat kan de ander wel en wij niet, en omgekeerd?",
      "What can the other party do that we cannot, and the other way round?"),
     (("Geen van beide partijen kan het resultaat in haar eentje bereiken.",
       "Neither party can reach the result on its own."),
      ("Elke partij weet wat zij van de ander nodig heeft en wat de ander van haar nodig heeft.",
       "Each party knows what it needs from the other and what the other needs from it."))),
    ("strategy", _O, "Doordachte strategie en aanpak", "Strategy & approach",
     ("Weet iedereen wat de volgende drie stappen zijn en wie ze zet?",
      "Does everyone know the next three steps and who takes them?"),
     (("Er ligt een aanpak die beschrijft hoe we onze doelen samen gaan halen.",
       "There is an approach that sets out how we will reach our goals together."),
      ("De volgende stappen, en wie ze zet, zijn voor iedereen helder.",
       "The next steps, and who takes them, are clear to everyone."))),
    ("structure", _O, "Heldere structuur en besluitvorming", "Clear structure & decision-making",
     ("Bij welk recent besluit wisten we niet zeker wie het mocht nemen?",
      "Which recent decision left us unsure who was allowed to take it?"),
     (("Het is duidelijk wie in deze samenwerking waarover beslist.",
       "It is clear who decides what in this partnership."),
      ("Besluiten worden op tijd genomen en daarna ook uitgevoerd.",
       "Decisions are taken on time and then carried out."))),
    ("resources", _O, "Voldoende middelen en passende kaders",
     "Sufficient resources & fitting frameworks",
     ("Waar lopen we vast op tijd, mensen of geld, en wie kan dat vrijmaken?",
      "Where are we short of time, people or money, and who could free it up?"),
     (("Er zijn genoeg mensen, tijd en geld om te doen wat we hebben afgesproken.",
       "There are enough people, time and money to do what we agreed."),
      ("De regels en afspraken waarbinnen we werken, helpen ons meer dan dat ze ons hinderen.",
       "The rules and arrangements we work within help us more than they hold us back."))),
    ("parents", _O, "Betrokken moederorganisaties", "Involved parent organisations",
     ("Wat weten onze directies van wat hier gebeurt, en wat zouden ze moeten weten?",
      "What do our boards know about what happens here, and what should they know?"),
     (("De leiding van mijn organisatie steunt deze samenwerking zichtbaar.",
       "The leadership of my organisation visibly backs this partnership."),
      ("Wat we in de samenwerking afspreken, wordt in de eigen organisaties opgepakt.",
       "What we agree in the partnership is taken up in our own organisations."))),
    ("interests", _I, "Uitgesproken belangen", "Expressed interests",
     ("Welk belang van je eigen organisatie heb je hier nog niet hardop gezegd?",
      "Which interest of your own organisation have you not yet said out loud here?"),
     (("Elke partij zegt openlijk welke eigen belangen zij bij deze samenwerking heeft.",
       "Each party says openly which interests of its own it has in this partnership."),
      ("In ons overleg spelen geen verborgen agenda's mee.",
       "No hidden agendas play a part in our meetings."))),
    ("differences", _I, "Gewaardeerde verschillen", "Valued differences",
     ("Welk verschil tussen onze organisaties heeft ons al eens geholpen?",
      "Which difference between our organisations has already helped us once?"),
     (("We zien de verschillen tussen onze organisaties als een bron van kracht.",
       "We see the differences between our organisations as a source of strength."),
      ("Andere ideeën en werkwijzen krijgen ruimte, ook als ze eerst ongemakkelijk voelen.",
       "Other ideas and ways of working get room, even when they feel awkward at first."))),
    ("equality", _I, "Gevoel van gelijkwaardigheid", "Sense of equality",
     ("Wanneer voelde je je voor het laatst niet als gelijke behandeld, en wat gebeurde er?",
      "When did you last feel you were not treated as an equal, and what happened?"),
     (("Ik word behandeld als een gelijkwaardige partner.",
       "I am treated as an equal partner."),
      ("De inbreng van elke partij telt mee, ongeacht wie er betaalt.",
       "Every party's input counts, whoever is paying."))),
    ("team", _I, "Krachtig team", "Strong team",
     ("Wat is er nodig om bij een tegenvaller eerst elkaar te bellen in plaats van een brief "
      "te sturen?",
      "What would it take to phone each other first, rather than send a letter, when something "
      "goes wrong?"),
     (("De mensen in deze samenwerking vormen één team over de organisatiegrenzen heen.",
       "The people in this partnership form one team across organisational lines."),
      ("Als het erop aankomt, kunnen we op elkaar rekenen.",
       "When it matters, we can count on each other."))),
    ("monitoring", _R, "Monitoring en reflectie", "Monitoring & reflection",
     ("Hoe vaak kijken we samen naar hoe het gaat, en is dat genoeg?",
      "How often do we look together at how things are going, and is that enough?"),
     (("We volgen regelmatig samen hoe we ervoor staan.",
       "We regularly check together how we are doing."),
      ("We kijken niet alleen terug op wat we opleveren, maar ook op hoe we samenwerken.",
       "We look back not only on what we deliver but also on how we work together."))),
    ("adaptivity", _R, "Adaptief vermogen", "Adaptive capacity",
     ("Welke recente verandering hebben we te laat of te traag opgepakt?",
      "Which recent change did we pick up too late or too slowly?"),
     (("Als de situatie verandert, passen we onze plannen snel en samen aan.",
       "When the situation changes, we adjust our plans quickly and together."),
      ("Een tegenvaller zet ons aan het leren, niet aan het zoeken naar een schuldige.",
       "A setback makes us learn rather than look for someone to blame."))),
    ("results", _R, "Betekenisvolle resultaten", "Meaningful results",
     ("Welk succes van de afgelopen maanden hebben we nog niet samen gevierd?",
      "Which success of the past months have we not yet celebrated together?"),
     (("De samenwerking levert zichtbare resultaten op.",
       "The partnership is producing visible results."),
      ("We staan stil bij wat gelukt is en vieren dat samen.",
       "We pause at what has worked and celebrate it together."))),
    ("added_value", _R, "Toegevoegde waarde", "Added value",
     ("Wat levert deze samenwerking jouw organisatie op dat ze alleen niet had gekregen?",
      "What does this partnership give your organisation that it would not have got alone?"),
     (("Samen bereiken we meer dan elke partij apart had gekund.",
       "Together we achieve more than either party could have done alone."),
      ("Wat mijn organisatie in deze samenwerking steekt, is de opbrengst waard.",
       "What my organisation puts into this partnership is worth what it gets back."))),
)

FACTORS: tuple[ScanFactor, ...] = tuple(
    ScanFactor(key, lens, nl, en, starter[0], starter[1], i)
    for i, (key, lens, nl, en, starter, _) in enumerate(_DATA, start=1))
STATEMENTS: tuple[Statement, ...] = tuple(
    Statement(f"{key}_{n}", key, text[0], text[1])
    for key, _, _, _, _, texts in _DATA for n, text in enumerate(texts, start=1))
STATEMENT_KEYS: frozenset[str] = frozenset(s.key for s in STATEMENTS)
_FACTOR_BY_KEY = {f.key: f for f in FACTORS}
_STATEMENT_BY_KEY = {s.key: s for s in STATEMENTS}


def factor(key: str) -> ScanFactor:
    """The factor with ``key``; KeyError for an unknown key."""
    return _FACTOR_BY_KEY[key]


def statement(key: str) -> Statement:
    """The statement with ``key``; KeyError for an unknown key."""
    return _STATEMENT_BY_KEY[key]


@dataclass(frozen=True)
class ScanSettings:
    """Tunable parameters of the scan results (Flask config ``SCAN_SETTINGS``)."""

    min_respondents: int = 3
    """A side's figures (and each factor figure) need at least this many people."""
    weakest_count: int = 3
    """How many weakest factors the results single out."""

    def __post_init__(self) -> None:
        """Both settings are whole numbers of at least 1."""
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"ScanSettings.{f.name} must be a whole number ≥ 1, got {value!r}")

    @classmethod
    def from_mapping(cls, mapping: Mapping | None) -> "ScanSettings":
        """Defaults overridden by a plain dict; unknown keys raise ValueError."""
        unknown = sorted(set(mapping or {}) - {f.name for f in fields(cls)})
        if unknown:
            raise ValueError("unknown scan setting(s): " + ", ".join(map(str, unknown)))
        return replace(cls(), **dict(mapping or {}))


@dataclass(frozen=True, slots=True)
class Response:
    """One person's answers in one round: statement key → 1–5, or None for "don't know"."""

    respondent: str
    side: Side
    answers: Mapping[str, int | None]

    def __post_init__(self) -> None:
        """Coerce the side; reject unknown statements and scores outside 1–5."""
        object.__setattr__(self, "side", Side(self.side))
        for key, value in self.answers.items():
            if key not in STATEMENT_KEYS:
                raise ValueError(f"unknown statement {key!r}")
            if value is not None and (isinstance(value, bool) or value not in SCORES):
                raise ValueError(f"score for {key!r} must be 1-5 or None, got {value!r}")


def _mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return fmean(values) if values else None


def _gap(client: float | None, contractor: float | None) -> float | None:
    return None if client is None or contractor is None else client - contractor


@dataclass(frozen=True, slots=True)
class FactorResult:
    """One factor's figure per side (1–5 means, None when hidden or without scores)."""

    key: str
    lens: Lens
    client: float | None
    contractor: float | None

    def side(self, side: Side) -> float | None:
        """The figure of ``side``."""
        return self.client if Side(side) is Side.CLIENT else self.contractor

    @property
    def gap(self) -> float | None:
        """Client minus contractor, None unless both figures exist."""
        return _gap(self.client, self.contractor)

    @property
    def combined(self) -> float | None:
        """Mean of the sides' figures that exist (each side weighs the same)."""
        return _mean(v for v in (self.client, self.contractor) if v is not None)


@dataclass(frozen=True, slots=True)
class LensResult:
    """One lens's figure per side: the mean of its factor figures."""

    lens: Lens
    client: float | None
    contractor: float | None

    @property
    def gap(self) -> float | None:
        """Client minus contractor, None unless both figures exist."""
        return _gap(self.client, self.contractor)


@dataclass(frozen=True, slots=True)
class ScanResult:
    """The results of one round: respondents, factor and lens figures."""

    respondents: dict[Side, int]
    min_respondents: int
    factors: tuple[FactorResult, ...]
    lenses: tuple[LensResult, ...]
    weakest_count: int = 3

    def enough(self, side: Side) -> bool:
        """True when ``side`` has enough respondents for its figures to be shown."""
        return self.respondents[Side(side)] >= self.min_respondents

    def factor(self, key: str) -> FactorResult:
        """The result of factor ``key``."""
        return next(f for f in self.factors if f.key == key)

    def lens(self, lens: Lens | str) -> LensResult:
        """The result of one lens."""
        return next(r for r in self.lenses if r.lens is Lens(lens))

    def by_gap(self) -> list[FactorResult]:
        """Factors by the size of their gap, largest first; factors without a gap last."""
        return sorted(self.factors, key=lambda f: (f.gap is None, -abs(f.gap or 0.0)))

    def weakest(self, n: int | None = None) -> list[FactorResult]:
        """The ``n`` factors with the lowest combined figure (ties in catalogue order)."""
        scored = [f for f in self.factors if f.combined is not None]
        order = {f.key: f.position for f in FACTORS}
        scored.sort(key=lambda f: (f.combined, order[f.key]))
        return scored[: self.weakest_count if n is None else n]


def results(responses: Iterable[Response], settings: ScanSettings | None = None) -> ScanResult:
    """Figures per factor and lens and side for one round's responses (rules in the module doc)."""
    settings = settings or ScanSettings()
    responses = list(responses)
    respondents = {side: sum(r.side is side for r in responses) for side in SIDES}
    scores: dict[tuple[Side, str], list[int]] = {}
    people: dict[tuple[Side, str], set[int]] = {}
    for index, response in enumerate(responses):
        for key, value in response.answers.items():
            if value is None:
                continue
            slot = (response.side, _STATEMENT_BY_KEY[key].factor)
            scores.setdefault(slot, []).append(value)
            people.setdefault(slot, set()).add(index)

    def figure(side: Side, key: str) -> float | None:
        if respondents[side] < settings.min_respondents:
            return None
        if len(people.get((side, key), ())) < settings.min_respondents:
            return None
        return _mean(scores[(side, key)])

    factor_results = tuple(FactorResult(f.key, f.lens, figure(Side.CLIENT, f.key),
                                        figure(Side.CONTRACTOR, f.key)) for f in FACTORS)
    lens_results = tuple(
        LensResult(lens, *(_mean(v for r in factor_results if r.lens is lens
                                 if (v := r.side(side)) is not None) for side in SIDES))
        for lens in Lens)
    return ScanResult(respondents, settings.min_respondents, factor_results, lens_results,
                      settings.weakest_count)


def changes(current: ScanResult, previous: ScanResult | None) -> dict[str, dict[str, float | None]]:
    """Per factor key and per lens value: {"client": Δ, "contractor": Δ} since ``previous``.

    A change is None when either round has no figure for that side.
    """
    def delta(now: float | None, then: float | None) -> float | None:
        return None if now is None or then is None else now - then

    out: dict[str, dict[str, float | None]] = {}
    for item in (*current.factors, *current.lenses):
        key = item.key if isinstance(item, FactorResult) else item.lens.value
        before = None
        if previous is not None:
            before = (previous.factor(key) if isinstance(item, FactorResult)
                      else previous.lens(key))
        out[key] = {side.value: delta(getattr(item, side.value),
                                      getattr(before, side.value) if before else None)
                    for side in SIDES}
    return out


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def scan_json(project_code: str, round_name: str, result: ScanResult) -> dict:
    """The scan-results JSON of docs/contracts.md (means rounded to 2 decimals, null when hidden)."""
    def figures(item) -> dict:
        return {"client": _r(item.client), "contractor": _r(item.contractor), "gap": _r(item.gap)}

    return {
        "project": project_code,
        "round": round_name,
        "respondents": {side.value: result.respondents[side] for side in SIDES},
        "factors": {f.key: {"lens": f.lens.value, **figures(f)} for f in result.factors},
        "lenses": {r.lens.value: figures(r) for r in result.lenses},
    }
