"""Give and take: balances per party and the give_take_imbalance signal."""
import pytest

from tracker.domain import interventions
from tracker.domain.give_take import (CATEGORIES, Entry, GiveTakeSettings, balances, imbalance)
from tracker.domain.types import Side


def party(side, bring, get):
    """Entries for all six categories from two lists of points."""
    return [Entry(side, c, b, g) for c, b, g in zip(CATEGORIES, bring, get)]


CLIENT_SHORT = party("client", [5, 4, 3, 2, 1, 0], [1, 1, 1, 1, 1, 1])  # 15 in, 6 out: −9
CONTRACTOR_AHEAD = party("contractor", [1, 1, 1, 1, 0, 0], [2, 2, 2, 2, 1, 1])  # 4 in, 10 out: +6


def test_balances_are_sums_over_the_categories():
    b = balances(CLIENT_SHORT + CONTRACTOR_AHEAD)
    assert (b[Side.CLIENT].brought, b[Side.CLIENT].got, b[Side.CLIENT].balance) == (15, 6, -9)
    assert (b[Side.CONTRACTOR].brought, b[Side.CONTRACTOR].got,
            b[Side.CONTRACTOR].balance) == (4, 10, 6)
    assert b[Side.CLIENT].categories["money"] == (5, 1)


def test_imbalance_fires_when_one_is_short_and_the_other_ahead():
    flag = imbalance(balances(CLIENT_SHORT + CONTRACTOR_AHEAD), label="2025 Q1")
    assert flag.code == "give_take_imbalance" and flag.severity == "warning"  # min(9, 6) < 8
    assert flag.evidence["short_side"] == "client" and flag.evidence["ahead_side"] == "contractor"
    assert flag.evidence["client"]["balance"] == -9 and flag.evidence["contractor"]["got"] == 10
    assert flag.evidence["round"] == "2025 Q1" and flag.evidence["threshold_points"] == 4
    assert "15" in flag.message["en"] and "-9" in flag.message["en"] and "+6" in flag.message["en"]
    assert "opdrachtgever" in flag.message["nl"] and "+6" in flag.message["nl"]


def test_imbalance_is_an_alert_when_both_are_far_from_zero():
    short = party("contractor", [5, 5, 5, 5, 5, 5], [2, 2, 2, 2, 2, 2])  # −18
    ahead = party("client", [0, 0, 1, 1, 0, 0], [2, 2, 2, 2, 1, 1])  # 2 in, 10 out: +8
    flag = imbalance(balances(short + ahead))
    assert flag.severity == "alert" and flag.evidence["short_side"] == "contractor"


def test_exactly_at_the_threshold_counts():
    short = party("client", [4, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0])  # −4
    ahead = party("contractor", [0, 0, 0, 0, 0, 0], [4, 0, 0, 0, 0, 0])  # +4
    assert imbalance(balances(short + ahead)) is not None
    ahead3 = party("contractor", [0, 0, 0, 0, 0, 0], [3, 0, 0, 0, 0, 0])  # +3
    assert imbalance(balances(short + ahead3)) is None


def test_no_signal_when_only_one_party_is_off_balance():
    both_short = party("contractor", [3, 3, 3, 3, 3, 3], [2, 2, 2, 2, 2, 2])  # −6
    assert imbalance(balances(CLIENT_SHORT + both_short)) is None
    even = party("contractor", [2, 2, 2, 2, 2, 2], [3, 3, 2, 2, 2, 2])  # +2
    assert imbalance(balances(CLIENT_SHORT + even)) is None


def test_no_signal_until_both_parties_have_filled_in():
    assert imbalance(balances(CLIENT_SHORT)) is None
    assert not balances(CLIENT_SHORT)[Side.CONTRACTOR].recorded


def test_threshold_comes_from_settings():
    b = balances(CLIENT_SHORT + CONTRACTOR_AHEAD)
    assert imbalance(b, GiveTakeSettings(threshold_points=7, alert_points=10)) is None
    assert imbalance(b, GiveTakeSettings(threshold_points=3, alert_points=6)).severity == "alert"
    assert GiveTakeSettings.from_mapping({"threshold_points": 6}).threshold_points == 6
    for bad in ({"threshold": 2}, {"threshold_points": 0}, {"threshold_points": 2.5},
                {"threshold_points": 9, "alert_points": 8}):
        with pytest.raises(ValueError):
            GiveTakeSettings.from_mapping(bad)


def test_flag_suggests_known_interventions():
    flag = imbalance(balances(CLIENT_SHORT + CONTRACTOR_AHEAD))
    assert 2 <= len(flag.interventions) <= 4
    for key in flag.interventions:
        item = interventions.lookup(key)
        assert item.title("nl") and item.description("en")
    assert "person_to_person" in flag.interventions


@pytest.mark.parametrize("kwargs", [dict(category="power", bring=1, get=1),
                                    dict(category="money", bring=6, get=1),
                                    dict(category="money", bring=1, get=-1),
                                    dict(category="money", bring=True, get=1)])
def test_entries_reject_bad_values(kwargs):
    with pytest.raises(ValueError):
        Entry("client", **kwargs)


def test_two_entries_for_one_category_are_an_error():
    with pytest.raises(ValueError):
        balances([Entry("client", "money", 1, 1), Entry("client", "money", 2, 2)])
