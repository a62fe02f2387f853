"""Commands: the escalation ladder (print, set) and the open-issues register (contracts in docs/contracts.md)."""
import json
from datetime import date

import click

from tracker.cli import project_named, tracker_cli
from tracker.cli.signals import _parse_date
from tracker.domain.ladder import parse_ladder
from tracker.services.errors import ValidationFailed
from tracker.services.ladder.agreement import set_ladder
from tracker.services.ladder.queries import ladder_json
from tracker.services.ladder.register import open_issues_json


@tracker_cli.command("ladder")
@click.argument("code")
@click.option("--as-of", "as_of", callback=_parse_date, help="Date YYYY-MM-DD (default today).")
@click.option("--lang", type=click.Choice(["en", "nl"]), default="en", show_default=True,
              help="Language of the level names.")
def ladder_command(code: str, as_of: date | None, lang: str) -> None:
    """Print the escalation ladder of project CODE that applies today (or on --as-of)."""
    project = project_named(code)
    click.echo(json.dumps(ladder_json(project, as_of, lang), ensure_ascii=False, indent=2))


def _read_ladder(path: str, code: str):
    """The ladder in FILE.json for project ``code`` and its agreement date, or a clear error
    listing every problem."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as error:
        raise click.ClickException(f"{path}: cannot read the file ({error.strerror}).") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise click.ClickException(f"{path}: not valid UTF-8 JSON ({error}).") from None
    ladder, errors = parse_ladder(data)
    agreed_on = data.get("agreed_on") if isinstance(data, dict) else None
    if agreed_on is not None:
        try:
            agreed_on = date.fromisoformat(agreed_on) if isinstance(agreed_on, str) else None
        except ValueError:
            agreed_on = None
        if agreed_on is None:
            errors.append("agreed_on: must be a date YYYY-MM-DD or null")
    named = data.get("project") if isinstance(data, dict) else None
    if named is not None and str(named).upper() != code.upper():
        errors.append(f"project: the file is for project {named!r}, not {code!r}")
    if errors:
        raise click.ClickException(f"{path}: nothing was changed:\n  " + "\n  ".join(errors))
    return ladder, agreed_on


@tracker_cli.command("set-ladder")
@click.argument("code")
@click.argument("file", type=click.Path(dir_okay=False))
def set_ladder_command(code: str, file: str) -> None:
    """Set the escalation ladder of project CODE from FILE.json (as an admin: no proposal needed).

    The file has the shape `flask tracker ladder` prints; it applies from its "agreed_on" (today
    when null or absent).
    """
    project = project_named(code)
    ladder, agreed_on = _read_ladder(file, project.code)
    try:
        version = set_ladder(project, ladder, agreed_on)
    except ValidationFailed as error:
        raise click.ClickException("; ".join(f"{k}: {' '.join(v)}" for k, v in error.errors.items())) from None
    click.echo(f"Ladder of {project.code} set; it applies from {version.agreed_on.isoformat()}.")


@tracker_cli.command("open-issues")
@click.argument("code")
@click.option("--as-of", "as_of", callback=_parse_date, help="Date YYYY-MM-DD (default today).")
def open_issues_command(code: str, as_of: date | None) -> None:
    """Print the open issues of project CODE with their clock, most urgent first."""
    project = project_named(code)
    click.echo(json.dumps(open_issues_json(project, as_of), ensure_ascii=False, indent=2))
