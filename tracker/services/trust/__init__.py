"""The trust model fed from the database: event facts, the cached trust history, the dashboard and interventions."""
