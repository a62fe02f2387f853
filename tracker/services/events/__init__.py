"""Events: logging, editing and retracting them, the rules they obey, queries and the CSV transfer."""
