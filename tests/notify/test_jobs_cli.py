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
