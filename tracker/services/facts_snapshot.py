"""The stored facts snapshot of a project: one JSON row instead of every event row.

Encoding keeps what `EventFacts` holds, with scores as (factor id, value) pairs so factor keys
and dimensions are looked up fresh on every read, as `load_facts` does. The row is a cache:
reading treats anything it cannot decode as absent, and writing gives up quietly when the
database is busy or full, because the page can always read the events instead.
"""
import json
import logging
from datetime import date

from sqlalchemy import select

from tracker.database import write_cache
from tracker.domain.types import EventFacts, Kind, Side, Steering
from tracker.extensions import db
from tracker.models import Factor
from tracker.models.facts_snapshot import FactsSnapshot
from tracker.services.data_version import DataVersion
from tracker.services.trust import score_maker

FORMAT = 1  # raise when the payload layout changes: rows of another format are ignored
_SIDES, _KINDS, _STEERING = (
    {m.value: m for m in enum} for enum in (Side, Kind, Steering))
log = logging.getLogger(__name__)


def encode(facts) -> str:
    """JSON for ``facts``: per event [id, day, side, kind, steering, level, links_to, retracted, title,
    [factor id, value, …]]."""
    factor_ids = _factor_ids()
    return json.dumps(
        [[f.id, f.occurred_on.toordinal(), f.side.value, f.kind.value, f.steering.value,
          f.escalation_level, f.links_to, int(f.retracted), f.title,
          [x for s in f.scores for x in (factor_ids[s.factor], s.value)]] for f in facts],
        ensure_ascii=False, separators=(",", ":"))


def decode(payload: str) -> dict[int, EventFacts]:
    """Event id → facts from `encode`'s JSON (raises ValueError, KeyError or TypeError when it is not)."""
    make_score = score_maker()
    facts = {}
    for eid, day, side, kind, steering, level, links_to, retracted, title, flat in json.loads(payload):
        facts[eid] = EventFacts(
            id=eid, occurred_on=date.fromordinal(day), side=_SIDES[side], kind=_KINDS[kind],
            steering=_STEERING[steering], escalation_level=level, links_to=links_to,
            retracted=bool(retracted), title=title,
            scores=tuple(make_score(flat[i], flat[i + 1]) for i in range(0, len(flat), 2)))
    return facts


def _factor_ids() -> dict[str, int]:
    """Factor key → id (scores are stored by id so a relabelled factor needs no rewrite)."""
    return dict(db.session.connection().execute(select(Factor.key, Factor.id)).all())


def read(project_id: int) -> tuple[DataVersion, int, dict[int, EventFacts]] | None:
    """(version, row count, facts) of the stored snapshot, or None if there is none usable."""
    row = db.session.execute(
        select(FactsSnapshot.events_version, FactsSnapshot.changed_at, FactsSnapshot.rows,
               FactsSnapshot.payload)
        .where(FactsSnapshot.project_id == project_id, FactsSnapshot.format == FORMAT)).first()
    if row is None:
        return None
    try:
        facts = decode(row.payload)
    except (ValueError, KeyError, TypeError, IndexError) as error:
        log.warning("facts snapshot of project %s unreadable (%s); reading the events", project_id, error)
        return None
    return DataVersion(row.events_version, row.changed_at), row.rows, facts


def write(project_id: int, version: DataVersion, facts: dict[int, EventFacts]) -> bool:
    """Store ``facts`` as of ``version``; True when a snapshot at least this new is stored now."""
    payload = encode(facts.values())

    def store() -> None:
        stored = db.session.execute(
            select(FactsSnapshot.events_version, FactsSnapshot.format)
            .where(FactsSnapshot.project_id == project_id)).first()
        if stored is not None and stored.format == FORMAT and stored.events_version > version.counter:
            return  # another worker stored a later version already
        # The same version is overwritten: the row there may be one `read` could not use.
        db.session.merge(FactsSnapshot(project_id=project_id, events_version=version.counter,
                                       changed_at=version.changed, rows=len(facts),
                                       format=FORMAT, payload=payload))
    return write_cache(store, f"facts snapshot of project {project_id}")
