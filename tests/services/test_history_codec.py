"""The stored-history codec is exact for any event history (hypothesis; no database needed)."""
from hypothesis import HealthCheck, given, settings

from tests.domain.test_properties import AS_OF, history_st
from tracker.domain.settings import TrustSettings
from tracker.services import history_store
from tracker.services.history import TrustHistory, compute_history


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history_st(max_size=60))
def test_every_history_reads_back_equal(events):
    computed = compute_history(events, AS_OF, TrustSettings(), active=True)
    text = history_store._json.dumps(computed)
    assert history_store._json.loads(text, TrustHistory) == computed
