"""Commands: import a paper collaboration scan, print a round's results (docs/contracts.md)."""
import csv
import functools
import io
import json

import click
from flask import current_app, has_request_context

from tracker.cli import project_named, tracker_cli
from tracker.domain.text import clean_text
from tracker.services.errors import ValidationFailed
from tracker.services.events.transfer import RowError
from tracker.services.instruments import scan


def _in_request(func):
    """Run inside a bare request context so service messages can be translated."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if has_request_context():
            return func(*args, **kwargs)
        with current_app.test_request_context():
            return func(*args, **kwargs)
    return wrapper


def read_records(data: bytes) -> list[tuple[int, dict[str, str]]]:
    """(line, cells by column) of every non-empty row; ValidationFailed for a bad file or header."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationFailed([RowError(1, None, "the file is not UTF-8 text")]) from None
    rows = list(enumerate(csv.reader(io.StringIO(clean_text(text), newline="")), start=1))
    if not rows:
        raise ValidationFailed([RowError(1, None, "the file is empty")])
    header = [name.strip().lower() for name in rows[0][1]]
    errors = [RowError(1, name or None, "unknown column") for name in header
              if name not in scan.IMPORT_COLUMNS]
    errors += [RowError(1, name, "missing column") for name in scan.IMPORT_COLUMNS
               if name not in header]
    errors += [RowError(1, name, "column appears twice") for name in set(header)
               if header.count(name) > 1]
    if errors:
        raise ValidationFailed(errors)
    records = []
    for line, cells in rows[1:]:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            errors.append(RowError(line, None, f"{len(cells)} cells, but the header has "
                                               f"{len(header)} columns"))
            continue
        records.append((line, dict(zip(header, cells))))
    if errors:
        raise ValidationFailed(errors)
    return records


@tracker_cli.command("import-scan")
@click.argument("code")
@click.argument("file", metavar="FILE.csv", type=click.File("rb"))
@click.option("--round", "round_name", help="Round name (default: the newest round; a new "
                                            "name creates the round).")
@_in_request
def import_scan(code: str, file, round_name: str | None) -> None:
    """Import a paper scan (respondent,side,statement,score) into project CODE: all or nothing."""
    project = project_named(code)
    try:
        target = scan.import_responses(project, round_name, read_records(file.read()))
    except ValidationFailed as error:
        problems = error.errors if isinstance(error.errors, list) else [
            f"{field}: {message}" for field, messages in error.errors.items() for message in messages]
        for problem in problems:
            click.echo(str(problem), err=True)
        click.echo(f"Nothing imported: {len(problems)} problem(s) in {file.name}.", err=True)
        raise SystemExit(1) from None
    counts = scan.answer_counts(target)
    click.echo(f"Imported into round {target.name!r} of {project.code}: "
               + ", ".join(f"{side.value} {c['respondents']}" for side, c in counts.items())
               + " respondents in total.")


@tracker_cli.command("scan-results")
@click.argument("code")
@click.option("--round", "round_name", help="Round name (default: the newest round).")
def scan_results(code: str, round_name: str | None) -> None:
    """Print the scan-results JSON of project CODE (null where a side has < 3 respondents)."""
    project = project_named(code)
    target = scan.round_named(project, round_name)
    if target is None:
        raise click.ClickException(f"No scan round {round_name!r} in {project.code}." if round_name
                                   else f"Project {project.code} has no scan round yet.")
    click.echo(json.dumps(scan.results_json(project, target), ensure_ascii=False, indent=2))
