"""Forms for logging in and changing a password."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length


class LoginForm(FlaskForm):
    """E-mail and password."""

    email = EmailField(_l("E-mail"), validators=[DataRequired(_l("Fill in your e-mail address.")), Length(max=254)],
                       render_kw={"autocomplete": "username", "autofocus": True})
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Fill in your password.")), Length(max=200)],
                             render_kw={"autocomplete": "current-password"})
    next = StringField(render_kw={"hidden": True})


class SsoForm(FlaskForm):
    """The e-mail address whose organisation's login service to use."""

    email = EmailField(_l("Your work e-mail address"), validators=[DataRequired(_l("Fill in your e-mail address.")),
                                                                  Length(max=254)],
                       render_kw={"autocomplete": "username"})
    next = StringField(render_kw={"hidden": True})


class PasswordChangeForm(FlaskForm):
    """Current password plus the new one twice."""

    current_password = PasswordField(_l("Current password"), validators=[DataRequired()],
                                     render_kw={"autocomplete": "current-password"})
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=200)],
                             description=_l("At least 10 characters."),
                             render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("Repeat the new password"),
                            validators=[DataRequired(), EqualTo("password", _l("The passwords differ."))],
                            render_kw={"autocomplete": "new-password"})
