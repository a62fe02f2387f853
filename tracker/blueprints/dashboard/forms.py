"""Forms of the dashboard: the date-range/side filter."""
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField
from wtforms.validators import Optional, ValidationError

from tracker.domain.types import Side
from tracker.services.trust.dashboard import Filters


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
