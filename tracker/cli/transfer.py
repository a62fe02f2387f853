"""Commands: transfer."""
from tracker.cli import tracker_cli  # noqa: F401
