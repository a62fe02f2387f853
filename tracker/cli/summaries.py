"""Command: refresh-summaries (the coach overview's cached figures and the dashboards' stored histories)."""
import time
from datetime import date

import click

from tracker.cli import tracker_cli


@tracker_cli.command("refresh-summaries")
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Date to compute the figures for (default: today).")
def refresh_summaries(as_of) -> None:
    """Recompute every project summary and today's trust history whose events or date changed (run it nightly)."""
    from tracker.services.history import store_all
    from tracker.services.portfolio import refresh_all

    started = time.perf_counter()
    day = as_of.date() if as_of else date.today()
    count = refresh_all(day)
    click.echo(f"{count} project summaries up to date in {time.perf_counter() - started:.1f} s")
    if day == date.today():  # dashboards read stored histories as of today only
        started = time.perf_counter()
        count = store_all()
        click.echo(f"{count} trust histories up to date in {time.perf_counter() - started:.1f} s")
