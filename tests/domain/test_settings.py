"""TrustSettings: documented defaults and strict overrides from a plain mapping."""
import pytest

from tracker.domain.settings import TrustSettings


def test_defaults_match_the_domain_brief():
    s = TrustSettings()
    assert (s.half_life_days, s.low_confidence_below, s.crowding_window_days) == (60, 5, 90)
    assert (s.crowding_share_rise, s.crowding_personal_drop, s.min_events_per_window) == (0.15, 7.5, 6)
    assert s.hysteresis_clear_weeks == 2 and s.crowding_alert_below == 50
    assert (s.over_reliance_personal_min, s.over_reliance_system_max) == (75, 50)
    assert (s.over_reliance_system_drop, s.over_reliance_share_max) == (7.5, 0.10)
    assert (s.surge_window_days, s.surge_baseline_days, s.surge_min_count, s.surge_factor) == (30, 90, 2, 2)
    assert (s.perception_gap_points, s.perception_gap_min_events) == (20, 5)
    assert s.silence_days == 42


def test_every_field_is_documented_in_docs_model_md():
    from pathlib import Path
    doc = (Path(__file__).parents[2] / "docs" / "model.md").read_text(encoding="utf-8")
    missing = [name for name in TrustSettings.field_names() if f"`{name}`" not in doc]
    assert missing == []


def test_from_mapping_overrides_only_given_keys():
    s = TrustSettings.from_mapping({"half_life_days": 45, "silence_days": 30.0})
    assert s.half_life_days == 45.0 and isinstance(s.half_life_days, float)
    assert s.silence_days == 30 and isinstance(s.silence_days, int)
    assert s.low_confidence_below == 5
    assert TrustSettings.from_mapping({}) == TrustSettings() == TrustSettings.from_mapping(None)


@pytest.mark.parametrize("mapping,words", [
    ({"half_lief_days": 3}, "unknown trust setting(s): half_lief_days"),
    ({"silence_days": 1.5}, "whole number"),
    ({"half_life_days": "60"}, "must be a number"),
    ({"half_life_days": True}, "must be a number"),
    ({"half_life_days": None}, "must be a number"),
    ({"half_life_days": 0}, "greater than zero"),
    ({"crowding_share_rise": 2}, "between 0 and 1"),
    ({"perception_gap_points": -1}, "must not be negative"),
    ({"half_life_days": float("nan")}, "finite"),
])
def test_from_mapping_rejects_bad_input_clearly(mapping, words):
    with pytest.raises(ValueError) as info:
        TrustSettings.from_mapping(mapping)
    assert words in str(info.value)


def test_from_mapping_rejects_non_mappings():
    with pytest.raises(ValueError):
        TrustSettings.from_mapping([("half_life_days", 3)])


def test_to_dict_round_trips():
    s = TrustSettings(half_life_days=30, silence_days=21)
    assert TrustSettings.from_mapping(s.to_dict()) == s
    assert set(TrustSettings.defaults()) == set(TrustSettings.field_names())
