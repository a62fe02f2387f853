"""Give-and-take service: recording a party's round, replacing it, balances and the signal."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.factories import make_project, make_user
from tracker.domain.give_take import CATEGORIES
from tracker.domain.types import Side
from tracker.extensions import db
from tracker.models import GiveTakeEntry
from tracker.services.errors import ValidationFailed
from tracker.services.instruments import give_take

TODAY = date.today()


def rows(bring, get, comment=""):
    return {c: (b, g, comment) for c, b, g in zip(CATEGORIES, bring, get)}


def stored() -> int:
    return db.session.scalar(select(func.count()).select_from(GiveTakeEntry))


@pytest.fixture
def project(app):
    return make_project("GT")


def test_record_and_replace_a_partys_round(project):
    user = make_user()
    give_take.record(project, Side.CLIENT, " 2025 Q1 ", TODAY, rows([1] * 6, [2] * 6, "ok"), user)
    assert stored() == 6
    give_take.record(project, Side.CLIENT, "2025 Q1", TODAY, rows([3] * 6, [3] * 6), user)
    assert stored() == 6
    view = give_take.round_view(project, None)
    assert view["label"] == "2025 Q1" and view["balances"][Side.CLIENT].brought == 18
    assert not view["balances"][Side.CONTRACTOR].recorded and view["flag"] is None
    assert give_take.prefill(project, Side.CLIENT, None)["money_bring"] == 3


def test_the_signal_fires_for_the_round(project):
    give_take.record(project, Side.CLIENT, "R1", TODAY, rows([5, 4, 3, 2, 1, 0], [1] * 6), None)
    give_take.record(project, Side.CONTRACTOR, "R1", TODAY, rows([1, 1, 1, 1, 0, 0],
                                                                 [2, 2, 2, 2, 1, 1]), None)
    flag = give_take.round_view(project, "R1")["flag"]
    assert flag.code == "give_take_imbalance" and flag.evidence["client"]["balance"] == -9


def test_threshold_from_config(app, project):
    app.config["GIVE_TAKE_SETTINGS"] = {"threshold_points": 10, "alert_points": 12}
    give_take.record(project, Side.CLIENT, "R1", TODAY, rows([5, 4, 3, 2, 1, 0], [1] * 6), None)
    give_take.record(project, Side.CONTRACTOR, "R1", TODAY, rows([0] * 6, [2] * 6), None)
    assert give_take.round_view(project, "R1")["flag"] is None


@pytest.mark.parametrize("label, day, data, field", [
    ("", TODAY, rows([1] * 6, [1] * 6), "label"),
    ("x" * 61, TODAY, rows([1] * 6, [1] * 6), "label"),
    ("R", TODAY + timedelta(days=1), rows([1] * 6, [1] * 6), "recorded_on"),
    ("R", None, rows([1] * 6, [1] * 6), "recorded_on"),
    ("R", TODAY, rows([6, 1, 1, 1, 1, 1], [1] * 6), "money_bring"),
    ("R", TODAY, rows([1] * 6, [1, 1, 1, 1, 1, -1]), "knowledge_get"),
    ("R", TODAY, rows([1] * 6, [1, None, 1, 1, 1, 1]), "people_get"),
    ("R", TODAY, {**rows([1] * 6, [1] * 6), "power": (1, 1, "")}, "categories"),
    ("R", TODAY, rows([1] * 6, [1] * 6, "x" * 1001), "money_comment"),
])
def test_bad_input_stores_nothing(project, label, day, data, field):
    with pytest.raises(ValidationFailed) as error:
        give_take.record(project, Side.CLIENT, label, day, data, None)
    assert field in error.value.errors
    assert stored() == 0


def test_rounds_are_listed_newest_first_and_per_project(project):
    give_take.record(project, Side.CLIENT, "Old", TODAY - timedelta(days=90), rows([1] * 6, [1] * 6), None)
    give_take.record(project, Side.CLIENT, "New", TODAY, rows([1] * 6, [1] * 6), None)
    assert give_take.round_labels(project) == ["New", "Old"]
    assert give_take.round_view(make_project("OTHER"), None) is None
    assert give_take.round_view(project, "Missing") is None
