"""A project's trust history, computed from its events and kept in a small in-process cache.

The key is everything the result depends on: the project's event-data version
(`version.data_versions`, raised by every event change), the as-of date, the active flag, the
start date and the trust settings. A changed event (or a newly agreed ladder, whose time boxes
feed time_box_exceeded and which raises the same version) changes the key, so no worker serves
stale figures; nothing is written to the database. Costs and measurements: docs/performance.md.
"""
import threading
from collections import OrderedDict
from datetime import date

from tracker.domain import history as domain
from tracker.domain.history import TrustHistory
from tracker.domain.signals import Assessment
from tracker.domain.trust import weekly
from tracker.extensions import db
from tracker.models import Project
from tracker.services.ladder.queries import ladder_history
from tracker.services.trust.facts import load_facts, settings_key, trust_settings
from tracker.services.trust.version import DataVersion, data_versions

_CACHE_SIZE = 64  # projects × dates one worker keeps; a history is a few hundred small objects
_cache: "OrderedDict[tuple, TrustHistory]" = OrderedDict()
_lock = threading.Lock()


def source_of(version: DataVersion, active: bool, settings: str, started_on: date | None = None) -> str:
    """What a project's figures are computed from: event version, active flag, start date and
    the trust settings (their `settings_key`)."""
    return f"{version}|{int(active)}|{started_on or '-'}|{settings}"


def forget() -> None:
    """Drop every cached history (as in a freshly started worker)."""
    with _lock:
        _cache.clear()


def trust_history(project: Project, as_of: date, version: DataVersion | None = None) -> TrustHistory:
    """The project's trust history as of a date: from this process's cache, or computed.

    ``project`` needs only ``id``, ``is_active`` and ``start_date`` (a Project or a plain row).
    """
    settings = trust_settings()
    if version is None:
        version = data_versions([project.id]).get(project.id, DataVersion())
    key = (str(db.engine.url), project.id, as_of,
           source_of(version, project.is_active, settings_key(settings), project.start_date))
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    history = domain.trust_history(load_facts(project.id, as_of), as_of, settings,
                                   project.is_active, project.start_date, ladder=ladder_history(project.id))
    with _lock:
        _cache[key] = history
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return history


def weekly_assessments(project: Project, as_of: date) -> list[Assessment]:
    """One assessment per week end from the first event to the as-of date (not cached: CLI use)."""
    return weekly(load_facts(project.id, as_of), as_of, trust_settings(), active=project.is_active,
                  started_on=project.start_date, ladder=ladder_history(project.id))
