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


def test_every_signal_has_a_clearing_rule_with_defaults():
    s = TrustSettings()
    assert (s.over_reliance_system_ceiling, s.over_reliance_clear_margin, s.over_reliance_clear_weeks) == (65, 5, 2)
    assert (s.surge_volume_share, s.surge_clear_factor, s.surge_clear_weeks) == (0.05, 1.5, 2)
    assert (s.perception_gap_clear_margin, s.perception_gap_clear_weeks) == (10, 2)
    assert (s.third_party_level, s.third_party_clear_weeks, s.silence_clear_weeks) == (4, 1, 1)
    from tracker.domain.series import RULES
    from tracker.domain.types import SIGNAL_CODES
    assert tuple(rule.code for rule in RULES) == SIGNAL_CODES
    assert all(getattr(s, rule.clear_weeks) >= 1 for rule in RULES)


@pytest.mark.parametrize("mapping,words", [
    ({"third_party_level": 0}, "third_party_level between 1 and 6"),
    ({"third_party_level": 7}, "third_party_level between 1 and 6"),
    ({"surge_clear_weeks": 0}, "greater than zero"),
    ({"surge_volume_share": 1.5}, "between 0 and 1"),
    ({"over_reliance_system_ceiling": 120}, "0-100 index scale"),
])
def test_new_settings_are_checked(mapping, words):
    with pytest.raises(ValueError) as info:
        TrustSettings.from_mapping(mapping)
    assert words in str(info.value)
