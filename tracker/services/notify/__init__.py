"""Mail and notifications: the outbox and its sender, signal changes, digests, reminders."""
