"""Forms for the other party's view of an event and for merging two events into one."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, TextAreaField
from wtforms.validators import InputRequired
from wtforms.widgets import HiddenInput

from tracker.blueprints.events import labels
from tracker.blueprints.events.forms import SCORE_PREFIX, EventForm, optional_int, score_fields
from tracker.models import Event, Factor
from tracker.models.event_view import NOTE_MAX


class ViewForm(FlaskForm):
    """A short note, one −2…+2 field per factor (added by `view_form_class`) and the version."""

    note = TextAreaField(_l("Your note"), render_kw={"rows": 3, "maxlength": NOTE_MAX},
                         description=_l("How your party experienced this event, in a few sentences."))
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])

    score_layout: tuple = ()
    score_groups = EventForm.score_groups
    scores = EventForm.scores


def view_form_class(factors: list[Factor]) -> type[ViewForm]:
    """A view form class with one radio field per factor, grouped personal / system."""
    return type("ScoredViewForm", (ViewForm,), score_fields(factors))


def view_prefill(event: Event) -> dict:
    """Form data showing the saved view (or none yet) and the event's version."""
    data: dict = {"version": event.version}
    if event.other_view is not None:
        data["note"] = event.other_view.note
        data.update({SCORE_PREFIX + key: value for key, value in event.other_view.score_map().items()})
    return data


class MergeForm(FlaskForm):
    """Which of the other party's events this one is the same as."""

    target = SelectField(_l("The same event, as the other party logged it"), coerce=optional_int,
                         validate_choice=False,
                         description=_l("Your scores become your party's view of that event; this event is "
                                        "retracted with a note saying where it went."))
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])

    def set_targets(self, events: list[Event]) -> None:
        """Offer these events."""
        self.target.choices = [("", _l("— choose —"))] + [
            (str(e.id), f"#{e.id} · {e.occurred_on.isoformat()} · {labels.KIND[e.kind]} · {e.title}")
            for e in events]
