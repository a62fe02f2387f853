"""Tests of the pure domain core (tracker.domain)."""
