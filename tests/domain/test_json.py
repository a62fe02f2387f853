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
    assert flag["since"] == "2024-02-18"  # the first weekly check 42 days or more after day 0
    json.dumps(en, allow_nan=False)


def test_every_flag_says_since_when_it_is_raised():
    events = [ev(n, kind="escalation", level=4 if n == 40 else 1, steering="contractual") for n in (1, 40, 41)]
    data = signals_json("X", evaluate(events, day(60), active=False))
    assert data["flags"] and all(len(f["since"]) == 10 for f in data["flags"])
    assert set(data) == TOP and all(set(f) == {"code", "severity", "message", "evidence", "interventions",
                                               "since"} for f in data["flags"])


def test_empty_project():
    data = signals_json("EMPTY", evaluate([], day(10)))
    assert data["events"] == 0 and data["personal_trust"] is None and data["flags"] == []


def test_the_example_of_docs_contracts_md():
    from datetime import date

    from tracker.domain.types import Dimension, EventFacts, Score
    P, S = Dimension.PERSONAL, Dimension.SYSTEM
    events = [EventFacts(445, date(2025, 3, 4), "client", "moment", "relational", scores=(Score("p_openness", P, 2),)),
              EventFacts(446, date(2025, 3, 11), "contractor", "issue", "contractual",
                         scores=(Score("p_openness", P, -1), Score("s_procedures", S, -1))),
              EventFacts(447, date(2025, 3, 18), "contractor", "escalation", "contractual", escalation_level=2,
                         scores=(Score("s_procedures", S, -2),))]
    data = signals_json("N99", evaluate(events, date(2025, 5, 10)))
    assert (data["personal_trust"], data["system_trust"], data["contract_share"]) == (64.8, 0.0, 0.693)
    (flag,) = data["flags"]
    assert flag["code"] == "silence" and flag["since"] == "2025-05-04"
    assert flag["evidence"] == {"days_since_last_event": 53, "last_event_on": "2025-03-18",
                                "threshold_days": 42, "event_ids": [447]}


def test_day_counts_in_messages_take_the_right_noun():
    from datetime import date

    from tracker.domain.messages import days_text, third_party_message
    from tracker.domain.settings import TrustSettings
    from tracker.domain.time_box_rule import time_box_message

    assert [days_text(n, lang) for n in (1, 2) for lang in ("nl", "en")] == ["1 dag", "1 day", "2 dagen", "2 days"]
    message = third_party_message([("Claim", 4, date(2025, 3, 1), 1)], TrustSettings())
    assert "(1 dag)" in message["nl"] and "(1 day)" in message["en"]
    box = time_box_message([("Claim", 2, 1, 1)])
    assert "al 1 dag langer dan de afgesproken 1 dag" in box["nl"] and "1 day past the agreed 1 day" in box["en"]
