"""Command: the signals JSON of a project (the contract is in docs/contracts.md)."""
import json
from datetime import date

import click

from tracker.cli import project_named, tracker_cli
from tracker.domain.report import signals_json
from tracker.services.trust.history import trust_history, weekly_assessments


def _parse_date(_ctx, _param, value: str | None) -> date | None:
    """Accept YYYY-MM-DD or fail with a clear message."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


@tracker_cli.command("signals")
@click.argument("code")
@click.option("--as-of", "as_of", callback=_parse_date, help="Date YYYY-MM-DD (default today).")
@click.option("--weekly", is_flag=True, help="One object per week end from the first event.")
@click.option("--lang", type=click.Choice(["en", "nl"]), default="en", show_default=True,
              help="Language of the flag messages.")
def signals_command(code: str, as_of: date | None, weekly: bool, lang: str) -> None:
    """Print the signals JSON of project CODE."""
    project = project_named(code)
    as_of = as_of or date.today()
    if weekly:
        payload = [signals_json(project.code, a, lang) for a in weekly_assessments(project, as_of)]
    else:
        payload = signals_json(project.code, trust_history(project, as_of).current, lang)
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
