"""`deliver-webhooks`: sends what is due and says what happened."""
from tests.factories import add_member, make_event, make_project, make_user
from tracker.extensions import db
from tracker.models.webhook import WebhookDelivery, WebhookEndpoint


def test_deliver_webhooks_reports_and_retries_a_refused_address(app, runner):
    project = make_project("CLIHOOK")
    manager = make_user()
    add_member(project, manager, "client", "manager")
    db.session.add(WebhookEndpoint(project_id=project.id, url="https://127.0.0.1/hook", secret="whsec_" + "a" * 44,
                                   event_types=["event.created"]))
    db.session.commit()
    make_event(project, manager)
    result = runner.invoke(args=["tracker", "deliver-webhooks"])
    assert result.exit_code == 0, result.output
    assert "delivered 0, retrying 1, failed 0" in result.output
    delivery = db.session.scalars(db.select(WebhookDelivery)).one()
    assert delivery.status == "pending" and "private" in delivery.error and delivery.attempts == 1
