"""Command: demo (fill an empty database with a realistic demo portfolio)."""
from datetime import date

import click

from tracker.cli import tracker_cli
from tracker.services.demo import load as demo


def login_table(result: demo.DemoResult) -> str:
    """The demo logins as a small aligned text table."""
    rows = [("E-MAIL", "NAME", "ROLE", "PROJECTS")]
    rows += [(login.email, login.name, login.role, ", ".join(login.projects) or "-")
             for login in result.logins]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[3]
                     for row in rows)


@tracker_cli.command("demo")
@click.option("--if-empty", is_flag=True,
              help="Skip quietly (exit 0) when the database already has projects, as `make run` does.")
def demo_command(if_empty: bool) -> None:
    """Create demo organisations, users and five projects with a year of events (empty database only)."""
    if if_empty and not demo.demo_is_needed():
        click.echo("The database already has projects; no demo data added.")
        if demo.demo_users_present():
            click.echo("")
            click.echo(login_table(demo.DemoResult(demo.demo_logins(), demo.DEMO_PASSWORD, {})))
            click.echo("")
            click.echo(f"Password for every demo login (unless changed): {demo.DEMO_PASSWORD}")
        return
    try:
        result = demo.create_demo()
    except demo.DemoRefused as error:
        raise click.ClickException(error.message) from None
    from tracker.services.portfolio.overview import refresh_all

    refresh_all(date.today())  # so the coach overview is complete on the first visit
    total = sum(result.events.values())
    click.echo(f"Demo data created: {len(result.events)} projects, {total} events.")
    for code, count in result.events.items():
        click.echo(f"  {code:<12} {count:>4} events")
    click.echo("")
    click.echo(login_table(result))
    click.echo("")
    click.echo(f"Password for every demo login: {result.password}")
