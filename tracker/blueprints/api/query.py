"""Query parameters (lowerCamelCase, as the NL API Design Rules ask) mapped to the services' names."""
from datetime import date, timedelta

import marshmallow as ma
from marshmallow import fields as f
from marshmallow import validate as v

from tracker.blueprints.api.paging import DEFAULT_SIZE, MAX_SIZE
from tracker.blueprints.api.schemas import KINDS, SIDES, STEERINGS, Day


class PageArgs(ma.Schema):
    """Cursor pagination."""

    page_size = f.Integer(data_key="pageSize", load_default=DEFAULT_SIZE, validate=v.Range(1, MAX_SIZE),
                          metadata={"description": "Items per page (1–100)."})
    cursor = f.String(load_default=None, validate=v.Length(max=200),
                      metadata={"description": "From the previous page's `_links.next`."})


class EventFilter(PageArgs):
    """The event log's filters."""

    kind = f.String(load_default=None, validate=v.OneOf(KINDS))
    side = f.String(load_default=None, validate=v.OneOf(SIDES))
    steering = f.String(load_default=None, validate=v.OneOf(STEERINGS))
    escalation_level = f.Integer(data_key="escalationLevel", load_default=None, validate=v.Range(0, 6))
    date_from = Day(data_key="dateFrom", load_default=None)
    date_to = Day(data_key="dateTo", load_default=None)
    include_retracted = f.Boolean(data_key="includeRetracted", load_default=True)
    search = f.String(load_default=None, validate=v.Length(max=200),
                      metadata={"description": "Every word must occur in the title or description."})


def _plausible(day: date) -> None:
    """An as-of date from 1990 to a year ahead: the figures walk week by week up to it."""
    if not date(1990, 1, 1) <= day <= date.today() + timedelta(days=366):
        raise ma.ValidationError("Give a date from 1990-01-01 to a year from today.")


class AsOf(ma.Schema):
    """An as-of date and the language of messages."""

    as_of = Day(data_key="asOf", load_default=None, validate=_plausible,
                metadata={"description": "YYYY-MM-DD from 1990-01-01 to a year from today; default today."})
    lang = f.String(load_default="en", validate=v.OneOf(["en", "nl"]))


class RoundArgs(ma.Schema):
    """Which round of an instrument."""

    round = f.String(load_default=None, validate=v.Length(min=1, max=120),
                     metadata={"description": "Round name; default the latest."})
