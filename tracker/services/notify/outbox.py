"""The outbox: mails are queued in the caller's transaction and delivered later, exactly once.

A sender claims due rows with a lease (PostgreSQL: ``SELECT … FOR UPDATE SKIP LOCKED``; SQLite:
the same conditional UPDATE inside ``BEGIN IMMEDIATE``, which serialises writers), sends them,
and marks each one sent only if it still holds the claim. A failed attempt is retried later with
exponential backoff; a sender that dies leaves its rows to the next sender once the lease ends.
"""
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime

from flask import current_app
from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError

from tracker.database import write_transaction
from tracker.extensions import db
from tracker.models import OutboxMail, User
from tracker.models.base import utcnow
from tracker.services.notify.transport import Rejected, TransportDown, open_transport

LEASE = timedelta(minutes=10)  # far longer than one batch takes; a dead sender's rows return after it
MAX_ATTEMPTS = 12  # about four days of backoff before a mail is given up
BATCH = 50


def backoff(attempts: int) -> timedelta:
    """Wait before the next try: one minute, doubling per failed attempt, at most six hours."""
    return timedelta(seconds=min(60 * 2 ** max(attempts - 1, 0), 6 * 3600))


def queue_mail(to_address: str, kind: str, subject: str, text: str, html: str = "", *,
               user: User | None = None, headers: dict | None = None,
               dedupe_key: str | None = None) -> OutboxMail | None:
    """Add a mail to the outbox in the current transaction (the caller commits).

    With a ``dedupe_key`` the mail is queued at most once ever; None when it already was.
    """
    if dedupe_key and db.session.execute(
            select(OutboxMail.id).where(OutboxMail.dedupe_key == dedupe_key)).first():
        return None
    mail = OutboxMail(to_address=to_address, user_id=user.id if user else None, kind=kind,
                      subject=subject[:300], body_text=text, body_html=html,
                      headers=json.dumps(headers or {}), dedupe_key=dedupe_key)
    try:
        with db.session.begin_nested():  # a concurrent twin loses only this insert
            db.session.add(mail)
    except IntegrityError:
        return None
    return mail


def build_message(mail: OutboxMail) -> EmailMessage:
    """The MIME message of an outbox row: plain text plus an HTML alternative."""
    message = EmailMessage()
    sender = current_app.config["MAIL_FROM"]
    message["From"] = sender
    message["To"] = mail.to_address
    message["Subject"] = mail.subject
    message["Date"] = format_datetime(mail.created_at.replace(tzinfo=timezone.utc))
    domain = sender.rsplit("@", 1)[-1].strip("> ") or "tracker.localhost"
    # Stable per row: should a mail ever go out twice (a crash between SMTP and our commit),
    # receiving servers and mail clients recognise the copy.
    message["Message-ID"] = f"<outbox-{mail.id}.{mail.created_at:%Y%m%d%H%M%S}@{domain}>"
    message["Auto-Submitted"] = "auto-generated"
    for name, value in json.loads(mail.headers or "{}").items():
        message[name] = value
    message.set_content(mail.body_text)
    if mail.body_html:
        message.add_alternative(mail.body_html, subtype="html")
    return message


@dataclass
class Delivery:
    """What one run of the sender did."""

    sent: int = 0
    retrying: int = 0
    given_up: int = 0
    still_queued: int = 0
    problem: str | None = None


def _claim(now: datetime, limit: int) -> tuple[str, list[int]]:
    """Take up to ``limit`` due, unclaimed rows for this sender; returns its token and the ids."""
    token = secrets.token_hex(8)
    free = or_(OutboxMail.claimed_until.is_(None), OutboxMail.claimed_until < now)
    with write_transaction():
        query = (select(OutboxMail.id).where(OutboxMail.status == "queued",
                                             OutboxMail.next_attempt_at <= now, free)
                 .order_by(OutboxMail.id).limit(limit))
        if db.engine.dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        ids = list(db.session.execute(query).scalars())
        if ids:
            db.session.execute(update(OutboxMail).where(OutboxMail.id.in_(ids), free,
                                                        OutboxMail.status == "queued")
                               .values(claimed_until=now + LEASE, claim_token=token))
    won = list(db.session.execute(select(OutboxMail.id).where(OutboxMail.claim_token == token)
                                  .order_by(OutboxMail.id)).scalars()) if ids else []
    db.session.commit()
    return token, won


def _finish(mail_id: int, token: str, **values) -> bool:
    """Record the outcome of one attempt, if this sender still holds the claim."""
    with write_transaction():
        result = db.session.execute(update(OutboxMail).where(OutboxMail.id == mail_id,
                                                             OutboxMail.claim_token == token)
                                    .values(claimed_until=None, claim_token=None, **values))
    return result.rowcount == 1


def _failed(mail: OutboxMail, token: str, error: str, now: datetime, report: Delivery,
            permanent: bool = False) -> None:
    """Count a failed attempt: retry later with backoff, or give up."""
    attempts = mail.attempts + 1
    if permanent or attempts >= MAX_ATTEMPTS:
        report.given_up += _finish(mail.id, token, status="failed", attempts=attempts,
                                   last_error=error[:300])
    else:
        report.retrying += _finish(mail.id, token, attempts=attempts, last_error=error[:300],
                                   next_attempt_at=now + backoff(attempts))


def deliver(now: datetime | None = None, limit: int = 500) -> Delivery:
    """Send what is due (up to ``limit`` mails); never raises for a mail server that is down."""
    now = now or utcnow()
    report = Delivery()
    while report.sent + report.retrying + report.given_up < limit:
        token, ids = _claim(now, min(BATCH, limit))
        if not ids:
            break
        mails = list(db.session.execute(select(OutboxMail).where(OutboxMail.id.in_(ids))
                                        .order_by(OutboxMail.id)).scalars())
        db.session.commit()
        try:
            with open_transport() as transport:
                for mail in mails:
                    try:
                        transport.send(f"{mail.id:06d}-{mail.kind}", build_message(mail))
                    except Rejected as error:
                        _failed(mail, token, str(error), now, report, permanent=True)
                        continue
                    _finish(mail.id, token, status="sent", sent_at=utcnow(), last_error=None)
                    report.sent += 1
        except TransportDown as error:
            report.problem = str(error)
            for mail in mails:  # only the rows not finished above still carry our token
                _failed(mail, token, str(error), now, report)
            break
    report.still_queued = db.session.execute(select(func.count()).select_from(OutboxMail)
                                             .where(OutboxMail.status == "queued")).scalar_one()
    db.session.commit()
    return report

