"""Commands: backup and restore."""
import click

from tracker.cli import tracker_cli
from tracker.services.backup import BackupError, backup_sqlite, restore_sqlite


@tracker_cli.command("backup")
@click.argument("file", type=click.Path(dir_okay=False))
def backup_command(file: str) -> None:
    """Write a consistent copy of the SQLite database to FILE (safe while the app runs)."""
    try:
        path = backup_sqlite(file)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backup written to {path}")


@tracker_cli.command("restore")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore_command(file: str, yes: bool) -> None:
    """Replace the SQLite database with the backup FILE (stop the app first)."""
    if not yes:
        click.confirm("This replaces every record in the database with the backup. Continue?",
                      abort=True)
    try:
        restore_sqlite(file)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Database restored from {file}")
