"""Signed webhooks: endpoints per project, an outbox filled in the cause's transaction, delivery."""
from tracker.services.webhooks.outbox import EVENT_TYPES, queue_webhooks  # noqa: F401  (the entry point)
