"""Stored trust histories: computed once per change and day, read by every worker as one row.

The result objects are frozen dataclasses; cattrs turns them into JSON and back (floats keep
every digit, so a stored history equals the computed one). The row's key includes a fingerprint
of those classes' fields and of the code that computes them (`tracker/domain` and
`services/history.py`), so after a deployment that changes either, older rows are ignored
instead of misread or served with yesterday's rules.
"""
import dataclasses
import hashlib
import logging
import typing
from datetime import date
from functools import cache
from pathlib import Path

from cattrs.errors import BaseValidationError
from cattrs.preconf.json import make_converter
from sqlalchemy import select

from tracker.database import write_cache
from tracker.extensions import db
from tracker.models.stored_history import StoredHistory
from tracker.services.charts.base import TrendPoint

log = logging.getLogger(__name__)
_json = make_converter()
# A weekly point maps (side, figure) pairs to (value, events): JSON has no tuple keys.
_json.register_unstructure_hook(
    TrendPoint, lambda p: [p.as_of.isoformat(), [[s, n, v, c] for (s, n), (v, c) in p.values.items()]])
_json.register_structure_hook(
    TrendPoint, lambda d, _cls: TrendPoint(date.fromisoformat(d[0]), {(s, n): (v, c) for s, n, v, c in d[1]}))


@cache
def _code_fingerprint() -> str:
    """A hash of the source of the trust model and of the history computation."""
    package = Path(__file__).resolve().parents[1]
    sources = sorted((package / "domain").glob("*.py")) + [package / "services" / "history.py"]
    digest = hashlib.sha1()
    for path in sources:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@cache
def layout(cls: type) -> str:
    """A short fingerprint of ``cls``'s fields, those of every dataclass inside it, and the model's code."""
    seen: list = []

    def visit(tp) -> None:
        for arg in typing.get_args(tp):
            visit(arg)
        if dataclasses.is_dataclass(tp) and tp not in seen:
            seen.append(tp)
            hints = typing.get_type_hints(tp)
            for field in dataclasses.fields(tp):
                visit(hints[field.name])
    visit(cls)
    text = _code_fingerprint() + ";" + ";".join(
        f"{c.__module__}.{c.__qualname__}:" + ",".join(f"{f.name}={f.type}" for f in dataclasses.fields(c))
        for c in seen)
    return hashlib.sha1(text.encode()).hexdigest()[:10]


def read(project_id: int, key: str, cls: type):
    """The stored ``cls`` of the project under ``key``, or None (absent, another key, unreadable)."""
    payload = db.session.scalar(select(StoredHistory.payload).where(
        StoredHistory.project_id == project_id, StoredHistory.key == f"{key}|{layout(cls)}"))
    if payload is None:
        return None
    try:
        return _json.loads(payload, cls)
    except (ValueError, TypeError, KeyError, IndexError, BaseValidationError) as error:
        log.warning("stored history of project %s unreadable (%s); computing it", project_id, error)
        return None


def write(project_id: int, key: str, value) -> bool:
    """Store ``value`` under ``key`` (replacing the project's previous row); False if given up."""
    row = StoredHistory(project_id=project_id, key=f"{key}|{layout(type(value))}",
                        payload=_json.dumps(value))
    return write_cache(lambda: db.session.merge(row), f"trust history of project {project_id}")
