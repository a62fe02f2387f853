"""What administrators manage: users, organisations, projects, memberships and the factor catalogue."""
