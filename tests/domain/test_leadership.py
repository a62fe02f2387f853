"""The 4c rule: relationship strength × goal concreteness → role, with an explanation."""
import pytest

from tracker.domain.leadership import (LeadershipInputs, LeadershipSettings, Role, suggest)


@pytest.mark.parametrize("inputs, role", [
    # strength = mean(0.40, (2.2 − 1) / 4 = 0.30) = 0.35; concreteness = mean(0.25, 0.50)
    (LeadershipInputs(personal_trust=40, interaction=2.2, goals=2.0, results=3.0), Role.CONNECTING),
    # strength = mean(0.80, 0.75) = 0.775; concreteness 0.375
    (LeadershipInputs(personal_trust=80, interaction=4.0, goals=2.0, results=2.0), Role.COACHING),
    # strength 0.775; concreteness = mean(0.75, 1.0) = 0.875
    (LeadershipInputs(personal_trust=80, interaction=4.0, goals=4.0, results=5.0), Role.CATALYSING),
    # strength 0.35; concreteness 0.875
    (LeadershipInputs(personal_trust=40, interaction=2.2, goals=4.0, results=5.0), Role.CONSULTING),
])
def test_the_four_quadrants(inputs, role):
    assert suggest(inputs).role is role


def test_hand_computed_axes():
    s = suggest(LeadershipInputs(personal_trust=68, interaction=3.9, goals=2.5, results=3.1))
    assert s.strength == pytest.approx((0.68 + 0.725) / 2)
    assert s.concreteness == pytest.approx((0.375 + 0.525) / 2)
    assert s.role is Role.COACHING


def test_the_thresholds_are_inclusive():
    s = suggest(LeadershipInputs(interaction=3.4, goals=3.4))  # both exactly 0.6
    assert s.role is Role.CATALYSING
    assert suggest(LeadershipInputs(personal_trust=59, goals=3.3)).role is Role.CONNECTING


def test_a_project_setting_overrides_the_scan():
    base = dict(personal_trust=80, goals=5.0, results=5.0)
    assert suggest(LeadershipInputs(**base)).role is Role.CATALYSING
    assert suggest(LeadershipInputs(**base, goal_setting="open")).role is Role.COACHING
    only = suggest(LeadershipInputs(personal_trust=30, goal_setting="concrete"))
    assert only.role is Role.CONSULTING and only.concreteness == 1.0


def test_one_measure_per_axis_is_enough_and_none_without():
    assert suggest(LeadershipInputs(personal_trust=70, results=2.0)).role is Role.COACHING
    assert suggest(LeadershipInputs(personal_trust=70)) is None
    assert suggest(LeadershipInputs(goals=4.0, goal_setting="open")) is None
    assert suggest(LeadershipInputs()) is None


def test_explanation_cites_the_numbers_in_both_languages():
    s = suggest(LeadershipInputs(personal_trust=68, interaction=3.9, goals=2.5, results=3.1))
    assert "personal trust 68 of 100" in s.explanation["en"]
    assert "3.9 of 5" in s.explanation["en"] and "coaching" in s.explanation["en"]
    assert "persoonlijk vertrouwen 68 van 100" in s.explanation["nl"]
    assert "3,9 van 5" in s.explanation["nl"] and "coachen" in s.explanation["nl"]
    assert s.label("nl") == "Coachen" and s.label() == "Coaching"
    assert s.description("en").startswith("Leadership can")
    marked = suggest(LeadershipInputs(personal_trust=20, goal_setting="concrete"))
    assert "marked its goals as concrete" in marked.explanation["en"]


def test_settings_move_the_tipping_points():
    inputs = LeadershipInputs(personal_trust=55, goals=3.0)  # 0.55 and 0.5
    assert suggest(inputs).role is Role.CONNECTING
    assert suggest(inputs, LeadershipSettings(strong_at=0.5, concrete_at=0.5)).role is Role.CATALYSING
    with pytest.raises(ValueError):
        LeadershipSettings(strong_at=1.5)


@pytest.mark.parametrize("kwargs", [dict(personal_trust=101), dict(interaction=0.5),
                                    dict(goals=6), dict(goal_setting="vague")])
def test_inputs_out_of_range_are_rejected(kwargs):
    with pytest.raises(ValueError):
        LeadershipInputs(**kwargs)
