"""Signal changes: recorded once, announced by preference, in each person's language."""
from datetime import date
from urllib.parse import urlsplit

from sqlalchemy import select

from tests.factories import login, make_event
from tests.notify.conftest import seated, third_party_chain
from tracker.extensions import db
from tracker.models import Notification, OutboxMail, SignalChange
from tracker.services.notify import preferences
from tracker.services.notify.jobs import run_jobs


def on(project, found: list[SignalChange]) -> list[tuple]:
    """Code, change and severity of the changes recorded for one project."""
    return [(c.code, c.change, c.severity) for c in found if c.project_id == project.id]


def test_the_first_run_records_the_state_without_telling_anyone(app, smtp):
    world = seated()
    third_party_chain(world)
    report = run_jobs(date(2025, 3, 12))
    assert on(world.project, report.changes) == [("third_party", "raised", "alert")]
    assert all(c.baseline for c in report.changes)
    assert smtp.messages == []
    assert db.session.execute(select(Notification)).first() is None
    again = run_jobs(date(2025, 3, 12))
    assert again.changes == [] and smtp.messages == []


def test_a_raised_alert_is_mailed_once_to_managers_and_coaches_in_their_language(app, smtp, client):
    world = seated()
    run_jobs(date(2025, 3, 2))  # the starting state: nothing raised
    third_party_chain(world)
    report = run_jobs(date(2025, 3, 12))
    assert on(world.project, report.changes) == [("third_party", "raised", "alert")]
    assert sorted(m["To"] for m in smtp.messages) == ["client@example.test", "coach@example.test",
                                                      "contractor@example.test"]
    dutch, english = smtp.handler.to("client@example.test")[0], smtp.handler.to("coach@example.test")[0]
    assert dutch["Subject"] == "Alarm bij Ring Noord: Een kwestie ligt bij een derde partij"
    assert english["Subject"] == "Alert on Ring Noord: An issue is with a third party"
    text = dutch.get_body(("plain",)).get_content()
    assert "Hallo Client Person" in text and "mediation" not in text.lower() or "bemiddeling" in text.lower()
    html = dutch.get_body(("html",)).get_content()
    assert "<img" not in html and "http" in html
    assert dutch["List-Unsubscribe"].startswith("<http") and dutch["List-Unsubscribe-Post"] == \
        "List-Unsubscribe=One-Click"
    link = next(w for w in text.split() if "/dashboard" in w)
    login(client, world.client)
    assert client.get(urlsplit(link).path).status_code == 200
    # The member gets it in the digest (and the inbox); nobody else hears of it.
    member_note = db.session.execute(select(Notification).where(
        Notification.user_id == world.member.id)).scalar_one()
    assert member_note.delivery == "digest"
    assert db.session.execute(select(Notification).where(
        Notification.user_id == world.outsider.id)).first() is None
    run_jobs(date(2025, 3, 12))
    run_jobs(date(2025, 3, 13))
    assert len(smtp.messages) == 3


def test_a_cleared_flag_is_good_news(app, smtp):
    world = seated()
    make_event(world.project, world.client, occurred_on=date(2025, 3, 1), kind="moment")
    run_jobs(date(2025, 3, 2))
    preferences.save(world.contractor, {(None, "signal_cleared"): "now", (None, "reminder"): "off"})
    for person in (world.client, world.outsider):
        preferences.save(person, {(None, "reminder"): "off"})
    raised = run_jobs(date(2025, 4, 20)).changes
    assert on(world.project, raised) == [("silence", "raised", "warning")]
    assert smtp.messages == []  # a warning goes in the digest by default
    make_event(world.project, world.client, occurred_on=date(2025, 4, 21), kind="moment")
    cleared = [c for day in (22, 29) for c in run_jobs(date(2025, 4, day)).changes]
    assert on(world.project, cleared) == [("silence", "cleared", "warning")]
    assert [m["Subject"] for m in smtp.messages] == ["Good news on Ring Noord: “It has gone quiet” has cleared"]
    assert smtp.messages[0]["To"] == "contractor@example.test"


def test_nobody_is_told_about_a_project_they_are_not_in(app, smtp):
    world = seated()
    run_jobs(date(2025, 3, 2))
    third_party_chain(world)
    run_jobs(date(2025, 3, 12))
    outsider = world.outsider.email
    assert not smtp.handler.to(outsider)
    assert not db.session.execute(select(OutboxMail).where(OutboxMail.to_address == outsider)).first()


def test_the_dashboard_says_since_when_a_flag_is_active_from_the_log(app, client):
    world = seated()
    third_party_chain(world)
    db.session.add(SignalChange(project_id=world.project.id, code="third_party", severity="alert",
                                change="raised", on_date=date(2025, 3, 11)))
    db.session.commit()
    login(client, world.coach)
    html = client.get(f"/projects/{world.project.code}/dashboard").get_data(as_text=True)
    assert "Raised on 2025-03-11" in html
    past = client.get(f"/projects/{world.project.code}/dashboard?date_to=2025-06-01").get_data(as_text=True)
    assert "Raised on 2025-03-11" not in past and "Raised on 2025-" in past  # a past view: the walk's date
