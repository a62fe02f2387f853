"""Forms for inviting someone, asking for a reset link and choosing a password."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length


class ForgotForm(FlaskForm):
    """The address to send a reset link to."""

    email = EmailField(_l("E-mail"), validators=[DataRequired(_l("Fill in your e-mail address.")),
                                                 Length(max=254)],
                       render_kw={"autocomplete": "username", "autofocus": True})


class ChoosePasswordForm(FlaskForm):
    """A new password, twice."""

    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=200)],
                             description=_l("At least 10 characters."),
                             render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("Repeat the new password"),
                            validators=[DataRequired(), EqualTo("password", _l("The passwords differ."))],
                            render_kw={"autocomplete": "new-password"})


class InviteForm(FlaskForm):
    """Who to invite, to which seat, in which language the invitation goes."""

    email = EmailField(_l("E-mail"), validators=[DataRequired(_l("Fill in an e-mail address.")),
                                                 Length(max=254)], render_kw={"autocomplete": "off"})
    name = StringField(_l("Name"), validators=[Length(max=120)],
                       description=_l("Needed for someone without an account yet."))
    side = SelectField(_l("Side"), choices=[])
    role = SelectField(_l("Role"), choices=[("member", _l("Member")), ("manager", _l("Manager"))])
    language = SelectField(_l("Language of the invitation"),
                           choices=[("nl", "Nederlands"), ("en", "English")])
