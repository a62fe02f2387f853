"""`flask tracker jobs` and `flask tracker digest` on the command line."""
from datetime import date

from tests.notify.conftest import seated, third_party_chain
from tracker.services.notify.jobs import run_jobs


def test_jobs_records_changes_and_says_so(app, runner, smtp):
    world = seated()
    first = runner.invoke(args=["tracker", "jobs", "--as-of", "2025-03-02"])
    assert first.exit_code == 0, first.output
    assert "Signals: 2 project(s) checked, 0 change(s) recorded" in first.output
    third_party_chain(world)
    result = runner.invoke(args=["tracker", "jobs", "--as-of", "2025-03-12"])
    assert result.exit_code == 0
    assert "1 change(s) recorded" in result.output and "Mail: 3 sent." in result.output


def test_the_first_run_says_it_records_the_starting_state(app, runner, smtp):
    world = seated()
    third_party_chain(world)
    result = runner.invoke(args=["tracker", "jobs", "--as-of", "2025-03-12"])
    assert "recorded as the starting state (not mailed)" in result.output
    assert smtp.messages == []


def test_jobs_exits_0_when_the_mail_server_is_down_and_says_the_mails_wait(app, runner, smtp_down):
    world = seated()
    run_jobs(date(2025, 3, 2))
    third_party_chain(world)
    result = runner.invoke(args=["tracker", "jobs", "--as-of", "2025-03-12"])
    assert result.exit_code == 0
    assert "the mail server is not reachable" in result.output and "3 mail(s) stay queued" in result.output


def test_digest_command_once_per_week(app, runner, smtp):
    world = seated()
    run_jobs(date(2025, 3, 2))
    third_party_chain(world)
    run_jobs(date(2025, 3, 12))
    first = runner.invoke(args=["tracker", "digest", "--as-of", "2025-03-13"])
    assert first.exit_code == 0 and "Digests: 4 queued." in first.output
    again = runner.invoke(args=["tracker", "digest", "--as-of", "2025-03-14"])
    assert "Digests: 0 queued." in again.output


def test_a_bad_date_is_a_clear_error(app, runner):
    result = runner.invoke(args=["tracker", "jobs", "--as-of", "12-03-2025"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_a_raised_signal_reaches_the_subscribed_webhook_signed(app, runner, smtp):
    """The jobs command queues signal.raised (with the flag as the signals JSON writes it) and
    delivers it to a real receiver; endpoints that did not subscribe get nothing."""
    import threading
    from http.server import HTTPServer

    from standardwebhooks import Webhook

    from tests.services.test_webhooks import _Receiver
    from tracker.extensions import db
    from tracker.services.access import project_access
    from tracker.services.webhooks import endpoints

    app.config["WEBHOOKS_ALLOW_PRIVATE"] = True
    world = seated()
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/hook"
    with app.test_request_context():
        signals = endpoints.register(project_access(world.client, world.project.code), url,
                                     ["signal.raised", "signal.cleared"], "standard", world.client)
        endpoints.register(project_access(world.client, world.project.code), url + "/events",
                           ["event.created"], "standard", world.client)
    db.session.commit()
    _Receiver.received.clear()
    try:
        run_jobs(date(2025, 3, 2))  # the starting state: recorded, never sent
        third_party_chain(world)
        result = runner.invoke(args=["tracker", "jobs", "--as-of", "2025-03-12"])
    finally:
        server.shutdown()
        server.server_close()
    # the chain's three event.created messages (other endpoint) and the one signal.raised
    assert "Webhooks: 4 delivered, 0 to retry" in result.output, result.output
    (headers, body), = [r for r in _Receiver.received if "signal" in r[1].decode()]
    payload = Webhook(signals.secret).verify(body, {k.lower(): v for k, v in headers.items()})
    assert payload["type"] == "signal.raised" and payload["data"]["project"] == world.project.code
    assert payload["data"]["code"] == "third_party" and payload["data"]["flag"]["severity"] == "alert"
    assert payload["data"]["flag"]["evidence"]["event_ids"]
