"""The action form: what, from which intervention, answering which signal, who, by when, status."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from tracker.domain import interventions as catalogue
from tracker.services.actions.records import SIGNALS, TEXT_MAX, TITLE_MAX, ActionInput


class ActionForm(FlaskForm):
    """Create or follow up an action (status and reason only matter once it exists)."""

    title = StringField(_l("Title"), validators=[Length(max=TITLE_MAX)],
                        description=_l("Leave empty to use the intervention's name."))
    intervention = SelectField(_l("From intervention"), validators=[Optional()])
    signal = SelectField(_l("Answers signal"), validators=[Optional()])
    owner = SelectField(_l("Owner"), validators=[InputRequired(_l("Choose who owns this action."))])
    due_on = DateField(_l("Due on"), validators=[InputRequired(_l("Give the date this action is due."))])
    status = SelectField(_l("Status"), default="open")
    reason = TextAreaField(_l("Reason for dropping"), validators=[Length(max=TEXT_MAX)])
    notes = TextAreaField(_l("Notes"), validators=[Length(max=TEXT_MAX)],
                          description=_l("What you agreed, with whom, and what you hope to see change."))
    events = HiddenField()

    def set_choices(self, lang: str, signal_names: dict, members: list[tuple[int, str]],
                    status_names: dict) -> None:
        """Fill the selects: the catalogue, the signals, the project's members, the statuses."""
        items = catalogue.ALL + catalogue.INSTRUMENT_INTERVENTIONS
        self.intervention.choices = [("", _l("None (a free action)"))] + [(i.key, i.title(lang)) for i in items]
        self.signal.choices = [("", _l("No particular signal"))] + [
            (code, str(signal_names.get(code, code))) for code in SIGNALS]
        self.owner.choices = [("", _l("— choose —"))] + [(str(uid), name) for uid, name in members]
        self.status.choices = [(key, str(name)) for key, name in status_names.items()]

    def validate_events(self, field) -> None:
        """A comma-separated list of event ids (filled by the page, never typed)."""
        if field.data and not all(part.strip().isdigit() for part in field.data.split(",")):
            raise ValidationError(_l("The linked events are not valid; open the form from the signal again."))

    def to_input(self) -> ActionInput:
        """The form's values for the service."""
        events = tuple(int(p) for p in (self.events.data or "").split(",") if p.strip().isdigit())
        return ActionInput(title=self.title.data or "", intervention=self.intervention.data or None,
                           signal=self.signal.data or None,
                           owner_id=int(self.owner.data) if (self.owner.data or "").isdigit() else None,
                           due_on=self.due_on.data, status=self.status.data or "open",
                           reason=self.reason.data or "", notes=self.notes.data or "", event_ids=events)
