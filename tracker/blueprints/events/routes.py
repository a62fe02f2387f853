"""Views for a project's events."""
from tracker.blueprints.events import bp  # noqa: F401
