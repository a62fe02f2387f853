"""Views for CSV import and export."""
from tracker.blueprints.transfer import bp  # noqa: F401
