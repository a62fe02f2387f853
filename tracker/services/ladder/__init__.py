"""The escalation ladder per project: agreeing versions, reading them, and the open-issues register."""
