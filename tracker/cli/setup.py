"""Commands that set up organisations, users, projects and memberships."""
from tracker.cli import tracker_cli  # noqa: F401
