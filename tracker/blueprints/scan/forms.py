"""Forms for opening a scan round and answering its 32 statements."""
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, StringField
from wtforms.validators import Optional

from tracker.domain import scan as domain
from tracker.domain.text import small_int

DONT_KNOW = "dk"
CHOICES = [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5"), (DONT_KNOW, _l("Don't know"))]


class RoundForm(FlaskForm):
    """Name and dates of a new round (the service checks them)."""

    name = StringField(_l("Name of the round"), render_kw={"maxlength": 120, "required": True},
                       description=_l("For example “Spring 2025” or “After the design phase”."))
    opens_on = DateField(_l("Opens on"), default=date.today, validators=[Optional()])
    closes_on = DateField(_l("Closes on"), default=lambda: date.today() + timedelta(days=14),
                          validators=[Optional()])


class AnswerForm(FlaskForm):
    """One radio group per statement; fields are added by `answer_form_class`."""

    def lenses(self, lang: str) -> list[tuple[str, list[tuple[domain.ScanFactor, list]]]]:
        """(lens label, [(factor, [field, field])]) in catalogue order."""
        out = []
        for lens in domain.Lens:
            factors = [(f, [self[f"{f.key}_1"], self[f"{f.key}_2"]])
                       for f in domain.FACTORS if f.lens is lens]
            out.append((domain.LENS_LABELS[lens][lang], factors))
        return out

    def answers(self) -> dict[str, int | None]:
        """Statement key → 1–5 or None ("don't know"); unanswered statements are left out."""
        out: dict[str, int | None] = {}
        for item in domain.STATEMENTS:
            value = self[item.key].data
            if value in (None, "", "None"):
                continue
            out[item.key] = None if value == DONT_KNOW else (small_int(value) or 0)  # 0: refused later
        return out


def answer_form_class(lang: str) -> type[AnswerForm]:
    """The answer form with the statements in ``lang``."""
    attrs = {s.key: RadioField(s.text(lang), choices=CHOICES, validate_choice=False, default=None)
             for s in domain.STATEMENTS}
    return type("ScanAnswerForm", (AnswerForm,), attrs)


def answer_prefill(answers: dict[str, int | None]) -> dict[str, str]:
    """Form data that shows saved answers."""
    return {key: DONT_KNOW if value is None else str(value) for key, value in answers.items()}
