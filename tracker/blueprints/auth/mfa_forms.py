"""Forms for the second sign-in step and for setting up an authenticator app."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length


class CodeForm(FlaskForm):
    """One code: six digits from the app, or a recovery code."""

    code = StringField(_l("Code"), validators=[DataRequired(_l("Enter the code.")), Length(max=32)],
                       description=_l("The 6 digits your authenticator app shows, or one of your recovery codes."),
                       render_kw={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True,
                                  "spellcheck": "false", "autocapitalize": "off"})


class SetupForm(FlaskForm):
    """The first code from the app, proving it holds the secret shown."""

    code = StringField(_l("Code from the app"), validators=[DataRequired(_l("Enter the code.")), Length(max=32)],
                       description=_l("After scanning, the app shows 6 digits that change every 30 seconds."),
                       render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"})
