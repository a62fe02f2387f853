"""The demo's escalation ladders and actions: what the parties agreed and what they follow up.

Two projects agreed a ladder with time boxes at their start (the hardening spiral's issues run
past them), the recovering project agreed one lately, the blind-trust project never wrote one down, and on the quiet project the client
has proposed one that waits for the contractor. Actions: the recovery's two interventions (done,
so "did it help?" has something to show) and open, partly overdue actions on the spiral.
"""
from datetime import date, datetime, time, timedelta

from tracker.domain.ladder import default_ladder
from tracker.extensions import db
from tracker.models import Action, ActionStatus, LadderStatus, LadderVersion, Project, User
from tracker.services.ladder.queries import to_levels

BOXES = {1: 42, 2: 28, 3: 28, 4: 60, 5: 90}  # level 0 is "logged, not escalated": no clock
WHO = {0: ("projectteam", "projectteam"), 1: ("projectmanager", "projectmanager"),
       2: ("afdelingshoofd projecten", "projectdirecteur"), 3: ("directeur", "directie"),
       4: ("mediator, samen gekozen", "mediator, samen gekozen"),
       5: ("adjudicator (fast-track)", "adjudicator (fast-track)"), 6: ("rechter", "rechter")}
AGREED = {"N712": 360, "VIADUCT-KZW": 355}
RECOVERY = {"SLUIS-OSW": 10}  # agreed after the turnaround, with room to settle what was left open
PROPOSED = {"CENTRUM-BV": 20}


def add_ladders(project: Project, authors: dict[str, User], today: date) -> None:
    """The project's ladder as its story has it (agreed, proposed or none)."""
    levels = to_levels(default_ladder(WHO, BOXES))
    client, contractor = authors.get("client"), authors.get("contractor")
    if project.code in AGREED:
        agreed = today - timedelta(days=AGREED[project.code])
        db.session.add(LadderVersion(project_id=project.id, status=LadderStatus.ACCEPTED, levels=levels,
                                     proposed_side="contractor", proposed_by_id=_id(contractor),
                                     proposed_at=_at(agreed - timedelta(days=4)), decided_at=_at(agreed),
                                     decided_by_id=_id(client), agreed_on=agreed,
                                     note="Zoals besproken op de startbijeenkomst."))
    elif project.code in RECOVERY:
        generous = to_levels(default_ladder(WHO, {lv: 60 for lv in range(1, 6)}))
        agreed = today - timedelta(days=RECOVERY[project.code])
        db.session.add(LadderVersion(project_id=project.id, status=LadderStatus.ACCEPTED, levels=generous,
                                     proposed_side="client", proposed_by_id=_id(client),
                                     proposed_at=_at(agreed - timedelta(days=3)), decided_at=_at(agreed),
                                     decided_by_id=_id(contractor), agreed_on=agreed,
                                     note="Afgesproken na de tijdlijnsessie."))
    elif project.code in PROPOSED:
        db.session.add(LadderVersion(project_id=project.id, status=LadderStatus.PROPOSED, levels=levels,
                                     proposed_side="client", proposed_by_id=_id(client),
                                     proposed_at=_at(today - timedelta(days=PROPOSED[project.code])),
                                     note="Voorstel: dezelfde termijnen als bij de N712."))


def add_actions(project: Project, authors: dict[str, User], interventions, day, today: date) -> None:
    """The story's interventions as done actions, and open actions on the hardening spiral."""
    coach = authors.get("coach")
    for n, (key, days_ago, note) in enumerate(interventions):
        started = day(days_ago)
        db.session.add(Action(project_id=project.id, intervention_key=key, signal_code="crowding_out",
                              owner_id=_id(coach), created_by_id=_id(coach), created_on=started,
                              due_on=started + timedelta(days=28), status=ActionStatus.DONE,
                              closed_on=started + timedelta(days=21 + 14 * n), notes=note))
    if project.code == "VIADUCT-KZW":
        for key, signal, owner, created, due, title in (
                ("ugly_picture", "crowding_out", coach, 20, -6, ""),
                ("take_up_one_rung", "time_box_exceeded", authors.get("client"), 9, 5,
                 "Damwand-meerwerk samen voorleggen aan de directeuren"),
                (None, None, authors.get("contractor"), 12, 16, "Gezamenlijke feitenlijst stremmingsplanning")):
            db.session.add(Action(project_id=project.id, intervention_key=key, signal_code=signal,
                                  title=title, owner_id=_id(owner), created_by_id=_id(coach),
                                  created_on=today - timedelta(days=created),
                                  due_on=today + timedelta(days=due), status=ActionStatus.OPEN))


def _at(day: date) -> datetime:
    """Ten in the morning of ``day`` (when the demo's ladder versions were proposed or answered)."""
    return datetime.combine(day, time(10, 0))


def _id(user: User | None) -> int | None:
    return user.id if user else None
