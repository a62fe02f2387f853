"""Forms of the dashboard: the date-range/side filter and recording an intervention."""
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from tracker.domain import interventions as catalogue
from tracker.domain.types import SIGNAL_CODES, Side
from tracker.services.trust.dashboard import Filters
from tracker.services.trust.interventions import NOTE_MAX


class FilterForm(FlaskForm):
    """Date range and side, read from the query string."""

    class Meta:
        csrf = False

    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("Until"), validators=[Optional()])
    side = SelectField(_l("View"), choices=[("", _l("Both sides")), ("client", _l("Client's view")),
                                            ("contractor", _l("Contractor's view"))], default="")

    def validate_date_from(self, field) -> None:
        """The range cannot start after today: there is nothing to show yet."""
        if field.data and field.data > date.today():
            raise ValidationError(_l("The start date cannot be in the future."))

    def validate_date_to(self, field) -> None:
        """The range ends today at the latest and after it starts."""
        if field.data and field.data > date.today():
            raise ValidationError(_l("The end date cannot be in the future."))
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date must be after the start date."))

    def filters(self) -> Filters:
        """The parsed filters (defaults: everything up to today, both sides)."""
        return Filters(date_from=self.date_from.data, date_to=self.date_to.data or date.today(),
                       side=Side(self.side.data) if self.side.data in ("client", "contractor") else None)


class InterventionForm(FlaskForm):
    """Which intervention started when, optionally in response to a signal."""

    # A blank first choice: one click on "Record" must not store a value nobody chose.
    intervention = SelectField(_l("Intervention"), validators=[InputRequired(_l("Choose an intervention."))])
    signal = SelectField(_l("In response to"), validators=[Optional()])
    started_on = DateField(_l("Started on"), default=date.today,
                           validators=[InputRequired(_l("Give the date the intervention started."))])
    note = TextAreaField(_l("Note"), validators=[Length(max=NOTE_MAX)],
                         description=_l("What you agreed, with whom, and what you hope to see change."))

    def set_choices(self, lang: str, signal_names: dict) -> None:
        """Fill the selects from the intervention catalogue and the signal codes."""
        self.intervention.choices = [("", _l("— choose —"))] + [(i.key, i.title(lang)) for i in catalogue.ALL]
        self.signal.choices = [("", _l("No particular signal"))] + [
            (code, signal_names[code]) for code in SIGNAL_CODES]
