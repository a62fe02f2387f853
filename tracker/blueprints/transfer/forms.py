"""The upload form for an event CSV."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField
from wtforms.validators import InputRequired


class ImportForm(FlaskForm):
    """One CSV file (CSRF-protected)."""

    file = FileField(_l("CSV file"), validators=[FileRequired(_l("Choose a CSV file to import."))],
                     description=_l("UTF-8, comma-separated, with the header row of the template."),
                     render_kw={"accept": ".csv,text/csv"})


class ConfirmImportForm(FlaskForm):
    """The confirmation of a previewed import: which staged upload (CSRF-protected)."""

    token = HiddenField(validators=[InputRequired()])
