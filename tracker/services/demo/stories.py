"""Text templates for the demo data: Dutch titles and descriptions of everyday partnership events.

Each `Template` is one recognisable kind of event (a site meeting, a clause letter, an oral
agreement nobody wrote down, …) with a few wordings, the factors it usually touches and the
score values it gets, and its role in an issue chain ("open", "raise" or "resolve"). Slots in
braces are filled per project and per event by `tracker.services.demo.load`; a wording that starts
with "client:" or "contractor:" is only used when that side logs the event.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Template:
    """A kind of event with its wordings and typical scores (factor, possible values)."""

    kind: str
    steering: str
    titles: tuple[str, ...]
    descriptions: tuple[str, ...]
    scores: tuple[tuple[str, tuple[int, ...]], ...]
    pick: tuple[int, int] = (2, 3)
    planned: bool | None = None
    chain: str | None = None  # "open" an issue chain, "raise" it, "resolve" it (or "deescalate")
    tone: str = "neutral"


T = Template
POS, NEG, BLIND = "positive", "negative", "blind"

TEMPLATES: dict[str, Template] = {
    # --- working together well -------------------------------------------------------------
    "bouwteam": T("moment", "relational", (
        "Bouwteamoverleg: {topic} samen doorgenomen", "Wekelijks projectoverleg over {part}",
        "Werkvoorbereiding voor {part} gezamenlijk afgestemd", "Voortgangssessie met beide projectteams",
        "Planningsoverleg over {part}: knelpunten vooraf besproken"), (
        "Open gesprek; beide partijen legden hun zorgen over {topic} op tafel en spraken acties af.",
        "{person} gaf vroeg aan waar het risico zit bij {part}; de planning is daarop aangepast.",
        "Goed voorbereid van beide kanten. De actielijst lag dezelfde dag bij iedereen in de mail.",
        "Korte lijnen: vragen over {part} zijn direct aan tafel beantwoord."),
        (("p_openness", (1, 2)), ("p_competence", (1, 1, 2)), ("p_continuity", (1,)),
         ("s_procedures", (1,)), ("s_information", (1, 2))), planned=True, tone=POS),
    "coffee": T("moment", "relational", (
        "Kop koffie in de bouwkeet met {person}", "Telefoontje van {person} over {topic}",
        "Gesprek bij het bouwhek over {part}", "Spontaan overleg na de schouw van {part}",
        "Even bijgepraat met {person} tijdens de lunch"), (
        "Kort en informeel; {topic} bleek kleiner dan het op papier leek.",
        "{person} belde uit zichzelf om een probleem bij {part} te melden, nog voordat het in de rapportage stond.",
        "Niet gepland, wel waardevol: we weten nu wat er bij de ander speelt rond {topic}."),
        (("p_continuity", (1, 2)), ("p_openness", (1, 2)), ("p_benevolence", (1,))),
        pick=(1, 2), planned=False, tone=POS),
    "site_walk": T("moment", "relational", (
        "Gezamenlijke schouw van {part}", "Bouwplaatsbezoek met de omgevingsmanagers van beide partijen",
        "Veiligheidsronde bij {part} met beide partijen"), (
        "Samen over het werk gelopen; kwaliteit van {part} ziet er goed uit, twee kleine punten genoteerd.",
        "Open sfeer op de bouwplaats. Toezicht en uitvoering kijken met dezelfde bril naar de risico's."),
        (("p_competence", (1, 2)), ("s_monitoring", (1,)), ("p_continuity", (1,))), planned=True, tone=POS),
    "agreement": T("agreement", "relational", (
        "Afspraak over {topic}", "Samen oplossing gevonden voor {part}",
        "Werkwijze voor {topic} vastgelegd in gezamenlijke notitie",
        "Fasering van {part} in overleg aangepast"), (
        "Beide partijen gaven iets toe; de afspraak staat in het verslag en is door beide projectleiders bevestigd.",
        "{person} kwam met een alternatief dat voor beide partijen werkt.",
        "Uitgangspunt was wat voor het project het beste is, niet wie gelijk heeft."),
        (("p_benevolence", (1, 2)), ("p_reciprocity", (1, 2)), ("s_mandate", (1,)), ("s_information", (1,))),
        chain="resolve", tone=POS),
    "issue": T("issue", "relational", (
        "Afwijking in de maatvoering van {part} gesignaleerd", "Vraag over de uitvoering van {part}",
        "Onduidelijkheid in de vraagspecificatie over {part}", "Vertraging levering materiaal voor {part}",
        "Planning van {part} botst met {topic}"), (
        "Tijdig gemeld door {person}; samen bekijken we wat dit betekent voor {topic}.",
        "Nog geen oorzaak bekend. Afgesproken dat beide partijen hun gegevens delen.",
        "Klein punt, maar het raakt {part}; we houden het op de actielijst."),
        (("p_openness", (1, 1, 0, -1)), ("s_contract", (-1, 0)), ("s_information", (0, -1))), chain="open"),
    "change_request": T("issue", "mixed", (
        "Wijzigingsvoorstel voor {part} ingediend", "Verzoek tot wijziging (VTW) voor {part}",
        "Meerwerkverzoek voor {part}"), (
        "Ingediend volgens de wijzigingsprocedure, met kostenraming en gevolgen voor de planning.",
        "Onderbouwing volledig aangeleverd; beoordeling binnen {n} weken afgesproken."),
        (("s_procedures", (1, 0)), ("s_contract", (0, 1, -1)), ("p_openness", (1,))), chain="open"),
    "change_done": T("agreement", "contractual", (
        "VTW-procedure meerwerk bij {part} afgerond", "Wijzigingsopdracht voor {part} ondertekend",
        "Meerwerk bij {part} volgens contract verrekend"), (
        "De wijziging liep netjes via de procedure: voorstel, toets en akkoord binnen {n} weken.",
        "Prijs en planning in één keer akkoord; het contract gaf hier duidelijk houvast."),
        (("s_procedures", (1, 2)), ("s_finance", (1,)), ("s_contract", (1,)), ("p_integrity", (1,))),
        chain="resolve", tone=POS),
    "report": T("moment", "relational", (
        "Maandrapportage {month} op tijd en volledig", "Risicodossier gezamenlijk bijgewerkt",
        "Planning geactualiseerd en met beide teams gedeeld"), (
        "Registers, planning en risico's sluiten op elkaar aan; geen verrassingen.",
        "Iedereen werkt weer vanuit dezelfde versie van de planning."),
        (("s_information", (1, 2)), ("p_integrity", (1,)), ("s_procedures", (1,))), planned=True, tone=POS),
    "payment": T("agreement", "mixed", (
        "Termijnbetaling {n} volgens afspraak voldaan", "Bonus voor vervroegd afronden van {part} toegekend"), (
        "Betaling binnen de afgesproken termijn; de factuur hoefde niet te worden nagebeld.",
        "De prikkel in het contract werkt: beide partijen hebben er baat bij."),
        (("s_finance", (1, 2)), ("p_reciprocity", (1,))), pick=(1, 2), tone=POS),
    "ladder": T("escalation", "mixed", (
        "Knelpunt bij {part} via de escalatieladder naar {level_to}",
        "{topic}: besluit gevraagd aan {level_to}"), (
        "Zoals afgesproken in het escalatieprotocol; besluit binnen {n} dagen.",
        "Geen ruzie, wel een keuze die het projectteam zelf niet kan maken."),
        (("s_procedures", (1,)), ("p_openness", (0, 1, -1)), ("s_mandate", (1, 0))), pick=(1, 2), chain="raise"),
    "deescalation": T("agreement", "relational", (
        "De-escalatie: {topic} weer op projectniveau opgelost", "Knelpunt bij {part} in gezamenlijk overleg opgelost",
        "Geschil over {topic} in onderling overleg geschikt"), (
        "Na een goed gesprek terug naar de werkvloer; beide partijen leveren iets in.",
        "{person} stelde voor om eerst samen de feiten op een rij te zetten. Dat bleek genoeg."),
        (("p_benevolence", (2, 1)), ("p_reciprocity", (1, 2)), ("s_procedures", (1,))),
        chain="deescalate", tone=POS),
    # --- hardening ---------------------------------------------------------------------------
    "clause_letter": T("issue", "contractual", (
        "Brief met beroep op § {par} {contract} over {topic}", "Formele brief over {topic}",
        "Schriftelijke aanzegging: {topic} buiten de contractuele termijn", "Voorbehoud gemaakt bij akkoord op {part}"), (
        "In plaats van een telefoontje kwam er een aangetekende brief; {person} verwijst alleen nog naar het contract.",
        "De brief herhaalt standpunten uit het overleg, zonder voorstel voor een oplossing.",
        "Reactie binnen tien werkdagen gevraagd. Intern is de jurist ingeschakeld."),
        (("p_benevolence", (-1, -2)), ("p_openness", (-1,)), ("s_contract", (-1,)), ("p_integrity", (-1,))),
        pick=(2, 3), chain="open", tone=NEG),
    "default_notice": T("issue", "contractual", (
        "Ingebrekestelling over de vertraagde oplevering van {part}", "contractor:Ingebrekestelling ontvangen voor {part}",
        "client:Aanmaning tot nakoming verstuurd voor {part}", "Ingebrekestelling wegens tekortkomingen bij {part}"), (
        "Formeel in gebreke gesteld met een termijn van {n} weken. Er was vooraf geen gesprek over.",
        "De toon is hard; volgens {person} ligt de oorzaak volledig bij de andere partij."),
        (("p_integrity", (-2, -1)), ("p_benevolence", (-1, -2)), ("s_procedures", (-1,))), chain="open", tone=NEG),
    "claim": T("issue", "contractual", (
        "contractor:Claim meerkosten voor {part} ingediend: {amount}", "client:Claim ontvangen voor meerkosten bij {part}: {amount}",
        "Claim vertragingsschade rond {topic}: {amount}", "client:Schade bij {part} verhaald op de opdrachtnemer"), (
        "client:Onderbouwing volgt, meldt {person}. Intussen is de claim al bij de directie neergelegd.",
        "client:Het bedrag is niet eerder in het overleg genoemd.",
        "contractor:Ingediend na weken zonder reactie op onze meerkostenmelding.",
        "Beide partijen hebben hun juristen gevraagd de onderbouwing te toetsen."),
        (("s_finance", (-2, -1)), ("p_reciprocity", (-1, -2)), ("p_benevolence", (-1,))), chain="open", tone=NEG),
    "penalty": T("issue", "contractual", (
        "client:Boete opgelegd wegens vertraging bij {part}", "contractor:Boete ontvangen wegens vertraging bij {part}",
        "Korting op termijnbetaling voor {part}"), (
        "Zonder voorafgaand overleg ingehouden op de termijnbetaling.",
        "Volgens het contract terecht, maar het voelt als straf voor iets waar beide partijen een aandeel in hebben."),
        (("s_finance", (-2,)), ("p_reciprocity", (-1,)), ("p_benevolence", (-2, -1))), chain="open", tone=NEG),
    "nonconformity": T("issue", "contractual", (
        "Formele non-conformiteit bij {part}", "Afkeur van {part} na toetsing", "Tekortkoming geregistreerd bij {part}"), (
        "Geregistreerd in het kwaliteitssysteem; herstelplan binnen {n} dagen verlangd.",
        "Over de toetsingscriteria is geen overeenstemming; {person} houdt vast aan de letter van de eisen."),
        (("s_monitoring", (-1, -2)), ("p_competence", (-1,)), ("p_openness", (-1,))), chain="open", tone=NEG),
    "escalation": T("escalation", "contractual", (
        "Escalatie naar {level_to} over {topic}", "Geschil over {part} voorgelegd aan {level_to}",
        "Formele escalatie over {topic}"), (
        "Het projectteam komt er niet meer uit; beide partijen leggen hun standpunt schriftelijk vast.",
        "De stukken zijn door juristen opgesteld. Een gesprek op de werkvloer zit er voorlopig niet in."),
        (("p_openness", (-1,)), ("p_integrity", (-1, -2)), ("p_benevolence", (-1,)), ("s_procedures", (-1, 0))),
        chain="raise", tone=NEG),
    "tense_meeting": T("moment", "mixed", (
        "Gespannen bouwvergadering over {topic}", "Overleg over {part} eindigt zonder afspraken",
        "Projectoverleg met juristen aan tafel"), (
        "Iedereen blijft in zijn eigen gelijk. Het verslag wordt door beide partijen anders gelezen.",
        "{person} liet weten dat elke toezegging voortaan schriftelijk moet."),
        (("p_openness", (-1, -2)), ("p_benevolence", (-1,)), ("p_continuity", (-1,))), planned=True, tone=NEG),
    "tight_monitoring": T("issue", "mixed", (
        "Extra steekproeven op {part} aangekondigd", "Toetsingsplan aangescherpt na discussie over {topic}",
        "Alle werkbonnen voor {part} worden voortaan dubbel gecontroleerd"), (
        "Meer controle dan het risico rechtvaardigt; het wordt ervaren als wantrouwen.",
        "Aangekondigd per brief, zonder toelichting in het overleg."),
        (("s_monitoring", (-1, -2)), ("p_integrity", (-1,))), pick=(1, 2), chain="open", tone=NEG),
    # --- blind trust -------------------------------------------------------------------------
    "oral_deal": T("agreement", "relational", (
        "Mondeling akkoord over {topic}", "Afspraak met {person} op de bouwplaats: {part} anders uitvoeren",
        "Handdrukafspraak over meerwerk bij {part}"), (
        "Snel geregeld, goede sfeer. Niet in het wijzigingenregister gezet: dat komt later wel.",
        "We kennen elkaar al jaren, dus op papier zetten voelde overbodig."),
        (("p_benevolence", (2,)), ("p_continuity", (2, 1)), ("p_reciprocity", (2, 1)),
         ("s_information", (-1,)), ("s_contract", (-1, 0))), pick=(3, 4), tone=BLIND),
    "blind_meeting": T("moment", "relational", (
        "Projectoverleg in goede sfeer; geen verslag gemaakt", "Bouwteamoverleg over {part}: vertrouwen uitgesproken",
        "Wekelijks overleg over {topic}, actiepunten niet vastgelegd"), (
        "Prettig overleg. Wie wat doet, is niet opgeschreven; iedereen weet het toch?",
        "{person} zei het treffend: bij ons is een woord een woord."),
        (("p_continuity", (2,)), ("p_openness", (1, 2)), ("s_information", (-1, -2, 1))), pick=(2, 3),
        planned=True, tone=BLIND),
    "blind_coffee": T("moment", "relational", (
        "Lunch met {person} na de oplevering van {part}", "Even bellen met {person} over {topic}",
        "Borrel met beide teams na afronding van {part}"), (
        "Hartelijk en persoonlijk; over de inhoud weinig afgesproken.",
        "Goed om elkaar buiten het werk te spreken."),
        (("p_continuity", (2,)), ("p_benevolence", (2, 1))), pick=(1, 2), planned=False, tone=BLIND),
    "blind_register": T("issue", "relational", (
        "Wijzigingenregister al {n} weken niet bijgewerkt", "Meerwerk bij {part} nergens vastgelegd",
        "Verslag van het bouwteam ontbreekt al {n} weken"), (
        "Niemand voelt zich eigenaar van het register; de afspraken zitten in de hoofden van twee mensen.",
        "Bij navraag weet niemand meer precies wat er over {part} is afgesproken."),
        (("s_information", (-2, -1)), ("s_procedures", (-1,)), ("p_integrity", (1, 1, -1))), pick=(2, 3), tone=BLIND),
    "blind_mandate": T("issue", "relational", (
        "Afspraak over {topic} niet gedekt door de eigen directie", "Directie kent toezegging over {part} niet",
        "Budgethouder niet betrokken bij besluit over {part}"), (
        "De projectleiders vertrouwen elkaar volledig, maar hun organisaties zijn niet meegenomen.",
        "{person} bedoelde het goed, maar had geen mandaat voor deze toezegging."),
        (("s_mandate", (-2, -1)), ("s_finance", (-1, 0)), ("p_benevolence", (1,))), pick=(2, 3), tone=BLIND),
    "blind_monitoring": T("moment", "relational", (
        "Toetsing van {part} overgeslagen: jullie weten wat je doet", "Geen steekproeven meer op {part}",
        "Oplevering van {part} zonder controle afgetekend"), (
        "Uit vertrouwen is de controle losgelaten; niemand heeft vastgelegd waarom dat verantwoord is.",
        "Prettig voor de voortgang, maar de borging is weg."),
        (("s_monitoring", (-1, -2)), ("p_competence", (2, 1))), pick=(2, 2), planned=False, tone=BLIND),
    "blind_gift": T("agreement", "relational", (
        "client:{person} regelt extra ploeg voor {part} zonder meerwerk",
        "contractor:Extra ploeg ingezet voor {part} zonder meerwerk te rekenen", "Kosteloos meegedacht over {topic}"), (
        "Gedaan uit goede wil; een vergelijkbare wens van ons wordt straks vast ook gehonoreerd.",
        "Mooi gebaar. Hoe dit zich verhoudt tot het contract, is niet besproken."),
        (("p_reciprocity", (2,)), ("p_benevolence", (2,)), ("s_finance", (-1, 0))), pick=(2, 3), tone=BLIND),
    # --- recovery ----------------------------------------------------------------------------
    "pair_work": T("moment", "relational", (
        "Koppelwerk: {self_person} en {person} samen aan {part}", "Duo's van beide partijen pakken {topic} op",
        "Gezamenlijke werksessie ontwerp {part}"), (
        "Samen aan één tekening in plaats van over en weer mailen; twee open punten direct opgelost.",
        "De duo's rapporteren samen in het bouwteam. Dat scheelt discussie achteraf."),
        (("p_competence", (1, 2)), ("p_openness", (2, 1)), ("p_continuity", (1,)), ("s_information", (1,))),
        planned=True, tone=POS),
}

CLOSINGS = {
    POS: ("Volgende stap: uitwerking door de werkvoorbereiders.", "Beide projectleiders tevreden.",
          "Actiepunten staan in het gedeelde verslag.", ""),
    NEG: ("De sfeer in het team lijdt eronder.", "Op de bouwplaats wordt er inmiddels over gesproken.",
          "Het projectteam vreest voor de planning.", ""),
    "neutral": ("Wordt opgepakt in het volgende bouwteamoverleg.", "", ""),
    BLIND: ("Niemand heeft het opgeschreven.", "Iedereen ging met een goed gevoel naar huis.",
            "Dat regelen we later wel, was de afspraak.", ""),
}

LEVEL_TO = {1: "de projectmanagers", 2: "de projectdirecteuren", 3: "directieniveau",
            4: "een onafhankelijke deskundige", 5: "bindend advies", 6: "de arbitragecommissie"}

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")


# ------------------------------------------------------------------------------ the portfolio
@dataclass(frozen=True)
class Phase:
    """A stretch of a project (days before today) with its event rate and mix of templates."""

    start: int
    end: int
    per_month: float
    mix: dict[str, float]
    levels: tuple[int, int] = (1, 2)


@dataclass(frozen=True)
class Moment:
    """A scripted event that carries the story; `label`/`link` tie escalations and agreements."""

    days_ago: int
    template: str
    side: str
    title: str
    description: str = ""
    label: str | None = None
    link: str | None = None
    level: int | None = None
    scores: tuple[tuple[str, int], ...] | None = None


@dataclass(frozen=True)
class Story:
    """One demo project: who, what, and how the relationship develops."""

    code: str
    name: str
    description: str
    contract_form: str
    phase: str
    client: str
    contractor: str
    start_days_ago: int
    contract: str
    parts: tuple[str, ...]
    topics: tuple[str, ...]
    client_people: tuple[str, ...]
    contractor_people: tuple[str, ...]
    phases: tuple[Phase, ...]
    moments: tuple[Moment, ...] = ()
    interventions: tuple[tuple[str, int, str], ...] = ()  # (key, days ago, note)


PROVINCE, RIJK, WATERBOARD, MUNICIPALITY = (
    "Provincie Noordholt", "Rijksdienst Water en Wegen, regio Oost", "Waterschap De Lage Venen",
    "Gemeente Bergvliet")
WEGBOUW, DELTAVELD, KANAALZONE, LINDEWAARD, STROOMLIJN, SAMENSPEL = (
    "Wegbouw Noordvliet", "Infracombinatie Deltaveld", "Bouwcombinatie Kanaalzone", "Civiel Werk Lindewaard",
    "Ingenieursbureau Stroomlijn", "Procesbureau Samenspel")
ORGANISATIONS = (PROVINCE, RIJK, WATERBOARD, MUNICIPALITY, WEGBOUW, DELTAVELD, KANAALZONE, LINDEWAARD,
                 STROOMLIJN, SAMENSPEL)

HEALTHY = Story(
    "N712", "Reconstructie N712 Haarzicht–Molenbeek",
    "Verbreding en verkeersveilig maken van de provinciale weg, met twee rotondes en een vrijliggend fietspad.",
    "uav_gc", "working", PROVINCE, WEGBOUW, 390, "UAV-GC 2005",
    ("de rotonde Molenbeek", "het fietspad langs de N712", "de duiker bij de Haarzichterwetering",
     "de asfaltdeklaag van vak 3", "de bushalte Dorpsstraat", "de verkeerslichten bij de Zandweg",
     "de bermverharding"),
    ("de verkeersmaatregelen", "de omleidingsroute", "de planning van de asfaltwerkzaamheden",
     "de bereikbaarheid voor aanwonenden", "de kabels en leidingen", "het bomenplan"),
    ("Marieke de Vries", "Pieter van Dam", "omgevingsmanager Lotte Brouwer"),
    ("Sanne Jansen", "uitvoerder Kees Dekker", "werkvoorbereider Yusuf Demir"),
    (Phase(368, 0, 8, {"bouwteam": 3, "coffee": 2, "site_walk": 1, "agreement": 2, "issue": 2,
                         "change_request": 1.6, "change_done": 1.6, "report": 1, "payment": 1,
                         "ladder": 0.3, "deescalation": 0.3, "clause_letter": 0.3, "tense_meeting": 0.3,
                         "nonconformity": 0.2}, levels=(1, 2)),),
    (Moment(372, "bouwteam", "client", "Startbijeenkomst en gezamenlijke teamdag",
            "Beide teams stelden samen de projectdoelen en de escalatieladder vast. Veel energie in de zaal.",
            scores=(("p_continuity", 2), ("p_openness", 2), ("s_procedures", 1))),
     Moment(205, "agreement", "contractor", "Fietspad twee weken eerder open dan gepland",
            "Door slim faseren samen met de provincie kon het fietspad eerder open. Aanwonenden zijn blij.",
            scores=(("p_reciprocity", 2), ("p_benevolence", 1), ("s_mandate", 1))),
     Moment(96, "bouwteam", "client", "Intervisie: wat ging er goed bij de rotonde Molenbeek?",
            "Samen teruggekeken op de oplevering van de rotonde: wat deden we daar goed en hoe houden we dat vast?",
            scores=(("p_competence", 2), ("p_openness", 1))),
     Moment(18, "report", "contractor", "Tussentijdse evaluatie samenwerking: beide partijen positief",
            "De samenwerkingsscan laat op bijna alle factoren een voldoende zien; aandachtspunt is de informatievoorziening.",
            scores=(("p_integrity", 1), ("s_information", 1), ("s_procedures", 1)))),
)

SPIRAL = Story(
    "VIADUCT-KZW", "Vervanging viaduct Keizersweg",
    "Sloop van het oude viaduct en bouw van een nieuw viaduct met tijdelijke verkeersbrug, onder verkeer.",
    "uav_gc", "working", PROVINCE, DELTAVELD, 380, "UAV-GC 2005",
    ("het viaduct Keizersweg", "de damwand bij landhoofd zuid", "de voorbelasting oostzijde",
     "de tijdelijke verkeersbrug", "de liggers", "het geluidsscherm", "de fundering van steunpunt 2"),
    ("de termijnverlenging", "de verkeersmaatregelen", "de kabels en leidingen", "het meerwerk damwand",
     "de planning van de stremming", "de vergunning voor de tijdelijke brug"),
    ("Marieke de Vries", "Pieter van Dam", "contractmanager Ahmed Yilmaz"),
    ("Jeroen Bakker", "projectleider Wim Kuipers", "ontwerpleider Thijs de Boer"),
    (Phase(362, 200, 7, {"bouwteam": 3, "coffee": 2, "agreement": 2, "issue": 2, "change_request": 1,
                         "change_done": 1, "report": 1, "site_walk": 1}),
     Phase(200, 90, 8, {"bouwteam": 2, "issue": 2, "change_request": 2, "clause_letter": 2,
                        "tense_meeting": 1, "agreement": 2, "coffee": 1, "tight_monitoring": 1}),
     Phase(90, 0, 10, {"clause_letter": 3, "default_notice": 2, "claim": 2, "escalation": 3,
                       "tense_meeting": 2, "nonconformity": 1, "penalty": 1, "tight_monitoring": 1,
                       "bouwteam": 1, "issue": 1}, levels=(2, 4))),
    (Moment(365, "bouwteam", "contractor", "Startbijeenkomst: gezamenlijke ambitie voor het viaduct",
            "Ambitie uitgesproken om het viaduct zonder verrassingen voor de weggebruiker te vervangen.",
            scores=(("p_continuity", 2), ("p_openness", 2), ("s_contract", 1))),
     Moment(190, "clause_letter", "client", "Eerste brief met beroep op het contract over de planning",
            "Tot nu toe ging alles via het bouwteam. Deze keer een brief, met kopie aan de directie."),
     Moment(150, "coffee", "client", "Projectleider opdrachtnemer vertrekt; opvolger nog onbekend",
            "Onze vaste gesprekspartner vertrekt naar een ander project. De overdracht is niet geregeld.",
            scores=(("p_continuity", -2), ("p_openness", -1))),
     Moment(82, "default_notice", "client", "Ingebrekestelling over vertraagde oplevering viaduct",
            "De opdrachtnemer is formeel in gebreke gesteld; de mijlpaal van de oplevering is ruim overschreden.",
            label="notice"),
     Moment(73, "escalation", "contractor", "Escalatie naar projectdirecteuren over oplevering viaduct",
            "Wij vinden de ingebrekestelling onterecht: de vertraging komt door de late vergunning.",
            label="esc2", link="notice", level=2),
     Moment(51, "escalation", "client", "Geschil over termijnverlenging naar directieniveau",
            "De projectdirecteuren kwamen er niet uit. Het dossier gaat naar de directies van beide organisaties.",
            label="esc3", link="esc2", level=3),
     Moment(31, "claim", "contractor", "Claim vertragingskosten damwand: € 386.000",
            "Claim voor stilstand en extra materieel bij de damwand, met verwijzing naar de late vergunning."),
     Moment(17, "escalation", "client", "Geschil voorgelegd aan deskundige voor niet-bindend advies",
            "Partijen vragen een onafhankelijke deskundige om advies over de termijnverlenging.",
            link="esc3", level=4),
     Moment(8, "clause_letter", "contractor", "VTW-procedure meerwerk damwand stilgelegd",
            "Beide partijen wachten op het advies; ondertussen ligt de beoordeling van het meerwerk stil.")),
)

BLIND = Story(
    "DIJK-LV", "Dijkversterking De Lage Venen",
    "Versterking van vier kilometer regionale kering met een kwelscherm en een nieuwe steenbekleding.",
    "uav_2012", "working", WATERBOARD, KANAALZONE, 400, "UAV 2012",
    ("dijkvak 4", "het kwelscherm", "het gemaal De Venen", "de steenbekleding", "het onderhoudspad",
     "de binnenberm", "de kabelkruising bij de Veenweg"),
    ("het meerwerk kwelscherm", "de grondbalans", "de planning van het broedseizoen",
     "de afspraken met de aanwonenden", "de keuze voor de damwandlengte"),
    ("Henk Visser", "dijkbeheerder Gerrit Postma", "toezichthouder Nadia Bouzid"),
    ("Anouk Smit", "uitvoerder Bart Hoekstra", "werkvoorbereider Romy van der Linden"),
    (Phase(382, 0, 6, {"oral_deal": 3, "blind_meeting": 3, "blind_coffee": 2, "blind_register": 2,
                         "blind_mandate": 1, "blind_monitoring": 1.2, "blind_gift": 1.2}),),
    (Moment(388, "blind_meeting", "client", "Startoverleg: we kennen elkaar al twintig jaar",
            "Het contract gaat de la in, zeiden beide projectleiders. Dat werkt al jaren zo.",
            scores=(("p_continuity", 2), ("p_benevolence", 2))),
     Moment(300, "change_request", "contractor", "Formeel wijzigingsvoorstel kabelkruising Veenweg",
            "Het enige formele wijzigingsvoorstel tot nu toe; de rest is mondeling geregeld.",
            scores=(("s_procedures", 1), ("p_openness", 1))),
     Moment(120, "blind_register", "client", "Wijzigingenregister loopt een half jaar achter",
            "Bij de kwartaalrapportage bleek dat ruim twintig afspraken nergens zijn vastgelegd.",
            scores=(("s_information", -2), ("s_procedures", -1), ("p_integrity", 1))),
     Moment(38, "blind_mandate", "client", "Directie vraagt onderbouwing meerwerk kwelscherm; niets vastgelegd",
            "Het dagelijks bestuur wil weten waarop het meerwerk is gebaseerd. Er is alleen een mondelinge afspraak.",
            scores=(("s_mandate", -2), ("s_information", -2), ("p_benevolence", 1)))),
)

RECOVERY = Story(
    "SLUIS-OSW", "Renovatie sluiscomplex Ossenwaard",
    "Renovatie van de schutsluis met nieuwe deuren, bediening op afstand en herstel van de kolkwanden.",
    "nec", "working", RIJK, DELTAVELD, 395, "NEC4",
    ("de sluisdeuren", "de kolkwand", "de bediening en besturing", "het remmingwerk",
     "de noodstroomvoorziening", "de bovenhoofdconstructie"),
    ("het stremmingsvenster voor de scheepvaart", "de lekkage aan de kolkwand", "de testprocedure",
     "de afhandeling van compensation events", "de risicoreservering", "de vergunning voor de bemaling"),
    ("Fatima El Amrani", "contractmanager Ruben Vos", "assetmanager Joyce Meijer"),
    ("Jeroen Bakker", "projectleider Daan Verhoeven", "ontwerper Lisa Kok"),
    (Phase(385, 250, 7, {"bouwteam": 2, "issue": 2, "change_request": 2, "clause_letter": 1, "agreement": 1,
                         "coffee": 1, "tense_meeting": 1, "report": 1}),
     Phase(250, 128, 10, {"clause_letter": 3, "claim": 2, "escalation": 3, "tense_meeting": 2,
                          "default_notice": 1, "nonconformity": 1, "bouwteam": 1, "issue": 1}, levels=(2, 3)),
     Phase(112, 0, 9, {"pair_work": 3, "bouwteam": 3, "coffee": 2, "agreement": 2, "deescalation": 2.5,
                          "change_done": 1, "change_request": 1, "report": 1, "site_walk": 1,
                          "issue": 1, "clause_letter": 0.3})),
    (Moment(242, "issue", "client", "Lekkage kolkwand: partijen oneens over de oorzaak",
            "Volgens de opdrachtnemer is het een bestaand gebrek, volgens ons een uitvoeringsfout.",
            label="leak", scores=(("s_contract", -1), ("p_openness", -1))),
     Moment(226, "escalation", "contractor", "Escalatie lekkage kolkwand naar projectdirecteuren",
            "Het compensation event is afgewezen; wij leggen het voor aan de projectdirecteuren.",
            label="leak2", link="leak", level=2),
     Moment(203, "escalation", "client", "Geschil kolkwand naar directieniveau",
            "Ook de projectdirecteuren komen er niet uit. Beide directies zijn ingelicht.",
            label="leak3", link="leak2", level=3),
     Moment(181, "claim", "contractor", "Claim meerkosten noodstroomvoorziening: € 212.500",
            "Claim voor de extra aggregaten tijdens de verlengde stremming.", label="power"),
     Moment(130, "bouwteam", "contractor", "Keukentafelgesprek projectdirecteuren",
            "Zonder stukken en zonder juristen: wat willen we met dit project, en wat kost de ruzie ons allebei?",
            scores=(("p_openness", 2), ("p_benevolence", 1), ("p_continuity", 1))),
     Moment(122, "bouwteam", "client", "Gezamenlijke tijdlijnsessie met beide projectteams",
            "Onder begeleiding van de procescoach tekenden beide teams de tijdlijn van het project, inclusief de "
            "ongeplande momenten. Voor het eerst werd hardop gezegd wat de brieven met de relatie hebben gedaan.",
            scores=(("p_openness", 2), ("p_benevolence", 2), ("s_information", 1))),
     Moment(115, "pair_work", "contractor", "Start koppelwerk: ontwerpers van beide partijen samen aan de besturing",
            "Vaste duo's van opdrachtgever en opdrachtnemer werken voortaan samen aan de lastigste onderdelen.",
            scores=(("p_competence", 2), ("p_openness", 2))),
     Moment(104, "deescalation", "client", "De-escalatie: geschil kolkwand terug naar projectniveau",
            "Afgesproken om de oorzaak samen te laten onderzoeken en de kosten te delen. Directies akkoord.",
            link="leak3", scores=(("p_benevolence", 2), ("p_reciprocity", 2), ("s_procedures", 1))),
     Moment(62, "agreement", "contractor", "Afspraak: risicodossier voortaan maandelijks samen doorlopen",
            "Risico's worden niet meer per brief gemeld maar samen besproken en beprijsd.",
            scores=(("s_information", 2), ("p_openness", 1), ("s_procedures", 1))),
     Moment(34, "deescalation", "client", "De-escalatie: claim noodstroomvoorziening in onderling overleg geschikt",
            "Claim geschikt voor een gedeeld bedrag; beide partijen trekken hun voorbehouden in.",
            link="power", scores=(("p_reciprocity", 2), ("s_finance", 1), ("p_integrity", 1)))),
    (("joint_timeline", 122, "Tijdlijnsessie met beide projectteams, begeleid door de procescoach."),
     ("work_in_pairs", 115, "Vaste duo's op bediening en besturing en op de kolkwand.")),
)

QUIET = Story(
    "CENTRUM-BV", "Herinrichting centrum Bergvliet",
    "Nieuwe bestrating, riolering en groen in het dorpscentrum, in fasen rond de weekmarkt.",
    "uav_2012", "working", MUNICIPALITY, LINDEWAARD, 310, "UAV 2012",
    ("het Marktplein", "de riolering in de Kerkstraat", "de bestrating van de Molenstraat",
     "de nieuwe bomen", "de ondergrondse containers"),
    ("de bereikbaarheid van de winkels", "de weekmarkt", "de fasering", "de bewonersavond"),
    ("Ruud Hendriks", "wethouder Carla Peters"),
    ("Eva Mulder", "uitvoerder Stefan de Graaf"),
    (Phase(300, 64, 5, {"bouwteam": 2, "coffee": 1, "issue": 2, "change_request": 1, "change_done": 1,
                        "agreement": 2, "report": 1, "clause_letter": 0.3}),),
    (Moment(62, "agreement", "client", "Oplevering eerste fase Marktplein",
            "Eerste fase opgeleverd; de volgende fase start na de zomerstop.",
            scores=(("p_competence", 1), ("s_procedures", 1))),),
)

STORIES = (HEALTHY, SPIRAL, BLIND, RECOVERY, QUIET)

# (e-mail, name, organisation, is admin, seats: (project code, side, role) …, note for the login table)
USERS = (
    ("marieke.devries@noordholt.example", "Marieke de Vries", PROVINCE, False,
     (("N712", "client", "manager"), ("VIADUCT-KZW", "client", "manager")), "client manager"),
    ("jeroen.bakker@deltaveld.example", "Jeroen Bakker", DELTAVELD, False,
     (("VIADUCT-KZW", "contractor", "manager"), ("SLUIS-OSW", "contractor", "manager")), "contractor manager"),
    ("ingrid.bos@samenspel.example", "Ingrid Bos", SAMENSPEL, False,
     tuple((s.code, "coach", "member") for s in STORIES), "process coach (all projects)"),
    ("pieter.vandam@noordholt.example", "Pieter van Dam", PROVINCE, False,
     (("N712", "client", "member"), ("VIADUCT-KZW", "client", "member")), "read-only member"),
    ("beheer@tracker.example", "Kees Willems", None, True, (), "administrator"),
    ("sanne.jansen@wegbouw-noordvliet.example", "Sanne Jansen", WEGBOUW, False,
     (("N712", "contractor", "manager"),), "contractor manager"),
    ("henk.visser@lagevenen.example", "Henk Visser", WATERBOARD, False,
     (("DIJK-LV", "client", "manager"),), "client manager"),
    ("anouk.smit@kanaalzone.example", "Anouk Smit", KANAALZONE, False,
     (("DIJK-LV", "contractor", "manager"),), "contractor manager"),
    ("fatima.elamrani@rww-oost.example", "Fatima El Amrani", RIJK, False,
     (("SLUIS-OSW", "client", "manager"),), "client manager"),
    ("ruud.hendriks@bergvliet.example", "Ruud Hendriks", MUNICIPALITY, False,
     (("CENTRUM-BV", "client", "manager"),), "client manager"),
    ("eva.mulder@lindewaard.example", "Eva Mulder", LINDEWAARD, False,
     (("CENTRUM-BV", "contractor", "manager"),), "contractor manager"),
    ("thijs.deboer@stroomlijn.example", "Thijs de Boer", STROOMLIJN, False,
     (("VIADUCT-KZW", "contractor", "member"),), "read-only member (design partner)"),
)
