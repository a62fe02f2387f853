"""Commands: collaboration scan import and results."""
from tracker.cli import tracker_cli  # noqa: F401
