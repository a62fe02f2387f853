"""Commands: import-events and export-events (the event CSV of docs/contracts.md)."""
import click

from tracker.cli import project_named, tracker_cli
from tracker.services.errors import ValidationFailed
from tracker.services.events import importing
from tracker.services.events import transfer as event_csv


@tracker_cli.command("import-events")
@click.argument("code")
@click.argument("file", metavar="FILE.csv", type=click.File("rb"))
def import_events(code: str, file) -> None:
    """Import events from a CSV file into project CODE (all new rows, or nothing on any error).

    Rows whose id or ref the project already has, unchanged, are skipped (re-importing is safe).
    """
    project = project_named(code)
    try:
        plan = importing.import_csv(project, file.read(), None)
    except ValidationFailed as error:
        for problem in error.errors:
            click.echo(str(problem), err=True)
        click.echo(f"Nothing imported: {len(error.errors)} problem(s) in {file.name}.", err=True)
        raise SystemExit(1) from None
    views = f" with {plan.views_added} views of the other party" if plan.views_added else ""
    skipped = f" ({len(plan.skipped)} rows already there, skipped)" if plan.skipped else ""
    click.echo(f"Imported {plan.added} events{views} into {project.code}{skipped}")


@tracker_cli.command("export-events")
@click.argument("code")
@click.argument("file", required=False, type=click.Path(dir_okay=False, writable=True))
def export_events(code: str, file: str | None) -> None:
    """Export every event of project CODE as CSV to FILE (or to standard output)."""
    text = event_csv.export_events(project_named(code))
    if file is None:
        click.echo(text, nl=False)
        return
    with open(file, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    click.echo(f"Exported the events of {code} to {file}", err=True)
