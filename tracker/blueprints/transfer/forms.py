"""The upload form for an event CSV."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired


class ImportForm(FlaskForm):
    """One CSV file (CSRF-protected)."""

    file = FileField(_l("CSV file"), validators=[FileRequired(_l("Choose a CSV file to import."))],
                     description=_l("UTF-8, comma-separated, with the header row of the template."),
                     render_kw={"accept": ".csv,text/csv"})
