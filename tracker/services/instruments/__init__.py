"""The periodic instruments: collaboration scan, give and take, phases and the 4c leadership card."""
