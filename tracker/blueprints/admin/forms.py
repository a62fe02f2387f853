"""Admin forms: they parse input; the services decide what is valid."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, EmailField, IntegerField, PasswordField, SelectField,
                     StringField, TextAreaField)
from wtforms.validators import EqualTo, Optional

CONTRACT_FORMS = {"uav_gc": "UAV-GC", "uav_2012": "UAV 2012", "nec": "NEC",
                  "alliance": _l("Alliance"), "other": _l("Other")}
PHASES = {"finding": _l("Finding each other"), "working": _l("Working together"),
          "letting_go": _l("Letting go")}
SIDES = {"client": _l("Client"), "contractor": _l("Contractor"), "coach": _l("Coach")}
ROLES = {"manager": _l("Manager"), "member": _l("Member")}
DIMENSIONS = {"personal": _l("Personal trust"), "system": _l("System trust")}
LABELS = {"contract_form": CONTRACT_FORMS, "phase": PHASES, "side": SIDES, "role": ROLES,
          "dimension": DIMENSIONS}


def optional_int(value) -> int | None:
    """Coerce a select's value: "" means none chosen."""
    if value in ("", None):
        return None
    return int(value)


def organisation_choices(organisations, none_label) -> list[tuple[str, str]]:
    """Select options for a list of organisations, led by an empty option."""
    return [("", str(none_label))] + [(str(o.id), o.name) for o in organisations]


class OrganisationForm(FlaskForm):
    """An organisation's name."""

    name = StringField(_l("Name"),
                       render_kw={"maxlength": 120, "autocomplete": "organization", "required": True})


class _UserFields(FlaskForm):
    """Name, e-mail address and organisation of an account."""

    name = StringField(_l("Full name"), render_kw={"maxlength": 120, "autocomplete": "off", "required": True})
    email = EmailField(_l("E-mail"), render_kw={"maxlength": 254, "autocomplete": "off", "required": True})
    organisation_id = SelectField(_l("Organisation"), coerce=optional_int, choices=[],
                                  description=_l("The party this person works for, if any."))


class UserCreateForm(_UserFields):
    """A new account with its first password."""

    password = PasswordField(_l("Password"), description=_l("At least 10 characters."),
                             render_kw={"autocomplete": "new-password", "required": True})
    confirm = PasswordField(_l("Repeat the password"),
                            validators=[EqualTo("password", _l("The passwords differ."))],
                            render_kw={"autocomplete": "new-password", "required": True})
    is_admin = BooleanField(_l("Administrator (manages organisations, users, projects and factors)"))


class UserEditForm(_UserFields):
    """An account's details and flags."""

    is_enabled = BooleanField(_l("Account enabled (can log in)"))
    is_admin = BooleanField(_l("Administrator (manages organisations, users, projects and factors)"))


class PasswordSetForm(FlaskForm):
    """A new password set by an admin."""

    password = PasswordField(_l("New password"), description=_l("At least 10 characters. "
                             "The user's open sessions end."),
                             render_kw={"autocomplete": "new-password", "required": True})
    confirm = PasswordField(_l("Repeat the new password"),
                            validators=[EqualTo("password", _l("The passwords differ."))],
                            render_kw={"autocomplete": "new-password", "required": True})


class ProjectForm(FlaskForm):
    """Everything an admin sets on a project."""

    code = StringField(_l("Code"), description=_l("2–32 characters: A–Z, 0–9, '-' and '_'. "
                       "Used in links, exports and the command line."),
                       render_kw={"maxlength": 32, "autocomplete": "off", "class": "code-input",
                                  "required": True})
    name = StringField(_l("Name"), render_kw={"maxlength": 160, "required": True})
    description = TextAreaField(_l("Description"), render_kw={"rows": 4})
    client_org_id = SelectField(_l("Client (opdrachtgever)"), coerce=optional_int, choices=[])
    contractor_org_id = SelectField(_l("Contractor (opdrachtnemer)"), coerce=optional_int, choices=[])
    contract_form = SelectField(_l("Contract form"), choices=list(CONTRACT_FORMS.items()),
                                default="uav_gc")
    phase = SelectField(_l("Phase of the partnership"), choices=list(PHASES.items()),
                        default="finding")
    start_date = DateField(_l("Start date"), validators=[Optional()])
    is_active = BooleanField(_l("Active (an inactive project raises no silence warnings)"),
                             default=True)


class MemberAddForm(FlaskForm):
    """Add a person to a project by e-mail address."""

    email = EmailField(_l("E-mail of the user"), render_kw={"list": "member-candidates",
                                                            "autocomplete": "off", "required": True})
    side = SelectField(_l("Side"), choices=list(SIDES.items()))
    role = SelectField(_l("Role"), choices=list(ROLES.items()), default="member",
                       description=_l("Managers of a party log events; members read."))


class MemberChangeForm(FlaskForm):
    """Move a member to another side or role."""

    side = SelectField(_l("Side"), choices=list(SIDES.items()))
    role = SelectField(_l("Role"), choices=list(ROLES.items()))


class _FactorWordingFields(FlaskForm):
    """Labels, descriptions and position of a factor."""

    label_en = StringField(_l("Label (English)"), render_kw={"maxlength": 80, "required": True})
    label_nl = StringField(_l("Label (Dutch)"), render_kw={"maxlength": 80, "lang": "nl", "required": True})
    description_en = TextAreaField(_l("Scoring hint (English)"), render_kw={"rows": 3})
    description_nl = TextAreaField(_l("Scoring hint (Dutch)"), render_kw={"rows": 3, "lang": "nl"})
    position = IntegerField(_l("Position"), validators=[Optional()], default=100,
                            description=_l("Lower numbers come first within their dimension."))


class FactorCreateForm(_FactorWordingFields):
    """A new factor: key and dimension are fixed once saved."""

    key = StringField(_l("Key"), description=_l("Lower-case letters, digits and '_', e.g. "
                      "p_humour. Used as a CSV column; it cannot change later."),
                      render_kw={"maxlength": 40, "autocomplete": "off", "required": True})
    dimension = SelectField(_l("Dimension"), choices=list(DIMENSIONS.items()),
                            description=_l("It cannot change later."))


class FactorEditForm(_FactorWordingFields):
    """Wording, position and active flag of an existing factor."""

    is_active = BooleanField(_l("Active (offered when scoring new events)"))
