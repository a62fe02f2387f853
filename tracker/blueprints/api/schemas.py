"""marshmallow schemas: they check API input and describe every resource in the OpenAPI document.

Field names are snake_case like the signals JSON and the CSV; query parameters are lowerCamelCase
as the NL API Design Rules ask.
"""
import marshmallow as ma
from marshmallow import fields as f
from marshmallow import validate as v

from tracker.domain.types import Kind, Side, Steering
from tracker.models.event import REF_MAX
from tracker.services.events.rules import DESCRIPTION_MAX, TITLE_MAX



class Day(f.Date):
    """A date; values already written as YYYY-MM-DD pass through unchanged."""

    def _serialize(self, value, attr, obj, **kwargs):
        return value if isinstance(value, str) else super()._serialize(value, attr, obj, **kwargs)


class Moment(f.DateTime):
    """A date-time with its zone; values already written as RFC 3339 pass through unchanged."""

    def _serialize(self, value, attr, obj, **kwargs):
        return value if isinstance(value, str) else super()._serialize(value, attr, obj, **kwargs)


class Text(f.String):
    """A string that can be stored: no lone surrogates (they are not UTF-8) and no NUL characters."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise ma.ValidationError("Not valid Unicode text.") from None
        if "\x00" in text:
            raise ma.ValidationError("NUL characters are not allowed.")
        return text


DB_ID = v.Range(min=1, max=2**31 - 1)
SIDES = [s.value for s in Side]
KINDS = [k.value for k in Kind]
STEERINGS = [s.value for s in Steering]
SCORES = f.Dict(keys=Text(validate=v.Length(min=1, max=40)), values=f.Integer(strict=True, validate=v.Range(-2, 2)),
                metadata={"description": "Factor key → score −2…+2; factors not touched are left out."})


class Link(ma.Schema):
    """A HAL-style link."""

    href = f.String(required=True)


class PageLinks(ma.Schema):
    """Links of a page of a collection."""

    self = f.Nested(Link, required=True)
    next = f.Nested(Link, allow_none=True, metadata={"description": "The next page; absent on the last page."})


class Problem(ma.Schema):
    """An error (RFC 9457)."""

    type = f.String(required=True)
    title = f.String(required=True)
    status = f.Integer(required=True)
    detail = f.String(required=True)
    instance = f.String()


class Project(ma.Schema):
    """A project you are a member of, with your seat on it."""

    code = f.String(required=True)
    name = f.String(required=True)
    description = f.String(required=True)
    contract_form = f.String(required=True)
    is_active = f.Boolean(required=True)
    start_date = Day(required=True)
    phase = f.String(required=True)
    your_side = f.String(required=True, validate=v.OneOf(SIDES + ["coach"]))
    your_role = f.String(required=True, validate=v.OneOf(["manager", "member"]))


class ProjectPage(ma.Schema):
    """A page of projects."""

    items = f.List(f.Nested(Project), required=True)
    _links = f.Nested(PageLinks, required=True)


class OtherView(ma.Schema):
    """The other party's view of an event: its own scores and a note."""

    scores = SCORES
    note = f.String(required=True)


class Event(ma.Schema):
    """An event as logged by one side, with the other party's view when it gave one."""

    id = f.Integer(required=True)
    project = f.String(required=True)
    version = f.Integer(required=True, metadata={"description": "Also the ETag; send it as If-Match to change."})
    occurred_on = Day(required=True)
    side = f.String(required=True, validate=v.OneOf(SIDES))
    kind = f.String(required=True, validate=v.OneOf(KINDS))
    steering = f.String(required=True, validate=v.OneOf(STEERINGS))
    escalation_level = f.Integer(required=True, allow_none=True)
    planned = f.Boolean(required=True, allow_none=True)
    title = f.String(required=True)
    description = f.String(required=True)
    links_to = f.Integer(required=True, allow_none=True)
    ref = f.String(required=True, allow_none=True)
    scores = f.Dict(keys=f.String(), values=f.Integer(), required=True)
    other_view = f.Nested(OtherView, required=True, allow_none=True)
    created_at = Moment(required=True)
    updated_at = Moment(required=True)
    retracted = f.Boolean(required=True)
    retracted_at = Moment(required=True, allow_none=True)
    retraction_reason = f.String(required=True, allow_none=True)


class EventPage(ma.Schema):
    """A page of events."""

    items = f.List(f.Nested(Event), required=True)
    _links = f.Nested(PageLinks, required=True)


class EventInput(ma.Schema):
    """A new event, logged for your own party's side."""

    class Meta:
        unknown = ma.RAISE

    occurred_on = Day(required=True)
    kind = Text(required=True, validate=v.OneOf(KINDS))
    steering = Text(required=True, validate=v.OneOf(STEERINGS))
    escalation_level = f.Integer(strict=True, allow_none=True, validate=v.Range(0, 6),
                                 metadata={"description": "0–6; required for an escalation."})
    planned = f.Boolean(allow_none=True, metadata={"description": "Only for a moment."})
    title = Text(required=True, validate=v.Length(min=1, max=TITLE_MAX))
    description = Text(validate=v.Length(max=DESCRIPTION_MAX))
    links_to = f.Integer(strict=True, allow_none=True, validate=DB_ID)
    ref = Text(allow_none=True, validate=v.Length(min=1, max=REF_MAX),
                   metadata={"description": "Your own reference, unique in the project: sending a known one "
                                            "returns that event instead of logging a second."})
    scores = SCORES


class EventChange(EventInput):
    """The fields to change (the others keep their value); `ref` cannot change."""

    class Meta:
        unknown = ma.RAISE
        exclude = ("ref",)

    occurred_on = Day()
    kind = Text(validate=v.OneOf(KINDS))
    steering = Text(validate=v.OneOf(STEERINGS))
    title = Text(validate=v.Length(min=1, max=TITLE_MAX))


class Retraction(ma.Schema):
    """Why an event no longer counts."""

    class Meta:
        unknown = ma.RAISE

    reason = Text(required=True, validate=v.Length(min=1, max=2000))


class Revision(ma.Schema):
    """One saved state of an event: who changed what, when, and why."""

    version = f.Integer(required=True)
    action = f.String(required=True)
    changed_at = Moment(required=True)
    changed_by = f.String(required=True, allow_none=True)
    changes = f.Dict(required=True, metadata={"description": "field → [old, new]; every field for `created`."})
    note = f.String(required=True, allow_none=True)


class RevisionList(ma.Schema):
    """An event's history, oldest first."""

    items = f.List(f.Nested(Revision), required=True)
