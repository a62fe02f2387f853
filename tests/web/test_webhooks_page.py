"""The project's webhooks page: a manager registers an endpoint and sees its secret once; bad input is refused."""
import re

from tests.factories import add_member, csrf_token, login, make_project, make_user


def test_a_manager_registers_an_endpoint_and_sees_its_secret_once(app, client):
    app.config["WEBHOOKS_ALLOW_PRIVATE"] = True
    project, manager = make_project("HOOKS"), make_user()
    add_member(project, manager, "client", "manager")
    login(client, manager)
    token = csrf_token(client, "/projects/HOOKS/webhooks")
    answer = client.post("/projects/HOOKS/webhooks", data={
        "csrf_token": token, "url": "http://127.0.0.1:9/hook", "event_types": ["signal.raised", "event.created"],
        "payload_format": "standard"})
    html = answer.get_data(as_text=True)
    assert answer.status_code == 201
    secret = re.search(r'id="new-secret">(whsec_[^<]+)<', html).group(1)
    assert "shown only this once" in html
    again = client.get("/projects/HOOKS/webhooks").get_data(as_text=True)
    assert secret not in again and "127.0.0.1:9/hook" in again
    refused = client.post("/projects/HOOKS/webhooks", data={"csrf_token": token, "url": "", "payload_format": "standard"})
    assert refused.status_code in (400, 422) and "new-secret" not in refused.get_data(as_text=True)
