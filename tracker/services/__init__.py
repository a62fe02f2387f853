"""Services: the only layer that opens write transactions."""
