"""The outbox and its sender: nothing lost, nothing sent twice, several senders at once."""
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.factories import make_user
from tracker.database import write_transaction
from tracker.extensions import db
from tracker.models import OutboxMail
from tracker.models.base import utcnow
from tracker.services.notify.compose import MailContent, queue_user_mail
from tracker.services.notify.outbox import MAX_ATTEMPTS, backoff, deliver, queue_mail
from tracker.services.notify.transport import parse_smtp_url


def queue(n: int, user=None) -> None:
    with write_transaction():
        for i in range(n):
            queue_mail(f"person{i}@example.test", "test", f"Mail {i}", f"Body {i}")


def statuses() -> dict[str, int]:
    return dict(db.session.execute(select(OutboxMail.status, func.count()).group_by(OutboxMail.status)).all())


def test_smtp_down_then_up_loses_nothing_and_sends_each_mail_once(app, smtp_down):
    queue(3)
    report = deliver()
    assert report.sent == 0 and report.retrying == 3 and report.still_queued == 3 and report.problem
    assert deliver().sent == 0  # backing off: not retried at once
    smtp_down.start()
    later = utcnow() + timedelta(minutes=2)
    assert deliver(now=later).sent == 3
    assert deliver(now=later + timedelta(hours=1)).sent == 0
    assert sorted(m["Subject"] for m in smtp_down.messages) == ["Mail 0", "Mail 1", "Mail 2"]
    assert statuses() == {"sent": 3}


def test_two_senders_at_once_send_every_mail_exactly_once(app, smtp):
    smtp.handler.delay = 0.01  # a slow server keeps both senders busy at the same time
    queue(40)
    reports, errors = [], []

    def sender():
        try:
            with app.app_context():
                reports.append(deliver())
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    ids = [m["Message-ID"] for m in smtp.messages]
    assert len(ids) == 40 and len(set(ids)) == 40
    assert sum(r.sent for r in reports) == 40
    assert statuses() == {"sent": 40}


def test_a_crashed_senders_claim_runs_out_and_another_sends(app, smtp):
    queue(1)
    with write_transaction():
        db.session.execute(OutboxMail.__table__.update().values(
            claimed_until=utcnow() + timedelta(minutes=10), claim_token="dead"))
    assert deliver().sent == 0
    assert deliver(now=utcnow() + timedelta(minutes=11)).sent == 1
    assert len(smtp.messages) == 1


def test_backoff_doubles_and_a_mail_is_given_up_after_its_attempts(app, smtp_down):
    assert [backoff(n).total_seconds() for n in (1, 2, 3)] == [60, 120, 240]
    assert backoff(30) == timedelta(hours=6)
    queue(1)
    now = utcnow()
    for _ in range(MAX_ATTEMPTS):
        deliver(now=now)
        now += timedelta(hours=7)
    assert statuses() == {"failed": 1}


def test_a_dedupe_key_queues_a_mail_once(app):
    with write_transaction():
        assert queue_mail("a@example.test", "digest", "S", "T", dedupe_key="k") is not None
        assert queue_mail("a@example.test", "digest", "S", "T", dedupe_key="k") is None
    assert statuses() == {"queued": 1}


def test_queue_user_mail_builds_in_the_persons_language_inside_the_callers_transaction(app, smtp):
    from flask_babel import gettext as _

    user = make_user("nl@example.test")
    user.locale = "nl"
    db.session.commit()
    with pytest.raises(RuntimeError), write_transaction():
        queue_user_mail(user, "security", lambda: MailContent(subject=_("Inbox")))
        raise RuntimeError("the change failed")
    assert statuses() == {}  # rolled back with its cause
    with write_transaction():
        queue_user_mail(user, "security", lambda: MailContent(subject=_("Inbox"), intro=["x"]))
    deliver()
    assert smtp.messages[0]["Subject"] == "Berichten" and "List-Unsubscribe" not in smtp.messages[0]


@pytest.mark.parametrize("url, expected", [
    ("smtp://mail.example.test:2525", ("smtp", "mail.example.test", 2525, None, None)),
    ("smtp+starttls://me%40x:p%2Fw@mail.example.test", ("smtp+starttls", "mail.example.test", 587, "me@x", "p/w")),
    ("smtps://u:p@mail.example.test", ("smtps", "mail.example.test", 465, "u", "p")),
])
def test_smtp_urls(url, expected):
    s = parse_smtp_url(url)
    assert (s.scheme, s.host, s.port, s.username, s.password) == expected


@pytest.mark.parametrize("url", ["http://mail.example.test", "smtp://", "mail.example.test:25"])
def test_a_wrong_smtp_url_says_what_it_should_look_like(url):
    with pytest.raises(ValueError, match="smtp://host:port"):
        parse_smtp_url(url)


def test_without_an_smtp_url_mails_land_in_the_development_folder(app, tmp_path, client):
    app.config.update(SMTP_URL="", MAIL_DIR=str(tmp_path / "mail"))
    queue(2)
    assert deliver().sent == 2
    assert len(list((tmp_path / "mail").glob("*.eml"))) == 2
    page = client.get("/dev/mail").get_data(as_text=True)
    assert "Mail 0" in page and "Mail 1" in page
    name = sorted(p.stem for p in (tmp_path / "mail").glob("*.eml"))[0]
    assert "Body 0" in client.get(f"/dev/mail/{name}").get_data(as_text=True)
    assert client.get("/dev/mail/../../etc").status_code == 404
    app.config["SMTP_URL"] = "smtp://127.0.0.1:1"
    assert client.get("/dev/mail").status_code == 404


def test_the_development_outbox_is_not_there_in_production(app, client):
    app.config.update(SMTP_URL="", MAIL_DEV_PAGE=False)
    assert client.get("/dev/mail").status_code == 404
