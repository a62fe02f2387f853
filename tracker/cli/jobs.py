"""Commands: `jobs` (signals, notifications, reminders, mail) and `digest` (weekly digests)."""
import time
from datetime import date

import click

from tracker.cli import tracker_cli
from tracker.cli.signals import _parse_date
from tracker.services.notify.jobs import JobsReport, run_digest, run_jobs


def _say(report: JobsReport) -> None:
    """One line per part of the work; the mail line says when mails stay queued."""
    if report.projects:
        baseline = sum(c.baseline for c in report.changes)
        click.echo(f"Signals: {report.projects} project(s) checked, {len(report.changes) - baseline} "
                   f"change(s) recorded" + (f", {baseline} recorded as the starting state (not mailed)"
                                            if baseline else "") + ".")
        click.echo(f"Reminders: {report.reminded} person(s) reminded.")
    if report.digests or not report.projects:
        click.echo(f"Digests: {report.digests} queued.")
    d = report.delivery
    line = f"Mail: {d.sent} sent"
    if d.given_up:
        line += f", {d.given_up} given up"
    if d.problem:
        line += f"; the mail server is not reachable ({d.problem}), {d.still_queued} mail(s) stay queued " \
                "and are retried later"
    elif d.still_queued:
        line += f"; {d.still_queued} mail(s) wait for their next attempt"
    click.echo(line + ".")
    if report.webhooks is not None:
        w = report.webhooks
        click.echo(f"Webhooks: {w.delivered} delivered, {w.retrying} to retry, {w.failed} failed, "
                   f"{len(w.disabled)} endpoint(s) switched off.")


@tracker_cli.command("jobs")
@click.option("--as-of", "as_of", callback=_parse_date, help="Date YYYY-MM-DD (default today).")
@click.option("--every", type=click.IntRange(min=1), default=None,
              help="Keep running: repeat every N seconds (development).")
def jobs_command(as_of: date | None, every: int | None) -> None:
    """Record signal changes, queue notifications, reminders and webhooks, deliver mail and webhooks."""
    if every is None:
        _say(run_jobs(as_of or date.today()))
        return
    while True:  # development loop: one failed round (a locked database, say) does not end it
        try:
            _say(run_jobs(as_of or date.today()))
        except Exception as error:  # noqa: BLE001 - reported, retried next round
            click.echo(f"This round failed and is retried in {every} s: {error}", err=True)
        time.sleep(every)


@tracker_cli.command("digest")
@click.option("--as-of", "as_of", callback=_parse_date, help="Date YYYY-MM-DD (default today).")
def digest_command(as_of: date | None) -> None:
    """Queue and deliver the weekly digests (once per person per week)."""
    _say(run_digest(as_of or date.today()))
