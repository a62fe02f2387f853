"""Sign-in, passwords and the account settings of one user."""
