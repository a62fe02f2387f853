"""The form for a new personal access token."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, StringField
from wtforms.validators import InputRequired, Length, NumberRange

from tracker.models.api_token import TOKEN_NAME_MAX
from tracker.services.accounts.tokens import DEFAULT_DAYS, MAX_DAYS


class TokenForm(FlaskForm):
    """Name, read-write or read-only, and days until it expires."""

    name = StringField(_l("Name"), validators=[InputRequired(_l("Give the token a name.")), Length(max=TOKEN_NAME_MAX)],
                       description=_l("What uses it, such as “issue register” or “BI dashboard”."))
    write = BooleanField(_l("May also change data (log, change and retract events)"))
    days = IntegerField(_l("Days until it expires"), default=DEFAULT_DAYS,
                        validators=[InputRequired(_l("Give a number of days.")),
                                    NumberRange(1, MAX_DAYS, _l("From 1 to %(n)d days.", n=MAX_DAYS))])
