"""Fixtures shared by the service tests."""
import pytest

from tracker.services import facts_cache
from tracker.services.trust import load_facts


@pytest.fixture
def facts_reads(monkeypatch) -> list:
    """The ``changed_after`` of every event read `facts_cache` makes (None: all rows), from a fresh process."""
    calls = []

    def recording(project_id, until=None, changed_after=None):
        calls.append(changed_after)
        return load_facts(project_id, until, changed_after)

    monkeypatch.setattr(facts_cache, "load_facts", recording)
    facts_cache.forget()
    return calls
