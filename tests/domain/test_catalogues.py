"""The factor catalogue, the escalation ladder and the intervention catalogue as data."""
import re

import pytest

from tracker.domain import interventions
from tracker.domain.escalation import DEFAULT_LADDER, level_name
from tracker.domain.factors import DEFAULT_FACTORS, by_key
from tracker.domain.types import ESCALATION_LEVELS, SIGNAL_CODES, Dimension

PERSONAL = ["p_competence", "p_integrity", "p_benevolence", "p_openness", "p_continuity",
            "p_reciprocity"]
SYSTEM = ["s_contract", "s_procedures", "s_information", "s_mandate", "s_finance", "s_monitoring"]


def _sentences(text: str) -> int:
    return len(re.findall(r"[.?!](?:\s|$)", text))


def test_twelve_default_factors_in_order():
    assert [f.key for f in DEFAULT_FACTORS] == PERSONAL + SYSTEM
    assert [f.position for f in DEFAULT_FACTORS] == list(range(1, 13))
    for f in DEFAULT_FACTORS:
        assert f.dimension is (Dimension.PERSONAL if f.key.startswith("p_") else Dimension.SYSTEM)
        assert f.label_nl and f.label_en and f.label("nl") != f.label("en")
        for text in (f.description_nl, f.description_en):
            assert _sentences(text) == 1 and len(text) > 40
    assert by_key()["s_mandate"].label_en == "Mandate & decisions"


def test_escalation_ladder_has_seven_named_levels():
    assert [r.level for r in DEFAULT_LADDER] == list(ESCALATION_LEVELS)
    assert level_name(0) == "Signal / early warning"
    assert level_name(6, "nl") == "Formele procedure"
    assert all(r.name_nl and r.name_en and r.who_nl and r.who_en for r in DEFAULT_LADDER)


def test_intervention_catalogue_size_and_texts():
    assert 8 <= len(interventions.ALL) <= 16
    for item in interventions.ALL:
        assert re.fullmatch(r"[a-z_]+", item.key)
        assert item.title("nl") and item.title("en") and item.title("nl") != item.title("en")
        for text in (item.description_nl, item.description_en):
            assert 2 <= _sentences(text) <= 4, (item.key, text)
        assert item.signals and set(item.signals) <= set(SIGNAL_CODES)


@pytest.mark.parametrize("code", SIGNAL_CODES)
def test_each_signal_maps_to_two_to_four_interventions(code):
    found = interventions.for_signal(code)
    assert 2 <= len(found) <= 4
    assert all(code in i.signals for i in found)


def test_lookup():
    assert interventions.get("ugly_picture").key == "ugly_picture"
    assert interventions.for_signal("nonsense") == ()
    with pytest.raises(KeyError):
        interventions.get("nonsense")
    assert len(set(interventions.keys())) == len(interventions.ALL)  # keys are unique
