"""Forms of the ladder page: a proposal (seven levels), and declining with a reason."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from tracker.domain.ladder import MAX_BOX_DAYS, TEXT_MAX, Ladder, Rung
from tracker.domain.types import ESCALATION_LEVELS
from tracker.services.ladder.agreement import NOTE_MAX


class ProposalForm(FlaskForm):
    """A full ladder: per level its names, who sits there per side, and the time box."""

    note = TextAreaField(_l("Note to the other side"), validators=[Length(max=NOTE_MAX)])

    def rows(self) -> list[tuple[int, tuple]]:
        """(level, its five fields) for the template."""
        return [(lv, tuple(getattr(self, f"{name}_{lv}") for name in ("name_nl", "name_en", "client",
                                                                          "contractor", "box")))
                for lv in ESCALATION_LEVELS]

    def ladder(self) -> Ladder:
        """The proposed ladder from the (validated) fields."""
        return Ladder(tuple(Rung(lv, getattr(self, f"name_nl_{lv}").data.strip(),
                                 getattr(self, f"name_en_{lv}").data.strip(),
                                 (getattr(self, f"client_{lv}").data or "").strip(),
                                 (getattr(self, f"contractor_{lv}").data or "").strip(),
                                 getattr(self, f"box_{lv}").data) for lv in ESCALATION_LEVELS))

    @classmethod
    def filled(cls, ladder: Ladder, formdata=None) -> "ProposalForm":
        """The form, starting from ``ladder`` (the one in force) unless ``formdata`` is posted."""
        data = {}
        for r in ladder.rungs:
            data.update({f"name_nl_{r.level}": r.name_nl, f"name_en_{r.level}": r.name_en,
                         f"client_{r.level}": r.client, f"contractor_{r.level}": r.contractor,
                         f"box_{r.level}": r.time_box_days})
        return cls(formdata=formdata, data=data)


_NAME = [InputRequired(_l("Give the level a name.")), Length(max=TEXT_MAX)]
for _lv in ESCALATION_LEVELS:
    setattr(ProposalForm, f"name_nl_{_lv}", StringField(_l("Level %(n)d, name (Dutch)", n=_lv), validators=_NAME))
    setattr(ProposalForm, f"name_en_{_lv}", StringField(_l("Level %(n)d, name (English)", n=_lv), validators=_NAME))
    setattr(ProposalForm, f"client_{_lv}", StringField(_l("Level %(n)d, client side", n=_lv),
                                                       validators=[Optional(), Length(max=TEXT_MAX)]))
    setattr(ProposalForm, f"contractor_{_lv}", StringField(_l("Level %(n)d, contractor side", n=_lv),
                                                           validators=[Optional(), Length(max=TEXT_MAX)]))
    setattr(ProposalForm, f"box_{_lv}", IntegerField(
        _l("Level %(n)d, time box in days", n=_lv),
        validators=[Optional(), NumberRange(1, MAX_BOX_DAYS, _l("Between 1 and %(max)d days, or empty for none.",
                                                                   max=MAX_BOX_DAYS))]))


class DeclineForm(FlaskForm):
    """Declining the other side's proposal needs a reason."""

    reason = TextAreaField(_l("Why you decline"), validators=[
        InputRequired(_l("Give a reason, so the other side knows what to change.")), Length(max=NOTE_MAX)])


class AnswerForm(FlaskForm):
    """Accepting or withdrawing: only the CSRF token."""
