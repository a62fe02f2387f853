"""A project's event facts kept current without re-reading every event.

Three sources, cheapest first: what this process read last (32 projects), the stored snapshot
(`facts_snapshot`, shared by every worker) and the event rows. From either of the first two,
only the rows changed after the version it reflects are read and merged by id (each event row
carries the `Project.events_version` of its last change). The event rows are read in full
whenever a merge cannot be trusted: the counter went back (a restored database), the fingerprint
changed without the counter (rows written outside the app) or the number of rows is off.
"""
import threading
from collections import OrderedDict
from dataclasses import dataclass

from sqlalchemy import func, select

from tracker.domain.types import EventFacts
from tracker.extensions import db
from tracker.models import Event
from tracker.services import facts_snapshot
from tracker.services.data_version import DataVersion
from tracker.services.trust import load_facts

_CACHE_SIZE = 32
# Rows merged on top of the stored snapshot before it is rewritten: reading a few changed rows
# costs about a millisecond, rewriting the snapshot of a 2,000-event project about ten.
REWRITE_AFTER = 50


@dataclass(frozen=True)
class KnownFacts:
    """A project's facts at ``version``; ``pending`` rows were merged since the stored snapshot."""

    version: DataVersion
    facts: dict[int, EventFacts]
    pending: int = 0


_known: "OrderedDict[tuple, KnownFacts]" = OrderedDict()
_lock = threading.Lock()


def forget() -> None:
    """Drop what this process knows (as in a freshly started worker)."""
    with _lock:
        _known.clear()


def _event_count(project_id: int) -> int:
    """Rows in the project (an index-only count): the check that a merge lost or kept nothing extra."""
    return db.session.scalar(select(func.count()).select_from(Event).where(Event.project_id == project_id))


def _stored(project_id: int, version: DataVersion) -> KnownFacts | None:
    """The stored snapshot, if it can serve ``version``: not newer, and with all its rows still there."""
    found = facts_snapshot.read(project_id)
    if found is None:
        return None
    stored_version, rows, facts = found
    if stored_version.counter > version.counter or rows != len(facts):
        return None
    if stored_version == version and rows != _event_count(project_id):
        return None  # rows removed outside the app without a newer timestamp
    return KnownFacts(stored_version, facts)


def _merged(project_id: int, base: KnownFacts, version: DataVersion) -> KnownFacts | None:
    """``base`` brought to ``version`` by merging the changed rows; None when that is not safe."""
    if base.version == version:
        return base
    if base.version.counter >= version.counter:
        return None  # counter went back, or rows changed without it
    changed = load_facts(project_id, changed_after=base.version.counter)
    facts = {**base.facts, **{f.id: f for f in changed}}
    if len(facts) != _event_count(project_id):
        return None
    return KnownFacts(version, facts, base.pending + len(changed))


def current_facts(project_id: int, version: DataVersion) -> list[EventFacts]:
    """Every fact of the project at ``version`` (from `data_version.data_versions`), read as little as possible."""
    key = (str(db.engine.url), project_id)
    with _lock:
        known = _known.get(key)
    result = _merged(project_id, known, version) if known is not None else None
    if result is None:
        stored = _stored(project_id, version)
        result = _merged(project_id, stored, version) if stored is not None else None
    if result is None:
        result = KnownFacts(version, {f.id: f for f in load_facts(project_id)}, REWRITE_AFTER)
    if result.pending >= REWRITE_AFTER and facts_snapshot.write(project_id, version, result.facts):
        result = KnownFacts(version, result.facts)
    with _lock:
        _known[key] = result
        _known.move_to_end(key)
        while len(_known) > _CACHE_SIZE:
            _known.popitem(last=False)
    return list(result.facts.values())
