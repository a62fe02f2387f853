"""Schemas of the partnership's agreements and follow-up: the ladder, open issues, actions, the signal log."""
import marshmallow as ma
from marshmallow import fields as f

from tracker.blueprints.api.schemas import Day


class Rung(ma.Schema):
    """One level of the escalation ladder."""

    level = f.Integer(required=True)
    name = f.String(required=True)
    client = f.String(required=True, metadata={"description": "Who sits there for the client."})
    contractor = f.String(required=True, metadata={"description": "Who sits there for the contractor."})
    time_box_days = f.Integer(required=True, allow_none=True,
                              metadata={"description": "Days an issue may stay at this level; null: no box."})


class Ladder(ma.Schema):
    """The escalation ladder in force (as `flask tracker ladder` prints it)."""

    project = f.String(required=True)
    agreed_on = Day(required=True, allow_none=True, metadata={"description": "null: the default, never agreed."})
    levels = f.List(f.Nested(Rung), required=True)


class OpenIssue(ma.Schema):
    """An open issue chain with its clock (as `flask tracker open-issues` prints it)."""

    event = f.Integer(required=True, metadata={"description": "The issue that starts the chain."})
    title = f.String(required=True)
    level = f.Integer(required=True)
    since = Day(required=True)
    days_at_level = f.Integer(required=True)
    time_box_days = f.Integer(required=True, allow_none=True)
    overdue = f.Boolean(required=True)


class OpenIssueList(ma.Schema):
    """The open-issues register, most urgent first."""

    items = f.List(f.Nested(OpenIssue), required=True)


class Action(ma.Schema):
    """An action that follows up a signal or a suggested intervention (as `flask tracker actions` prints it)."""

    id = f.Integer(required=True)
    title = f.String(required=True)
    intervention = f.String(required=True, allow_none=True)
    signal = f.String(required=True, allow_none=True)
    owner = f.String(required=True, allow_none=True)
    due_on = Day(required=True, allow_none=True)
    status = f.String(required=True, metadata={"description": "open, in_progress, done or dropped"})
    created_on = Day(required=True)
    closed_on = Day(required=True, allow_none=True)


class ActionList(ma.Schema):
    """The project's actions, open first (overdue on top)."""

    items = f.List(f.Nested(Action), required=True)


class SignalChange(ma.Schema):
    """A signal raised or cleared, as the scheduled jobs recorded it."""

    code = f.String(required=True)
    severity = f.String(required=True)
    change = f.String(required=True, metadata={"description": "raised or cleared"})
    on = Day(required=True)


class SignalChangeList(ma.Schema):
    """The log of raised and cleared signals, newest first (the starting state is left out)."""

    items = f.List(f.Nested(SignalChange), required=True)
