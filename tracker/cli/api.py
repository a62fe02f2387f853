"""Commands for the API: print a personal access token, deliver due webhooks."""
import click

from tracker.cli import tracker_cli
from tracker.cli.scan import _in_request
from tracker.services.accounts import tokens
from tracker.services.accounts.users import find_user
from tracker.services.errors import ValidationFailed
from tracker.services.webhooks.delivery import deliver_due


@tracker_cli.command("create-token")
@click.argument("email")
@click.option("--name", required=True, help="What the token is for, e.g. the tool that uses it.")
@click.option("--write", is_flag=True, help="Allow changes (default: read only).")
@click.option("--days", type=int, default=tokens.DEFAULT_DAYS, show_default=True, help="Days until it expires.")
@_in_request
def create_token_command(email: str, name: str, write: bool, days: int) -> None:
    """Print a new personal access token for the user EMAIL (shown only this once)."""
    user = find_user(email)
    if user is None:
        raise click.ClickException(f"No user with e-mail address {email!r}.")
    try:
        issued = tokens.issue(user, name, write=write, days=days)
    except ValidationFailed as error:
        raise click.ClickException("; ".join(f"--{k}: {' '.join(v)}" for k, v in error.errors.items())) from None
    click.echo(issued.secret)


@tracker_cli.command("deliver-webhooks")
def deliver_webhooks_command() -> None:
    """Send the webhook messages that are due (safe to run often and concurrently)."""
    report = deliver_due()
    click.echo(f"delivered {report.delivered}, retrying {report.retrying}, failed {report.failed}, "
               f"endpoints switched off {len(report.disabled)}")
