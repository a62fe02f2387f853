"""The `flask tracker …` command group; each module adds its commands."""
import click
from flask.cli import AppGroup

tracker_cli = AppGroup("tracker", help="Manage the partnership tracker.")


def project_named(code: str):
    """The project with this code (any case), or a clear command-line error."""
    from tracker.services.admin.projects import find_project

    project = find_project(code)
    if project is None:
        raise click.ClickException(f"No project with code {code!r}.")
    return project


from tracker.cli import api, backup, demo, jobs, scan, setup, signals, summaries, transfer  # noqa: E402,F401  (registers commands)
from tracker.cli import actions, ladder  # noqa: E402,F401  (registers commands)
