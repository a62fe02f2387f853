"""Weekly digest, reminders, preferences, unsubscribe and the inbox."""
from datetime import date
from urllib.parse import urlsplit

from sqlalchemy import select

from tests.factories import csrf_token, login, make_event
from tests.notify.conftest import seated, third_party_chain
from tracker.extensions import db
from tracker.models import Notification, NotificationPreference, ScanRound
from tracker.services.notify import preferences
from tracker.services.notify.jobs import run_digest, run_jobs


def raised_world():
    world = seated()
    run_jobs(date(2025, 3, 2))
    third_party_chain(world)
    run_jobs(date(2025, 3, 12))
    return world


def test_the_digest_says_what_changed_and_goes_once_per_week(app, smtp):
    world = raised_world()
    smtp.messages.clear()
    assert run_digest(date(2025, 3, 13)).digests >= 1
    (member,) = smtp.handler.to("member@example.test")
    text = member.get_body(("plain",)).get_content()
    assert member["Subject"] == "Your week in Tracker: 1 project(s) with news"
    assert "Ring Noord (" in text and "Raised: An issue is with a third party" in text
    assert "New events by the other party this week: 1" in text and "Escalations this week: 1" in text
    assert "Personal trust:" in text and "/dashboard" in text
    assert "Elsewhere" not in text  # not the member's project
    assert not smtp.handler.to(world.outsider.email)  # nothing new on their own project
    (dutch,) = smtp.handler.to("client@example.test")
    assert "Gemeld: Een kwestie ligt bij een derde partij" in dutch.get_body(("plain",)).get_content()
    (coach,) = smtp.handler.to("coach@example.test")
    assert "New events this week: 1" in coach.get_body(("plain",)).get_content()
    count = len(smtp.messages)
    assert run_digest(date(2025, 3, 14)).digests == 0  # same ISO week
    assert run_digest(date(2025, 3, 16)).digests == 0
    assert len(smtp.messages) == count
    # The week after, nothing new happened: nothing to say, no mail.
    assert run_digest(date(2025, 3, 24)).digests == 0


def test_a_digest_turned_off_is_not_sent(app, smtp):
    world = raised_world()
    preferences.save(world.member, {(None, "digest"): "off"})
    run_digest(date(2025, 3, 13))
    assert not smtp.handler.to("member@example.test")


def test_a_project_set_to_off_tells_nothing_for_it(app, smtp):
    world = seated()
    run_jobs(date(2025, 3, 2))
    preferences.save(world.coach, {(world.project.id, "signal_alert"): "off"})
    preferences.save(world.client, {(world.project.id, "signal_alert"): "digest"})
    preferences.save(world.member, {(None, "signal_alert"): "now"})
    preferences.save(world.member, {(world.other.id, "signal_alert"): "off"})  # not their project: ignored
    third_party_chain(world)
    run_jobs(date(2025, 3, 12))
    assert sorted(m["To"] for m in smtp.messages) == ["contractor@example.test", "member@example.test"]
    assert not db.session.execute(select(Notification).where(Notification.user_id == world.coach.id)).first()
    assert not db.session.execute(select(NotificationPreference).where(
        NotificationPreference.project_id == world.other.id)).first()


def test_one_click_unsubscribe_turns_that_kind_off(app, smtp, client):
    world = seated()
    run_jobs(date(2025, 3, 2))
    third_party_chain(world)
    run_jobs(date(2025, 3, 12))
    (mail,) = smtp.handler.to("coach@example.test")
    url = urlsplit(mail["List-Unsubscribe"].strip("<>")).path
    assert client.get(url).status_code == 200
    assert preferences.settings_of(world.coach) == {}  # asking is not doing
    # what a mail client does (RFC 8058): a POST without any CSRF token
    response = client.post(url, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    db.session.commit()  # end the test's read snapshot
    assert preferences.settings_of(world.coach) == {(None, "signal_alert"): "off"}  # other kinds stay
    assert client.post(url[:-3] + "abc").status_code == 404


def test_reminders_quiet_project_and_open_scan_round(app, smtp):
    world = seated()
    make_event(world.project, world.client, occurred_on=date(2025, 3, 1), kind="moment")
    db.session.add(ScanRound(project_id=world.project.id, name="Voorjaar", opens_on=date(2025, 3, 20),
                             closes_on=date(2025, 4, 10)))
    db.session.commit()
    run_jobs(date(2025, 3, 24))
    quiet = [m for m in smtp.messages if "gone quiet" in m["Subject"] or "stil" in m["Subject"]]
    assert sorted((m["To"], m["Subject"].split()[0]) for m in quiet) == [
        ("client@example.test", "Het"), ("contractor@example.test", "Ring"), ("outsider@example.test", "Elsewhere")]
    scan = [m for m in smtp.messages if "Scan" in m["Subject"]]
    assert sorted(m["To"] for m in scan) == ["client@example.test", "contractor@example.test",
                                             "member@example.test"]  # never the coach
    text = smtp.handler.to("member@example.test")[0].get_body(("plain",)).get_content()
    assert "0 of 3 members have answered" in text
    before = len(smtp.messages)
    run_jobs(date(2025, 3, 25))  # same week: no second reminder
    assert len(smtp.messages) == before


def test_the_inbox_shows_notifications_with_an_unread_count(app, smtp, client):
    world = seated()
    run_jobs(date(2025, 3, 2))
    third_party_chain(world)
    run_jobs(date(2025, 3, 12))
    login(client, world.member)
    page = client.get("/").get_data(as_text=True)
    assert "inbox-count" in page
    inbox = client.get("/inbox").get_data(as_text=True)
    assert "An issue is with a third party" in inbox and "also in your weekly digest" in inbox
    note = db.session.execute(select(Notification).where(Notification.user_id == world.member.id)).scalar_one()
    other = db.session.execute(select(Notification).where(Notification.user_id == world.coach.id)).scalar_one()
    token = csrf_token(client, "/inbox")
    assert client.post(f"/inbox/{other.id}/open", data={"csrf_token": token}).status_code == 404
    response = client.post(f"/inbox/{note.id}/open", data={"csrf_token": token})
    assert response.status_code == 302 and response.location.endswith(f"/projects/{world.project.code}/dashboard")
    assert "inbox-count" not in client.get("/").get_data(as_text=True)


def test_the_settings_page_saves_choices(app, client):
    world = seated()
    login(client, world.member)
    url = "/account/notifications"
    assert client.get(url).status_code == 200
    response = client.post(url, data={"csrf_token": csrf_token(client, url), "pref-all-digest": "off",
                                      f"pref-{world.project.id}-signal_alert": "now",
                                      f"pref-{world.other.id}-signal_alert": "now",
                                      "pref-all-reminder": "bogus", "pref-x-y": "now"})
    assert response.status_code == 302
    db.session.commit()
    stored = preferences.settings_of(world.member)
    assert stored == {(None, "digest"): "off", (world.project.id, "signal_alert"): "now"}


def test_an_action_due_or_overdue_reminds_its_owner_only_and_once_a_week(app, smtp):
    from tracker.models import Action, ActionStatus

    world = seated()
    make_event(world.project, world.client, occurred_on=date(2025, 3, 20), kind="moment")
    action = Action(project_id=world.project.id, title="Gezamenlijke tijdlijn maken", owner_id=world.client.id,
                    due_on=date(2025, 3, 26), status=ActionStatus.OPEN, created_on=date(2025, 3, 10))
    db.session.add(action)
    db.session.commit()
    run_jobs(date(2025, 3, 21))  # five days before: not yet
    assert not [m for m in smtp.messages if "Gezamenlijke" in m["Subject"]]
    run_jobs(date(2025, 3, 24))
    (due,) = [m for m in smtp.messages if "Gezamenlijke" in m["Subject"]]
    assert due["To"] == "client@example.test" and due["Subject"].startswith("Actie")  # the owner's language
    assert f"/actions/{action.id}" in due.get_body(("plain",)).get_content()
    run_jobs(date(2025, 3, 25))  # same week: nothing new
    run_jobs(date(2025, 4, 1))  # overdue the next week: reminded again
    overdue = [m for m in smtp.messages if "Gezamenlijke" in m["Subject"]]
    assert len(overdue) == 2 and "nog open" in overdue[1].get_body(("plain",)).get_content()
    db.session.get(Action, action.id).status = ActionStatus.DONE
    db.session.commit()
    run_jobs(date(2025, 4, 8))
    assert len([m for m in smtp.messages if "Gezamenlijke" in m["Subject"]]) == 2


def test_the_digest_mentions_actions_only_when_that_is_news(app, smtp):
    from tracker.models import Action, ActionStatus

    world = seated()
    make_event(world.project, world.client, occurred_on=date(2025, 3, 1), kind="moment")
    db.session.add(Action(project_id=world.project.id, title="Tijdlijn", owner_id=world.client.id,
                          due_on=date(2025, 4, 30), status=ActionStatus.OPEN, created_on=date(2025, 3, 3)))
    db.session.commit()
    run_digest(date(2025, 3, 6))  # taken this week: news
    (mail,) = smtp.handler.to("member@example.test")
    assert "Actions: 1 open, of which 0 overdue; 1 taken this week" in mail.get_body(("plain",)).get_content()
    smtp.messages.clear()
    run_digest(date(2025, 3, 20))  # still open, not late, nothing else new: no mail
    assert not smtp.handler.to("member@example.test")
    run_digest(date(2025, 5, 8))  # overdue: news again
    (late,) = smtp.handler.to("member@example.test")
    assert "of which 1 overdue" in late.get_body(("plain",)).get_content()
