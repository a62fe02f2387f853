"""Command: a project's actions as JSON (the contract is in docs/contracts.md)."""
import json
from datetime import date

import click

from tracker.cli import project_named, tracker_cli
from tracker.cli.signals import _parse_date
from tracker.services.actions.queries import actions_json


@tracker_cli.command("actions")
@click.argument("code")
@click.option("--as-of", "as_of", callback=_parse_date, help="Date YYYY-MM-DD for 'overdue' (default today).")
def actions_command(code: str, as_of: date | None) -> None:
    """Print the actions of project CODE, open ones first."""
    project = project_named(code)
    click.echo(json.dumps(actions_json(project, as_of), ensure_ascii=False, indent=2))
