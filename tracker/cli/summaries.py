"""Command: refresh-summaries (the coach overview's stored figures; run it nightly)."""
import time
from datetime import date

import click

from tracker.cli import tracker_cli


@tracker_cli.command("refresh-summaries")
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Date to compute the figures for (default: today).")
def refresh_summaries(as_of) -> None:
    """Recompute every project summary whose events, settings or date changed (run it nightly)."""
    from tracker.services.portfolio.overview import refresh_all

    started = time.perf_counter()
    count = refresh_all(as_of.date() if as_of else date.today())
    click.echo(f"{count} project summaries up to date in {time.perf_counter() - started:.1f} s")
