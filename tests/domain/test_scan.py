"""The collaboration scan: catalogue, means, anonymity threshold, gaps, changes, JSON."""
import pytest

from tracker.domain import scan
from tracker.domain.scan import Lens, Response, ScanSettings, changes, results, scan_json
from tracker.domain.types import Side

KEYS = {
    "motivation": ["urgency", "ambition", "goals", "interdependence"],
    "organisation": ["strategy", "structure", "resources", "parents"],
    "interaction": ["interests", "differences", "equality", "team"],
    "realisation": ["monitoring", "adaptivity", "results", "added_value"],
}


def resp(name, side, **factors):
    """A response: factor=(score1, score2) gives both statements of that factor."""
    answers = {}
    for key, (one, two) in factors.items():
        answers[f"{key}_1"], answers[f"{key}_2"] = one, two
    return Response(name, side, answers)


def test_sixteen_factors_in_four_lenses_with_stable_keys():
    assert [f.key for f in scan.FACTORS] == sum(KEYS.values(), [])
    for f in scan.FACTORS:
        assert f.key in KEYS[f.lens.value]
        assert f.label_nl and f.label_en and f.label("nl") == f.label_nl
        assert f.starter_nl.endswith("?") and f.starter_en.endswith("?")
    assert [lens.value for lens in Lens] == list(KEYS)
    assert all(set(scan.LENS_LABELS[lens]) == {"nl", "en"} for lens in Lens)


def test_thirty_two_statements_two_per_factor_in_both_languages():
    assert len(scan.STATEMENTS) == 32
    assert [s.key for s in scan.STATEMENTS[:4]] == ["urgency_1", "urgency_2", "ambition_1",
                                                   "ambition_2"]
    assert scan.STATEMENT_KEYS == {f"{f.key}_{n}" for f in scan.FACTORS for n in (1, 2)}
    texts = [s.text_nl for s in scan.STATEMENTS] + [s.text_en for s in scan.STATEMENTS]
    assert len(set(texts)) == 64 and all(t.endswith(".") for t in texts)
    assert scan.statement("team_2").factor == "team"
    assert scan.statement("team_2").text("nl") == scan.statement("team_2").text_nl


def test_hand_computed_means_and_the_per_factor_threshold():
    result = results([
        resp("c1", "client", urgency=(4, 5), goals=(2, None)),
        resp("c2", "client", urgency=(3, None), goals=(1, 3)),
        resp("c3", "client", urgency=(5, 4)),
        resp("k1", "contractor", urgency=(1, 1)),
        resp("k2", "contractor", urgency=(2, 2)),
    ])
    assert result.respondents == {Side.CLIENT: 3, Side.CONTRACTOR: 2}
    # client urgency: 4, 5, 3, 5, 4 → 21 / 5
    assert result.factor("urgency").client == pytest.approx(4.2)
    # goals has scores from only two client people (c3 gave none): hidden
    assert result.factor("goals").client is None
    # contractor has only two respondents: no figures at all, so no gap
    assert result.factor("urgency").contractor is None and result.factor("urgency").gap is None
    assert result.enough(Side.CLIENT) and not result.enough(Side.CONTRACTOR)
    assert result.lens(Lens.MOTIVATION).client == pytest.approx(4.2)
    assert result.lens("motivation").contractor is None


def _two_sided():
    return results([
        resp("c1", "client", urgency=(4, 4), ambition=(5, 5)),
        resp("c2", "client", urgency=(5, 5), ambition=(5, 5)),
        resp("c3", "client", urgency=(3, 3), ambition=(5, 5)),
        resp("k1", "contractor", urgency=(2, 2), ambition=(5, 4)),
        resp("k2", "contractor", urgency=(3, 3), ambition=(5, 4)),
        resp("k3", "contractor", urgency=(2, 3), ambition=(4, 4)),
    ])


def test_gap_lens_and_order_by_largest_gap():
    r = _two_sided()
    urgency, ambition = r.factor("urgency"), r.factor("ambition")
    assert (urgency.client, urgency.contractor) == (4.0, 2.5)  # 24/6 and 15/6
    assert urgency.gap == pytest.approx(1.5)
    assert ambition.contractor == pytest.approx(26 / 6)
    assert ambition.gap == pytest.approx(5 - 26 / 6)
    lens = r.lens(Lens.MOTIVATION)
    assert lens.client == pytest.approx(4.5)  # mean of 4.0 and 5.0
    assert lens.contractor == pytest.approx((2.5 + 26 / 6) / 2)
    assert lens.gap == pytest.approx(4.5 - (2.5 + 26 / 6) / 2)
    assert r.lens(Lens.REALISATION).client is None
    order = [f.key for f in r.by_gap()]
    assert order[:2] == ["urgency", "ambition"] and len(order) == 16


def test_weakest_factors_use_the_combined_figure():
    r = _two_sided()
    assert r.factor("urgency").combined == pytest.approx(3.25)
    assert [f.key for f in r.weakest()] == ["urgency", "ambition"]  # only two have figures
    assert [f.key for f in r.weakest(1)] == ["urgency"]


def test_weakest_ties_follow_the_catalogue_and_stop_at_three():
    people = [resp(f"c{i}", "client", team=(2, 2), goals=(2, 2), urgency=(2, 2), results=(1, 5))
              for i in range(3)]
    r = results(people)
    assert [f.key for f in r.weakest()] == ["urgency", "goals", "team"]


def test_dont_know_is_not_a_three():
    r = results([resp("a", "client", results=(5, 5)), resp("b", "client", results=(None, 3)),
                 resp("c", "client", results=(1, None))])
    assert r.factor("results").client == pytest.approx((5 + 5 + 3 + 1) / 4)
    blank = results([resp("a", "client", results=(5, 5)), resp("b", "client", results=(None, None)),
                     resp("c", "client", results=(1, None))])
    assert blank.respondents[Side.CLIENT] == 3
    assert blank.factor("results").client is None  # only two people gave a score


def test_threshold_is_configurable():
    two = [resp("k1", "contractor", team=(4, 2)), resp("k2", "contractor", team=(3, 3))]
    assert results(two).factor("team").contractor is None
    relaxed = results(two, ScanSettings(min_respondents=2))
    assert relaxed.factor("team").contractor == pytest.approx(3.0)
    assert ScanSettings.from_mapping({"min_respondents": 5}).min_respondents == 5
    with pytest.raises(ValueError):
        ScanSettings.from_mapping({"min_responents": 5})
    for bad in (0, -1, 2.5, True):
        with pytest.raises(ValueError):
            ScanSettings(min_respondents=bad)


def test_change_since_the_previous_round():
    before = results([resp(f"c{i}", "client", urgency=(3, 3)) for i in range(3)]
                     + [resp(f"k{i}", "contractor", urgency=(4, 4)) for i in range(2)])
    now = _two_sided()
    delta = changes(now, before)
    assert delta["urgency"]["client"] == pytest.approx(1.0)  # 4.0 − 3.0
    assert delta["urgency"]["contractor"] is None  # contractor had too few before
    assert delta["ambition"] == {"client": None, "contractor": None}
    assert delta["motivation"]["client"] == pytest.approx(4.5 - 3.0)
    assert changes(now, None)["urgency"] == {"client": None, "contractor": None}
    assert set(delta) == {f.key for f in scan.FACTORS} | {lens.value for lens in Lens}


def test_scan_json_matches_domain_section_8():
    data = scan_json("N33", "Spring 2025", results([
        resp("c1", "client", ambition=(4, 5)), resp("c2", "client", ambition=(4, 4)),
        resp("c3", "client", ambition=(5, 5)), resp("k1", "contractor", ambition=(1, 1))]))
    assert set(data) == {"project", "round", "respondents", "factors", "lenses"}
    assert data["respondents"] == {"client": 3, "contractor": 1}
    assert data["factors"]["ambition"] == {"lens": "motivation", "client": 4.5,
                                           "contractor": None, "gap": None}
    assert data["factors"]["urgency"]["client"] is None
    assert len(data["factors"]) == 16
    assert data["lenses"]["motivation"] == {"client": 4.5, "contractor": None, "gap": None}
    assert set(data["lenses"]) == set(KEYS)
    rounded = scan_json("X", "R", results([resp(f"c{i}", "client", team=(v, 5))
                                           for i, v in enumerate((4, 4, 5))]))
    assert rounded["factors"]["team"]["client"] == 4.67  # 28 / 6


@pytest.mark.parametrize("answers", [{"urgency_3": 3}, {"nonsense": 1}, {"urgency_1": 0},
                                     {"urgency_1": 6}, {"urgency_1": True}, {"urgency_1": "3"}])
def test_a_response_rejects_unknown_statements_and_bad_scores(answers):
    with pytest.raises(ValueError):
        Response("x", "client", answers)


def test_a_response_needs_a_party_side():
    with pytest.raises(ValueError):
        Response("x", "coach", {})
    assert Response("x", "contractor", {}).side is Side.CONTRACTOR


def test_no_responses_gives_no_figures():
    r = results([])
    assert r.respondents == {Side.CLIENT: 0, Side.CONTRACTOR: 0}
    assert all(f.client is None and f.contractor is None for f in r.factors)
    assert r.weakest() == []
