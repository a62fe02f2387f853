"""Forms for give and take, phase changes, the goal setting and the close-out review."""
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import Optional

from tracker.blueprints.projects.labels import PHASE
from tracker.domain.text import small_int
from tracker.domain.give_take import CATEGORIES
from tracker.services.instruments.phases import REVIEW_FIELDS

POINT_CHOICES = [("", "–")] + [(str(n), str(n)) for n in range(6)]


def optional_int(value):
    """"" / None → None, digits → int, anything else → -1 (the service rejects it)."""
    if value in (None, ""):
        return None
    number = small_int(str(value))
    return -1 if number is None or number < 0 else number


def current_quarter(today: date | None = None) -> str:
    """A default round label such as "2025 Q2"."""
    today = today or date.today()
    return f"{today.year} Q{(today.month - 1) // 3 + 1}"


class GiveTakeForm(FlaskForm):
    """Round label and date; bring/get/comment fields per category are added below."""

    label = StringField(_l("Round"), default=current_quarter, render_kw={"maxlength": 60, "required": True},
                        description=_l("Use the same name as the other party to compare."))
    recorded_on = DateField(_l("Date"), default=date.today, validators=[Optional()])

    def category_fields(self) -> list[tuple[str, object, object, object]]:
        """(category, bring field, get field, comment field) in catalogue order."""
        return [(c, self[f"{c}_bring"], self[f"{c}_get"], self[f"{c}_comment"]) for c in CATEGORIES]

    def rows(self) -> dict[str, tuple]:
        """Category → (bring, get, comment) for the service."""
        return {c: (b.data, g.data, m.data or "") for c, b, g, m in self.category_fields()}


for _category in CATEGORIES:
    setattr(GiveTakeForm, f"{_category}_bring",
            SelectField(_l("Brings"), choices=POINT_CHOICES, coerce=optional_int, validate_choice=False))
    setattr(GiveTakeForm, f"{_category}_get",
            SelectField(_l("Gets"), choices=POINT_CHOICES, coerce=optional_int, validate_choice=False))
    setattr(GiveTakeForm, f"{_category}_comment",
            StringField(_l("Comment"), render_kw={"maxlength": 1000}))


class PhaseForm(FlaskForm):
    """The new phase, the date it started and a note."""

    phase = SelectField(_l("New phase"), choices=[(p.value, label) for p, label in PHASE.items()],
                        validate_choice=False)
    changed_on = DateField(_l("Since"), default=date.today, validators=[Optional()])
    note = TextAreaField(_l("Note"), render_kw={"rows": 2, "maxlength": 2000})


class GoalForm(FlaskForm):
    """Whether the project's goals are open or concrete (for the 4c suggestion)."""

    goals = RadioField(_l("Our goals are"), validate_choice=False, default="", choices=[
        ("", _l("let the scan decide")), ("open", _l("open: we are still exploring")),
        ("concrete", _l("concrete performance goals"))])


class CloseoutForm(FlaskForm):
    """The four steps of learning from successes."""


for _name in REVIEW_FIELDS:
    setattr(CloseoutForm, _name, TextAreaField(_name, render_kw={"rows": 5, "maxlength": 10000}))
