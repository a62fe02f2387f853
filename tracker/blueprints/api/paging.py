"""Cursor pagination: a page of a keyset-ordered query and a link to the next page.

A cursor is the sort key of the last item, base64url-encoded; it stays correct while new items
arrive (no skipped or repeated rows, unlike offsets).
"""
import base64
import binascii
import json
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from flask import request, url_for

from tracker.blueprints.api.problems import InvalidParams, invalid

DEFAULT_SIZE = 25
MAX_SIZE = 100


def encode(key: Sequence[Any]) -> str:
    """The cursor for a sort key."""
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode().rstrip("=")


def decode(cursor: str | None, arity: int) -> list | None:
    """The sort key in a cursor; a 400 problem for one that was not made here."""
    if not cursor:
        return None
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        key = None
    if not isinstance(key, list) or len(key) != arity or not all(isinstance(k, (str, int)) for k in key):
        raise InvalidParams([invalid("cursor", "query", "This cursor was not made by this API.")])
    return key


def event_position(key: list | None) -> tuple[date, int] | None:
    """(date, id) of an event cursor's key; a 400 problem when it is not one."""
    if key is None:
        return None
    try:
        day, number = date.fromisoformat(str(key[0])), int(key[1])
    except ValueError:
        day, number = None, -1
    if day is None or not 0 <= number < 2**31:
        raise InvalidParams([invalid("cursor", "query", "This cursor was not made by this API.")])
    return day, number


def page_of(rows: list, size: int, key: Callable[[Any], Sequence[Any]], endpoint: str,
            **values) -> tuple[list, dict]:
    """(the first ``size`` rows, links) from ``size`` + 1 fetched rows."""
    items, more = rows[:size], len(rows) > size
    args = {k: v for k, v in request.args.items() if k != "cursor"}
    links: dict = {"self": {"href": request.full_path.rstrip("?")}}
    if more:
        links["next"] = {"href": url_for(endpoint, **values, **args, cursor=encode(key(items[-1])))}
    return items, links
