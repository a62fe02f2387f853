"""Schemas of the computed resources: signals, figures, the other party's view, scan and give and take."""
import marshmallow as ma
from marshmallow import fields as f

from tracker.blueprints.api.schemas import Day
from tracker.blueprints.api.schemas import OtherView  # noqa: F401  (re-exported for the routes)


class SideSignals(ma.Schema):
    """One side's headline figures."""

    personal_trust = f.Float(required=True, allow_none=True)
    system_trust = f.Float(required=True, allow_none=True)
    contract_share = f.Float(required=True, allow_none=True)
    events = f.Integer(required=True)


class Flag(ma.Schema):
    """A raised signal with the numbers behind it and suggested interventions."""

    code = f.String(required=True)
    severity = f.String(required=True)
    message = f.String(required=True)
    evidence = f.Dict(required=True)
    interventions = f.List(f.String(), required=True)
    since = Day(required=True, allow_none=True)


class Signals(SideSignals):
    """The signals JSON of the project as of a date (the same object as `flask tracker signals`)."""

    project = f.String(required=True)
    as_of = Day(required=True)
    by_side = f.Dict(keys=f.String(), values=f.Nested(SideSignals), required=True)
    flags = f.List(f.Nested(Flag), required=True)


class Figure(ma.Schema):
    """A trust index 0–100 (50: trust and distrust weigh the same) or a share 0–1."""

    value = f.Float(required=True, allow_none=True)
    events = f.Integer(required=True)
    low_confidence = f.Boolean(required=True)


class SideFigures(ma.Schema):
    """The figures of one side's view."""

    personal = f.Nested(Figure, required=True)
    system = f.Nested(Figure, required=True)
    contract_share = f.Nested(Figure, required=True)


class Figures(SideFigures):
    """Everything computed for the project as of a date: indices, per side, per factor, escalations."""

    project = f.String(required=True)
    as_of = Day(required=True)
    events = f.Integer(required=True)
    by_side = f.Dict(keys=f.String(), values=f.Nested(SideFigures), required=True)
    by_factor = f.Dict(keys=f.String(), values=f.Nested(Figure), required=True)
    escalations = f.Dict(required=True, metadata={"description": "Rates per month and level, days at each "
                                                                 "level, open and resolved issue chains."})


class ScanRound(ma.Schema):
    """A collaboration scan round."""

    id = f.Integer(required=True)
    name = f.String(required=True)
    opens_on = Day(required=True)
    closes_on = Day(required=True)


class ScanRoundList(ma.Schema):
    """The project's scan rounds, newest first."""

    items = f.List(f.Nested(ScanRound), required=True)


class ScanResults(ma.Schema):
    """Results of a round per factor and lens, per side (null below the respondent minimum)."""

    project = f.String(required=True)
    round = f.String(required=True)
    respondents = f.Dict(keys=f.String(), values=f.Integer(), required=True)
    factors = f.Dict(required=True)
    lenses = f.Dict(required=True)


class GiveTakeSide(ma.Schema):
    """What one party brings and gets per category (0–5 each)."""

    brought = f.Integer(required=True)
    got = f.Integer(required=True)
    balance = f.Integer(required=True)
    categories = f.Dict(keys=f.String(), values=f.Dict(), required=True)


class GiveTake(ma.Schema):
    """One round of give and take: both parties' balances and the signal when it is unfair."""

    project = f.String(required=True)
    round = f.String(required=True)
    rounds = f.List(f.String(), required=True)
    by_side = f.Dict(keys=f.String(), values=f.Nested(GiveTakeSide), required=True)
    flag = f.Dict(required=True, allow_none=True)
