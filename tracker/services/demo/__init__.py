"""The demo portfolio: five stories of partnerships and the accounts to explore them."""
