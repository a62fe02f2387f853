"""GET /accessibility: the accessibility statement, readable without logging in."""
from datetime import date

from flask import current_app, render_template

from tracker.blueprints.pages import bp

REVIEWED_ON = date(2026, 12, 1)  # the last review of the statement against the pages (docs/accessibility.md)


@bp.get("/accessibility")
def accessibility():
    """What was tested, how, the known limits and whom to contact."""
    return render_template("pages/accessibility.html", reviewed_on=REVIEWED_ON,
                           contact=current_app.config.get("ACCESSIBILITY_CONTACT"))
