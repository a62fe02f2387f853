"""The periodic work behind `flask tracker jobs` and `flask tracker digest`."""
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Project, SignalChange
from tracker.services.notify.digest import queue_digests
from tracker.services.notify.outbox import Delivery, deliver
from tracker.services.notify.reminders import send_reminders
from tracker.services.notify.signal_log import record_signal_changes
from tracker.services.webhooks.delivery import Report as WebhookReport
from tracker.services.webhooks.delivery import deliver_due


@dataclass
class JobsReport:
    """What one run of the jobs did."""

    projects: int = 0
    changes: list[SignalChange] = field(default_factory=list)
    reminded: int = 0
    digests: int = 0
    delivery: Delivery = field(default_factory=Delivery)
    webhooks: WebhookReport | None = None


def run_jobs(as_of: date) -> JobsReport:
    """Record signal changes on every project, queue notifications, reminders and webhooks, send
    mail and the webhook messages that are due."""
    report = JobsReport()
    projects = list(db.session.execute(select(Project).order_by(Project.id)).scalars())
    for project in projects:
        report.changes.extend(record_signal_changes(project, as_of))
    report.projects = len(projects)
    report.reminded = send_reminders(as_of)
    report.delivery = deliver()
    report.webhooks = deliver_due()
    return report


def run_digest(as_of: date) -> JobsReport:
    """Queue the weekly digests due as of a date and send mail."""
    report = JobsReport(digests=queue_digests(as_of))
    report.delivery = deliver()
    return report
