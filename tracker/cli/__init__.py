"""The `flask tracker …` command group; each module adds its commands."""
from flask.cli import AppGroup

tracker_cli = AppGroup("tracker", help="Manage the partnership tracker.")

from tracker.cli import backup, demo, scan, setup, signals, summaries, transfer  # noqa: E402,F401  (registers commands)
