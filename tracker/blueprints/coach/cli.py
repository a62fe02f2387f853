"""`flask coach refresh-summaries`: bring every project's cached summary up to date (e.g. nightly)."""
import time
from datetime import date

import click

from tracker.blueprints.coach import bp


@bp.cli.command("refresh-summaries")
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Date to compute the figures for (default: today).")
def refresh_summaries(as_of) -> None:
    """Recompute the coach overview's summary of every project whose events or date changed."""
    from tracker.services.portfolio import refresh_all

    started = time.perf_counter()
    count = refresh_all(as_of.date() if as_of else date.today())
    click.echo(f"{count} project summaries up to date in {time.perf_counter() - started:.1f} s")
