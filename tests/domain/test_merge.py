"""Three-way merge of concurrent edits: only changed fields move, clashes are left to a person."""
from tracker.domain.merge import merge_three_way

BASE = {"title": "Old", "description": "Old text", "score_p_openness": None}


def test_disjoint_changes_both_survive():
    theirs = {**BASE, "title": "A's title"}
    mine = {**BASE, "description": "B's text"}
    result = merge_three_way(BASE, theirs, mine)
    assert result.merged == {"title": "A's title", "description": "B's text", "score_p_openness": None}
    assert result.mine == {"description"} and result.theirs == {"title"} and not result.contested


def test_same_field_changed_differently_is_contested_and_keeps_the_saved_value():
    theirs = {**BASE, "title": "A's title"}
    mine = {**BASE, "title": "B's title", "score_p_openness": 1}
    result = merge_three_way(BASE, theirs, mine)
    assert result.contested == {"title"}
    assert result.merged["title"] == "A's title" and result.merged["score_p_openness"] == 1


def test_same_change_on_both_sides_is_no_conflict():
    both = {**BASE, "title": "Same"}
    result = merge_three_way(BASE, both, dict(both))
    assert not result.contested and result.merged["title"] == "Same"


def test_a_missing_field_counts_as_empty():
    result = merge_three_way(BASE, {**BASE, "score_p_openness": -1}, {"title": "Old", "description": "Old text"})
    assert result.merged["score_p_openness"] == -1 and not result.contested


def test_without_a_base_every_difference_is_contested():
    result = merge_three_way(None, {**BASE, "title": "A"}, {**BASE, "title": "B"})
    assert result.contested == {"title"} and result.merged["title"] == "A"
