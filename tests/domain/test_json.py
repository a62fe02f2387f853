"""The signals JSON (docs/contracts.md)."""
import json

from tracker.domain.trust import evaluate, signals_json

from .helpers import day, ev

TOP = {"project", "as_of", "personal_trust", "system_trust", "contract_share", "events",
       "by_side", "flags"}
SIDE = {"personal_trust", "system_trust", "contract_share", "events"}


def test_shape_rounding_and_nulls():
    events = [ev(0, side="client", p_openness=2, p_integrity=-1, steering="mixed"),
              ev(0, side="client", steering="relational"),
              ev(0, side="client", steering="contractual")]
    data = signals_json("A12", evaluate(events, day(0)))
    assert set(data) >= TOP
    assert data["project"] == "A12" and data["as_of"] == "2024-01-01"
    assert data["personal_trust"] == 66.7  # 50 + 50 * (2 - 1) / 3, one decimal
    assert data["system_trust"] is None
    assert data["contract_share"] == 0.5
    assert data["events"] == 3
    assert set(data["by_side"]) == {"client", "contractor"}
    assert set(data["by_side"]["client"]) >= SIDE
    assert data["by_side"]["contractor"] == {"personal_trust": None, "system_trust": None,
                                             "contract_share": None, "events": 0}
    assert data["flags"] == []


def test_share_rounds_to_three_decimals():
    events = [ev(0, steering="mixed")] + [ev(0) for _ in range(2)]
    assert signals_json("X", evaluate(events, day(0)))["contract_share"] == 0.167


def test_flags_carry_message_in_language_evidence_and_interventions():
    events = [ev(0, id=7)]
    assessment = evaluate(events, day(50))
    en = signals_json("X", assessment)
    nl = signals_json("X", assessment, lang="nl")
    flag = en["flags"][0]
    assert set(flag) >= {"code", "severity", "message", "evidence", "interventions"}
    assert flag["code"] == "silence" and flag["severity"] == "warning"
    assert "50 days" in flag["message"]
    assert "50 dagen" in nl["flags"][0]["message"]
    assert flag["evidence"]["event_ids"] == [7]
    assert flag["interventions"] == ["joint_timeline", "regular_contact", "stakeholder_map"]
    json.dumps(en, allow_nan=False)


def test_empty_project():
    data = signals_json("EMPTY", evaluate([], day(10)))
    assert data["events"] == 0 and data["personal_trust"] is None and data["flags"] == []
