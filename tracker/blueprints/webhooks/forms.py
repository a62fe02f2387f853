"""The form for a new webhook endpoint."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectMultipleField, StringField
from wtforms.validators import InputRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from tracker.models.webhook import URL_MAX
from tracker.services.webhooks.outbox import EVENT_TYPES

TYPE_LABELS = {
    "event.created": _l("An event is logged"),
    "event.changed": _l("An event is changed, retracted or gets the other party's view"),
    "signal.raised": _l("A signal is raised"),
    "signal.cleared": _l("A signal clears"),
    "action.due": _l("An action is due"),
}


class EndpointForm(FlaskForm):
    """Address, the messages it wants and the format."""

    url = StringField(_l("Address (https://…)"), validators=[InputRequired(_l("Give the address.")),
                                                             Length(max=URL_MAX)])
    event_types = SelectMultipleField(_l("Send a message when"), choices=[(t, TYPE_LABELS[t]) for t in EVENT_TYPES],
                                      default=["event.created", "event.changed"],
                                      widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())
    payload_format = RadioField(_l("Format"), default="standard",
                                choices=[("standard", _l("Standard Webhooks (JSON, signed)")),
                                         ("teams", _l("Microsoft Teams workflow (Adaptive Card)"))])
