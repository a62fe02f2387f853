"""Commands: demo."""
from tracker.cli import tracker_cli  # noqa: F401
