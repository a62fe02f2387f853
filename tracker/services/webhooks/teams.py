"""The Microsoft Teams payload: an Adaptive Card with the message and a link, for Teams workflows."""
from typing import Any

TITLES = {
    "event.created": "Event logged", "event.changed": "Event changed",
    "signal.raised": "Signal raised", "signal.cleared": "Signal cleared", "action.due": "Action due",
}


def _text_and_link(body: dict[str, Any], base_url: str) -> tuple[str, str]:
    """The line to show and the page it links to, from a queued message body."""
    data = body.get("data", {})
    code = data.get("project", "")
    event = data.get("event")
    if event:
        return f"{event.get('title', '')} ({event.get('occurred_on', '')})", \
            f"{base_url}/projects/{code}/events/{event.get('id')}"
    return str(data.get("message") or data.get("title") or ""), f"{base_url}/projects/{code}/dashboard/"


def adaptive_card(body: dict[str, Any], base_url: str) -> dict[str, Any]:
    """A Teams message holding one Adaptive Card for a queued webhook body."""
    text, link = _text_and_link(body, base_url.rstrip("/"))
    title = f"{TITLES.get(body.get('type'), body.get('type'))} · {body.get('data', {}).get('project', '')}"
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard", "version": "1.4",
        "body": [{"type": "TextBlock", "text": title, "weight": "Bolder", "wrap": True},
                 {"type": "TextBlock", "text": text, "wrap": True}],
        "actions": [{"type": "Action.OpenUrl", "title": "Open in the tracker", "url": link}],
    }
    return {"type": "message",
            "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": card}]}
