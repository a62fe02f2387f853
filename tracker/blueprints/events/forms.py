"""Forms for logging, editing, retracting and filtering events.

The event form has one score field per factor, so its class is built per request from the
factor catalogue (`event_form_class`). Forms only parse values; the rules live in
`tracker.services.events.rules.check_event`, whose messages land next to the same field names.
"""
import re
from datetime import date

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Optional, ValidationError
from wtforms.widgets import HiddenInput

from tracker.blueprints.events import labels
from tracker.domain.types import SCORE_VALUES, Dimension, Kind, Side, Steering
from tracker.models import Event, Factor, Project
from tracker.services.events import queries as event_queries
from tracker.services.events.rules import EventInput

SCORE_CHOICES = [("", "–")] + [(str(v), f"{v:+d}".replace("-", "−") if v else "0") for v in SCORE_VALUES]
SCORE_PREFIX = "score_"
GROUPS = ((Dimension.PERSONAL, _l("Personal trust")), (Dimension.SYSTEM, _l("System trust")))


def optional_int(value):
    """Coerce "" / None to None and anything else to int (ValueError if it is not one)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError("not a number")
    return int(value)


def planned_value(value):
    """Coerce the planned select: "" → None, "planned" → True, "unplanned" → False."""
    if value is None or value == "":
        return None
    if value is True or value == "planned":
        return True
    if value is False or value == "unplanned":
        return False
    raise ValueError("not a planned value")


class LinkField(StringField):
    """A searchable event picker: text such as "#12 · 2025-03-01 · Title" (or just "12") → 12."""

    _LEADING_ID = re.compile(r"\s*#?\s*([0-9]{1,18})\b")

    def process_formdata(self, valuelist):
        """Read the event number at the start of the text; empty means no link."""
        text = (valuelist[0] if valuelist else "").strip()
        self.raw_text = text
        if not text:
            self.data = None
            return
        match = self._LEADING_ID.match(text)
        if match is None:
            self.data = None
            raise ValueError(_l("Choose an event from the list (it starts with its number), or leave this empty."))
        self.data = int(match.group(1))

    def _value(self):
        """The chosen event as the picker shows it."""
        if getattr(self, "raw_text", None) is not None:
            return self.raw_text
        return next((label for event_id, label in getattr(self, "options", ()) if event_id == self.data),
                    "" if self.data is None else f"#{self.data}")


def _choices(mapping: dict, blank=None) -> list[tuple[str, object]]:
    """Select choices from an enum → label mapping, optionally with a blank first."""
    head = [("", blank)] if blank is not None else []
    return head + [(member.value, label) for member, label in mapping.items()]


class EventForm(FlaskForm):
    """The fields every event has; score fields are added by `event_form_class`."""

    occurred_on = DateField(_l("Date it happened"), default=date.today,
                            validators=[InputRequired(_l("Give the date the event happened."))])
    # No default kind or steering: a guess the user does not notice would be stored as theirs.
    kind = RadioField(_l("Kind"), choices=_choices(labels.KIND),
                      validators=[InputRequired(_l("Choose the kind of event."))])
    steering = RadioField(_l("Steering"), choices=_choices(labels.STEERING),
                          validators=[InputRequired(_l("Choose how it was handled."))],
                          description=_l("Relational: dialogue and joint problem solving. "
                                         "Contractual: letters, notices, claims, formal steps."))
    escalation_level = SelectField(_l("Escalation level"), coerce=optional_int,
                                   description=_l("Required for an escalation, optional otherwise."))
    planned = SelectField(_l("Planned or unplanned"), coerce=planned_value,
                          choices=[("", "—"), ("planned", labels.PLANNED[True]),
                                   ("unplanned", labels.PLANNED[False])],
                          description=_l("Only for a moment."))
    # No maxlength: a browser cuts a longer pasted title without a word; the rule says it instead.
    title = StringField(_l("Title"), description=_l("At most 200 characters."),
                        render_kw={"required": True})
    description = TextAreaField(_l("Description"), render_kw={"rows": 2})
    links_to_id = LinkField(_l("Linked to an earlier event"),
                            description=_l("Type a word of its title, its date or its number. "
                                           "An escalation points to the issue it lifts; "
                                           "an agreement to what it resolves."))

    score_layout: tuple = ()  # ((legend, (field name, ...)), ...), set per class

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.escalation_level.choices = labels.level_choices("—")
        self.links_to_id.options = []

    def set_link_choices(self, events: list[Event]) -> None:
        """Offer these events in the link picker."""
        self.links_to_id.options = [
            (e.id, f"#{e.id} · {e.occurred_on.isoformat()} · {labels.KIND[e.kind]} · {e.title}")
            for e in events]

    def score_groups(self) -> list[tuple[object, list]]:
        """(legend, [score fields]) per trust dimension, leaving out empty groups."""
        return [(legend, [self[name] for name in names]) for legend, names in self.score_layout
                if names]

    def scores(self) -> dict[str, int]:
        """Factor key → score for the factors given a score."""
        return {name[len(SCORE_PREFIX):]: field.data for legend, names in self.score_layout
                for name in names if (field := self[name]).data is not None}

    def to_input(self, side: Side) -> EventInput:
        """The form's values as service input for an event of this side."""
        return EventInput(occurred_on=self.occurred_on.data, side=Side(side),
                          kind=Kind(self.kind.data), steering=Steering(self.steering.data),
                          title=self.title.data or "", description=self.description.data or "",
                          escalation_level=self.escalation_level.data,
                          planned=self.planned.data, links_to_id=self.links_to_id.data,
                          scores=self.scores())


class EventEditForm(EventForm):
    """The event form plus the version the editor started from."""

    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])


def score_fields(factors: list[Factor]) -> dict:
    """One −2…+2 radio field per factor, and `score_layout`: their names grouped personal / system."""
    lang = labels.lang()
    attrs: dict = {}
    names: dict[Dimension, list[str]] = {dimension: [] for dimension, _ in GROUPS}
    for factor in factors:
        name = SCORE_PREFIX + factor.key
        attrs[name] = RadioField(factor.label(lang), description=factor.description(lang),
                                 choices=SCORE_CHOICES, coerce=optional_int, default="",
                                 validate_choice=False)
        names.setdefault(factor.dimension, []).append(name)
    attrs["score_layout"] = tuple((legend, tuple(names[dim])) for dim, legend in GROUPS)
    return attrs


def event_form_class(factors: list[Factor], *, editing: bool = False) -> type[EventForm]:
    """A form class with the event's fields and one score field per factor."""
    return type("ScoredEventForm", (EventEditForm if editing else EventForm,), score_fields(factors))


def event_prefill(event: Event) -> dict:
    """Form data showing an event's saved values."""
    data = {"occurred_on": event.occurred_on, "kind": event.kind.value,
            "steering": event.steering.value, "escalation_level": event.escalation_level,
            "planned": event.planned, "title": event.title, "description": event.description,
            "links_to_id": event.links_to_id, "version": event.version}
    data.update({SCORE_PREFIX + s.factor.key: s.value for s in event.scores})
    return data


def build_event_form(project: Project, event: Event | None = None) -> EventForm:
    """The log form (no event), or the edit form: posted values, else the event's saved ones."""
    factors = event_queries.scoring_factors(s.factor_id for s in (event.scores if event else ()))
    form_class = event_form_class(factors, editing=event is not None)
    prefill = event is not None and request.method != "POST"
    form = form_class(data=event_prefill(event)) if prefill else form_class()
    form.set_link_choices(event_queries.link_targets(
        project.id, exclude_id=event.id if event else None,
        keep_id=event.links_to_id if event else None))
    return form


class RetractForm(FlaskForm):
    """A required reason and the version the user confirmed."""

    reason = TextAreaField(_l("Why is this event retracted?"), render_kw={"rows": 4, "required": True},
                           description=_l("The reason stays visible in the event's history."))
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])


class EventFilterForm(FlaskForm):
    """The event list filters (a GET form: no CSRF token)."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"), render_kw={"type": "search", "maxlength": 200},
                    description=_l("Words from the title or description, in any language and case."))
    sort = SelectField(_l("Sort by"), default="newest",
                       choices=[("newest", _l("Date, newest first")), ("oldest", _l("Date, oldest first")),
                                ("changed", _l("Last changed")), ("title", _l("Title, A to Z")),
                                ("level", _l("Escalation level, highest first"))])
    kind = SelectField(_l("Kind"), default="", choices=_choices(labels.KIND, _l("All kinds")))
    side = SelectField(_l("Side"), default="", choices=[("", _l("Both sides")),
                                            (Side.CLIENT.value, labels.SIDE[Side.CLIENT]),
                                            (Side.CONTRACTOR.value, labels.SIDE[Side.CONTRACTOR])])
    steering = SelectField(_l("Steering"), default="",
                           choices=_choices(labels.STEERING, _l("Any steering")))
    level = SelectField(_l("Escalation level"), coerce=optional_int)
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])
    retracted = SelectField(_l("Retracted events"), default="show",
                            choices=[("show", _l("Show")), ("hide", _l("Hide"))])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.level.choices = labels.level_choices(str(_l("Any level")))

    def validate_date_to(self, field: DateField) -> None:
        """The period must not end before it starts."""
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date is before the start date."))

    def values(self) -> dict:
        """The filters as plain keyword arguments for `event_queries.filtered_events`."""
        return {"kind": self.kind.data or None, "side": self.side.data or None,
                "steering": self.steering.data or None, "escalation_level": self.level.data,
                "date_from": self.date_from.data, "date_to": self.date_to.data,
                "include_retracted": self.retracted.data != "hide", "search": self.q.data or None,
                "sort": self.sort.data or "newest"}
