"""Reading a project's ladder: the accepted versions, the one in force, pending proposals, the JSON.

Reusable read functions (no writes): `ladder_history`, `ladder_in_force`, `ladder_json`,
`versions`, `pending_proposal`, `configured_default`.
"""
from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from sqlalchemy import select

from tracker.domain.ladder import Ladder, LadderHistory, Rung, default_ladder, parse_ladder
from tracker.extensions import db
from tracker.models import LadderStatus, LadderVersion, Project, User


def configured_default() -> Ladder:
    """The ladder a new project starts from: the ESCALATION_LADDER config, or the shipped default."""
    data = current_app.config.get("ESCALATION_LADDER")
    if not data:
        return default_ladder()
    ladder, errors = parse_ladder(data)
    if ladder is None:
        raise ValueError("ESCALATION_LADDER: " + "; ".join(errors))
    return ladder


def to_levels(ladder: Ladder) -> list[dict]:
    """The rungs as stored in `LadderVersion.levels` (names in both languages)."""
    return [{"level": r.level, "name": {"nl": r.name_nl, "en": r.name_en}, "client": r.client,
             "contractor": r.contractor, "time_box_days": r.time_box_days} for r in ladder.rungs]


def from_levels(levels: list[dict], agreed_on: date | None = None) -> Ladder:
    """A stored version's rungs as a domain `Ladder`."""
    return Ladder(tuple(Rung(item["level"], item["name"]["nl"], item["name"]["en"], item.get("client", ""),
                             item.get("contractor", ""), item.get("time_box_days"))
                        for item in sorted(levels, key=lambda i: i["level"])), agreed_on)


def ladder_history(project_id: int) -> LadderHistory:
    """Every accepted version of the project's ladder, each applying from its acceptance date."""
    rows = db.session.execute(select(LadderVersion.levels, LadderVersion.agreed_on).where(
        LadderVersion.project_id == project_id, LadderVersion.status == LadderStatus.ACCEPTED)
        .order_by(LadderVersion.agreed_on, LadderVersion.decided_at, LadderVersion.id)).all()
    return LadderHistory(tuple(from_levels(levels, agreed) for levels, agreed in rows))


def ladder_in_force(project_id: int, as_of: date | None = None) -> Ladder:
    """The ladder that applies on ``as_of`` (today): the latest accepted version, else the default."""
    as_of = as_of or date.today()
    history = ladder_history(project_id)
    current = history.at(as_of)
    return current if current.agreed_on is not None else configured_default()


def ladder_json(project: Project, as_of: date | None = None, lang: str = "en") -> dict:
    """``{"project", "agreed_on", "levels": [...]}`` as the command line (and the API) prints it."""
    return ladder_in_force(project.id, as_of).to_json(project.code, lang)


@dataclass(frozen=True)
class VersionView:
    """One version of the ladder for the page: status, who and when, and its rungs."""

    id: int
    status: str
    ladder: Ladder
    proposed_side: str
    proposed_by: str | None
    proposed_at: datetime
    note: str
    decided_by: str | None
    decided_at: datetime | None
    agreed_on: date | None
    reason: str


def versions(project_id: int) -> list[VersionView]:
    """Every version of the project's ladder, newest first."""
    proposer = db.aliased(User)
    decider = db.aliased(User)
    rows = db.session.execute(
        select(LadderVersion, proposer.name, decider.name)
        .outerjoin(proposer, proposer.id == LadderVersion.proposed_by_id)
        .outerjoin(decider, decider.id == LadderVersion.decided_by_id)
        .where(LadderVersion.project_id == project_id)
        .order_by(LadderVersion.proposed_at.desc(), LadderVersion.id.desc())).all()
    return [VersionView(v.id, v.status.value, from_levels(v.levels, v.agreed_on), v.proposed_side, by,
                        v.proposed_at, v.note, decided, v.decided_at, v.agreed_on, v.reason)
            for v, by, decided in rows]


def pending_proposal(project_id: int) -> VersionView | None:
    """The proposal waiting for the other side, if any (there is at most one)."""
    return next((v for v in versions(project_id) if v.status == LadderStatus.PROPOSED.value), None)
