"""The intervention catalogue: concrete next steps suggested with each signal.

Interventions are data. Each has a stable key, a title and a short how-to in Dutch and
English, and the signal codes it fits; every signal maps to two to four of them. They draw on
process-management practice in Dutch infrastructure (give and take in balance, learning from
successes, the timeline with its unplanned moments, the "ugly picture", process trust, working
in pairs); the dashboard shows each with its how-to.
"""
from __future__ import annotations

from dataclasses import dataclass

from tracker.domain.types import SIGNAL_CODES

__all__ = ["Intervention", "ALL", "get", "for_signal", "keys"]


@dataclass(frozen=True, slots=True)
class Intervention:
    """One suggested intervention with bilingual title and description."""

    key: str
    title_nl: str
    title_en: str
    description_nl: str
    description_en: str
    signals: tuple[str, ...]

    def title(self, lang: str = "en") -> str:
        """Title in ``lang`` ("nl" or "en")."""
        return self.title_nl if lang == "nl" else self.title_en

    def description(self, lang: str = "en") -> str:
        """Description in ``lang`` ("nl" or "en")."""
        return self.description_nl if lang == "nl" else self.description_en


ALL: tuple[Intervention, ...] = (
    Intervention(
        "person_to_person", "Gesprek van mens tot mens", "Person-to-person conversation",
        "Breng de sleutelpersonen van beide partijen bij elkaar, zonder het contract op tafel, "
        "en laat ieder om de beurt vertellen wat hij of zij met dit project wil, waar men op "
        "hoopt en wat het kost. Luister om te begrijpen, niet om te antwoorden; een begeleider "
        "zorgt dat iedereen evenveel ruimte krijgt. Zoek daarna samen wat halen en brengen weer "
        "eerlijk maakt: een breder gedeeld doel, een andere inbreng of compensatie voor wie het "
        "meest inlevert.",
        "Bring the key people of both parties together without the contract on the table and "
        "let each in turn say what they want from this project, what they hope for and what it "
        "is costing them. Listen to understand rather than to reply; a facilitator keeps the "
        "turns even. Then look together for what would make give and take fair again: a wider "
        "shared goal, a different contribution, or compensation for whoever gives up most.",
        ("crowding_out", "perception_gap")),
    Intervention(
        "ugly_picture", "Leg de lelijke foto op tafel", "Put the ugly picture on the table",
        "Vraag een neutraal persoon, vaak de procesbegeleider, om zonder omwegen te beschrijven "
        "wat er echt speelt: de cijfers uit deze tracker, de open issues, de brieven over en "
        "weer en het patroon daarachter. Spreek vooraf af dat niemand zich in de eerste ronde "
        "verdedigt of de ander iets verwijt. Laat daarna elke partij zeggen welk deel van het "
        "beeld zij als eigen aandeel herkent en kies ieder één concrete stap.",
        "Ask a neutral person, often the process coach, to describe plainly what is really "
        "going on: the figures in this tracker, the open issues, the letters exchanged and the "
        "pattern behind them. Agree beforehand that nobody defends or blames in the first round. "
        "Then let each party name the part of the picture it recognises as its own doing, and "
        "have each pick one concrete step.",
        ("crowding_out", "escalation_surge")),
    Intervention(
        "work_in_pairs", "Werk in duo's over de partijen heen", "Work in cross-party pairs",
        "Neem de twee of drie lastigste onderwerpen en geef elk aan een duo: iemand van de "
        "opdrachtgever en iemand van de opdrachtnemer, die er samen eigenaar van zijn tot het "
        "is opgelost. Ze werken met dezelfde informatie, bereiden het voorstel naast elkaar "
        "voor en presenteren het samen. Zo vervangt gezamenlijk probleemoplossen de "
        "briefwisseling en groeit vertrouwen aan het werk zelf.",
        "Take the two or three thorniest topics and hand each to a pair: one person from the "
        "client and one from the contractor, who own it together until it is settled. They "
        "work from the same information, prepare the proposal side by side and present it "
        "jointly. Joint problem solving then replaces the exchange of letters, and trust grows "
        "on the work itself.",
        ("crowding_out", "perception_gap")),
    Intervention(
        "success_intervision", "Intervisie op wat goed ging", "Intervision on what went well",
        "Houd een korte gemengde sessie waarin één persoon uitgebreid vertelt over iets dat "
        "tussen de partijen goed ging, inclusief de omstandigheden. De anderen noteren wat het "
        "succes mogelijk maakte, gesplitst in wat mensen deden en wat de situatie bood; de "
        "verteller vult aan. Een vragenronde zoekt de minder zichtbare oorzaken en de groep "
        "sluit af met wat ze bewust wil herhalen.",
        "Hold a short mixed session in which one person tells at length about something that "
        "went well between the parties, circumstances included. The others note what made it "
        "work, split into what people did and what the setting offered, and the teller adds "
        "to it. A round of questions looks for the less visible causes, and the group ends by "
        "naming what it will repeat on purpose.",
        ("crowding_out", "perception_gap")),
    Intervention(
        "explicit_agreements", "Maak rollen en afspraken expliciet",
        "Make roles and agreements explicit",
        "Een goede verstandhouding verleidt ertoe dingen onuitgesproken te laten. Zet de "
        "informele afspraken tot nu toe op een rij, wie waarover beslist en wat ieder namens "
        "de eigen organisatie mag toezeggen, en leg dat vast in verslag of register. Ga na of "
        "de moederorganisaties ervan weten en erachter staan.",
        "A warm relationship tempts people to leave things unsaid. List the informal "
        "agreements made so far, who decides what and what each person may commit to on behalf "
        "of their organisation, and record it in the minutes or a register. Check that both "
        "parent organisations know about it and back it.",
        ("over_reliance",)),
    Intervention(
        "system_check", "Gezamenlijke check van het systeem", "Joint check of the system",
        "Loop in een uur met beide projectmanagers het systeem rond de samenwerking na: kent "
        "iedereen de wijzigings- en geschilprocedure, zijn registers en verslagen actueel, "
        "passen de betalingsafspraken bij wat in de praktijk is afgesproken? Beoordeel elk punt "
        "samen en pak het zwakste eerst aan. Goede systemen zijn geen teken van wantrouwen; ze "
        "houden een goede relatie veilig.",
        "Spend an hour with both project managers going through the system around the "
        "relationship: does everyone know the change and dispute procedure, are registers and "
        "minutes current, do payment arrangements match what was agreed in practice? Rate each "
        "item together and fix the weakest first. Sound systems do not signal distrust; they "
        "keep a good relationship safe.",
        ("over_reliance",)),
    Intervention(
        "ring_fence_issue", "Houd de kwestie apart van het werk", "Keep the issue apart from the work",
        "Laat de kwestie bij een klein team en de derde partij liggen en spreek af dat de rest van "
        "het project doorgaat met de gewone overleggen en informele contacten. Leg samen vast welke "
        "feiten vaststaan en welke vraag de bemiddelaar, adviseur of rechter precies moet "
        "beantwoorden. Spreek nu al af hoe de uitkomst terugkomt bij het projectteam, en vier het "
        "moment dat de kwestie weer op projectniveau ligt.",
        "Leave the issue with a small team and the third party, and agree that the rest of the "
        "project carries on with its usual meetings and informal contact. Record together which "
        "facts both accept and which question exactly the mediator, adviser or court is asked to "
        "answer. Agree now how the outcome comes back to the project team, and mark the moment the "
        "issue is back at project level.",
        ("third_party",)),
    Intervention(
        "process_steps", "Stel samen de processtappen vast", "Agree the process steps together",
        "Als de inhoud onzeker is, geeft helderheid over de route houvast. Spreek samen af "
        "welke stappen er komen, wie bij elke stap aan tafel zit, wanneer welke besluiten vallen "
        "en hoe een meningsverschil wordt opgepakt, inclusief de termijnen op de escalatieladder. "
        "Zet het op één pagina en kijk er bij elk voortgangsoverleg samen op terug.",
        "When the content is uncertain, clarity about the route gives footing. Agree together "
        "which steps come next, who sits at the table for each, when which decisions fall and "
        "how a disagreement will be handled, including the time boxes on the escalation ladder. "
        "Put it on one page and look back at it together at every progress meeting.",
        ("over_reliance", "escalation_surge", "third_party")),
    Intervention(
        "escalation_ladder_review", "Herijk de escalatieladder", "Revisit the escalation ladder",
        "Bekijk samen de recente escalaties: welke hadden operationeel opgelost kunnen worden, "
        "en wat ontbrak daarvoor: mandaat, informatie of tijd? Spreek opnieuw af wie op elke "
        "trede wat oppakt en hoe lang een issue daar blijft voordat het omhoog gaat. Stuur open "
        "issues met een gezamenlijke feitenopdracht en een datum terug omlaag, en leg elke "
        "de-escalatie vast als afspraak.",
        "Go through the recent escalations together: which could have been settled at the "
        "operational level, and what was missing to do so: mandate, information or time? "
        "Re-agree who handles what on each rung and how long an issue stays there before it "
        "moves up. Send open issues back down with a joint fact-finding task and a date, and "
        "log every de-escalation as an agreement.",
        ("escalation_surge", "third_party", "time_box_exceeded")),
    Intervention(
        "joint_timeline", "Teken samen de tijdlijn", "Draw the joint timeline",
        "Hang een lange strook papier op en laat mensen van beide kanten de belangrijke "
        "momenten sinds de start aangeven: de geplande mijlpalen, maar ook de ongeplande, zoals "
        "een gesprek bij de koffie of een belletje achteraf. Vraag bij elk moment hoe het aan "
        "beide kanten voelde. Zo zie je waar de beelden uit elkaar liepen en welke informele "
        "contacten de relatie droegen, zodat je daar bewust ruimte voor maakt.",
        "Put a long strip of paper on the wall and let people from both sides mark the moments "
        "that mattered since the start: the planned milestones, and also the unplanned ones "
        "such as a chat over coffee or a call afterwards. Ask at each moment how it felt on "
        "either side. You see where the views drifted apart and which informal contacts "
        "carried the relationship, so you can make room for them deliberately.",
        ("perception_gap", "silence")),
    Intervention(
        "regular_contact", "Plan vaste contactmomenten", "Plan regular contact moments",
        "Stilte betekent zelden dat alles goed gaat. Spreek een licht ritme van contact af, "
        "bijvoorbeeld elke twee weken samen over de bouwplaats of een gedeelde werkdag op één "
        "locatie, en houd dat ook vast als er weinig te bespreken is. Leg bij die momenten vast "
        "wat er gebeurde, ook informele gesprekken, zodat het beeld voor beide kanten klopt.",
        "Silence rarely means that all is well. Agree a light rhythm of contact, such as a "
        "fortnightly walk over the site together or a shared working day at one location, and "
        "keep to it even when there is little to discuss. Use those moments to log what "
        "happened, informal talks included, so the picture stays true for both sides.",
        ("silence",)),
    Intervention(
        "stakeholder_map", "Breng de betrokkenen in kaart", "Map who is involved",
        "Teken iedereen die invloed heeft op het gezamenlijke resultaat op één vel, over beide "
        "organisaties heen en daarbuiten, en geef aan welke contactlijnen er nu zijn. Vraag waar "
        "meer contact zou versnellen of verrassingen zou voorkomen en wie welke lijn oppakt. "
        "Spreek af wie met wie praat vóór de volgende mijlpaal.",
        "Draw everyone who affects the joint result on one sheet, across both organisations "
        "and beyond, and mark the lines of contact that exist today. Ask where more contact "
        "would speed things up or prevent surprises, and who will take up which line. Agree "
        "who talks to whom before the next milestone.",
        ("silence",)),
)

# --- time_box_exceeded: an open issue is past the time box of its rung. --------------------------
ALL += (
    Intervention(
        "take_up_one_rung", "Til het een trede op, zoals afgesproken", "Take it up one rung as agreed",
        "De termijn op deze trede is verstreken: doe wat de ladder zegt en leg het issue samen voor "
        "aan de mensen op de volgende trede. Stuur een korte gezamenlijke notitie mee met de feiten "
        "waarover beide partijen het eens zijn, de vraag die openstaat en wat al geprobeerd is. Zo "
        "is omhoog gaan geen dreigement maar een afspraak die wordt nagekomen, en begint de "
        "volgende trede niet bij nul.",
        "The time box on this rung has run out: do what the ladder says and put the issue together "
        "to the people on the next rung. Send a short joint note with the facts both parties accept, "
        "the question still open and what has been tried. Going up is then not a threat but an "
        "agreement kept, and the next rung does not start from scratch.",
        ("time_box_exceeded",)),
    Intervention(
        "settle_at_level", "Regel het op dit niveau, met een datum",
        "Settle it at this level, with a date",
        "Als beide partijen denken dat het op deze trede op te lossen is, spreek dan een concrete "
        "datum af waarop het geregeld is, wie wat doet tot dan, en wat er gebeurt als het niet lukt. "
        "Leg dat vast als afspraak in de tracker, gekoppeld aan het issue, zodat de klok van de "
        "ladder en de nieuwe afspraak hetzelfde verhaal vertellen.",
        "When both parties believe it can be solved on this rung, agree a specific date by which it "
        "will be settled, who does what until then and what happens if it is not. Record that as an "
        "agreement in the tracker, linked to the issue, so the ladder's clock and the new agreement "
        "tell the same story.",
        ("time_box_exceeded",)),
)

_BY_KEY: dict[str, Intervention] = {i.key: i for i in ALL}
assert len(_BY_KEY) == len(ALL), "intervention keys must be unique"
assert all(set(i.signals) <= set(SIGNAL_CODES) for i in ALL)


def keys() -> tuple[str, ...]:
    """All intervention keys, in catalogue order."""
    return tuple(_BY_KEY)


def get(key: str) -> Intervention:
    """The intervention with ``key``; raises KeyError for an unknown key."""
    return _BY_KEY[key]


def for_signal(code: str) -> tuple[Intervention, ...]:
    """The interventions suggested for signal ``code`` (empty for an unknown code)."""
    return tuple(i for i in ALL if code in i.signals)


# --- Periodic instruments: next steps for the give_take_imbalance signal. -------
# Kept apart from ALL, whose entries map only to the six event signals; the imbalance flag
# suggests `person_to_person` from ALL plus these (`give_take.INTERVENTIONS`).
INSTRUMENT_SIGNAL_CODES: tuple[str, ...] = ("give_take_imbalance",)

INSTRUMENT_INTERVENTIONS: tuple[Intervention, ...] = (
    Intervention(
        "give_take_table", "Leg halen en brengen naast elkaar", "Lay give and take side by side",
        "Laat elke partij apart invullen wat zij zelf en wat de ander in geld, mensen, klanten, "
        "positie, invloed en kennis inbrengt en eruit haalt. Leg de vier lijstjes in een "
        "gezamenlijke sessie naast elkaar en bespreek vooral de plekken waar de schattingen "
        "uiteenlopen. Zo wordt zichtbaar wat elk als verlies of als winst ervaart, voordat "
        "iemand over een oplossing begint.",
        "Have each party note separately what it and what the other puts into and takes out of "
        "the partnership in money, people, customers, position, influence and knowledge. Lay "
        "the four lists side by side in a joint session and dwell on the places where the "
        "estimates differ. This shows what each experiences as a loss or a gain before anyone "
        "starts on a solution.",
        INSTRUMENT_SIGNAL_CODES),
    Intervention(
        "rebalance_contributions", "Herverdeel inbreng en opbrengst",
        "Rebalance contributions and returns",
        "Onderhandel openlijk over hoe het evenwicht terugkomt, met drie knoppen: de ambitie "
        "verbreden zodat er voor iedereen meer te halen valt, de inbreng anders verdelen, of de "
        "partij compenseren die het meest moet inleveren. Ga na of de partijen dit zelf kunnen "
        "of dat een derde, zoals een financier, moet aanschuiven. Leg de nieuwe verdeling vast "
        "en kijk er bij de volgende ronde samen op terug.",
        "Negotiate openly how balance returns, using three levers: widen the ambition so there "
        "is more for everyone to gain, share the contributions differently, or compensate the "
        "party that has to give up most. Check whether the parties can do this themselves or "
        "need a third party, such as a funder, at the table. Record the new arrangement and "
        "review it together at the next round.",
        INSTRUMENT_SIGNAL_CODES),
)
_INSTRUMENT_BY_KEY: dict[str, Intervention] = {i.key: i for i in INSTRUMENT_INTERVENTIONS}
assert not set(_INSTRUMENT_BY_KEY) & set(_BY_KEY), "instrument keys must not clash"


def lookup(key: str) -> Intervention:
    """Any intervention by key, from ALL or the instruments' list; KeyError if unknown."""
    return _BY_KEY[key] if key in _BY_KEY else _INSTRUMENT_BY_KEY[key]
