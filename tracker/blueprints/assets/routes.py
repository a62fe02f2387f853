"""Serve the plotly.js that ships inside the plotly wheel."""
from importlib import resources

import plotly
from flask import abort, send_file

from tracker.blueprints.assets import bp

ONE_YEAR = 365 * 24 * 3600


def plotly_js_path():
    """Location of plotly.min.js inside the installed plotly package."""
    return resources.files("plotly") / "package_data" / "plotly.min.js"


@bp.get("/plotly-<version>.min.js")
def plotly_js(version: str):
    """plotly.js, cached for a year: the version in the URL changes when the package does."""
    if version != plotly.__version__:
        abort(404)
    return send_file(plotly_js_path(), mimetype="text/javascript", max_age=ONE_YEAR)
