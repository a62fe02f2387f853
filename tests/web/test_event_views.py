"""One event, two views: the other party's manager adds its view; a party merges its own event into
the same event logged by the other party. Both views count for their own side, the event once."""
from datetime import date

import pytest

from tests.factories import csrf_token, make_event
from tests.web.test_events import as_user, page, post, world  # noqa: F401  (the shared fixture)
from tracker.domain.factors import DEFAULT_FACTORS
from tracker.extensions import db
from tracker.models import Event, EventRevision
from tracker.services.trust import facts as trust
from tracker.services.trust.history import trust_history

DAY = date(2025, 3, 1)


def view_data(version: int, note: str = "Felt like a formal step", **scores) -> dict:
    data = {f"score_{f.key}": "" for f in DEFAULT_FACTORS}
    data.update({f"score_{k}": str(v) for k, v in scores.items()})
    return {**data, "note": note, "version": str(version)}


@pytest.fixture
def escalation(world):  # noqa: F811
    """An escalation the client logged, with its own scores."""
    return make_event(world.project, world.clara, occurred_on=DAY, kind="escalation", escalation_level=2,
                      steering="contractual", title="To the directors", scores={"p_openness": -2, "s_procedures": -1})


def test_the_other_partys_manager_adds_its_view_and_both_show_side_by_side(world, escalation):  # noqa: F811
    kees = as_user(world.app, world.kees)
    url = f"/projects/BRUG/events/{escalation.id}"
    assert "Add your party&#39;s view" in page(kees.get(url)) or "Add your party's view" in page(kees.get(url))
    response = post(kees, f"{url}/view", view_data(escalation.version, p_openness=1, s_procedures=-1))
    assert response.status_code == 302
    html = page(kees.get(url))
    assert "Both views" in html and "Felt like a formal step" in html
    assert "Other party&#39;s view" in html or "Other party's view" in html  # in the history
    db.session.rollback()  # end the test's read snapshot: the app wrote in another session
    event = db.session.get(Event, escalation.id)
    assert event.other_view.score_map() == {"p_openness": 1, "s_procedures": -1} and event.version == 2
    facts = trust.load_facts(world.project.id)
    (fact,) = [f for f in facts if f.id == event.id]
    assert fact.side.value == "client" and [s.value for s in fact.other_view] in ([1, -1], [-1, 1])
    figures = trust_history(world.project, DAY).current.figures
    assert figures.events == 1 and figures.escalations.counts[2] == 1
    assert figures.by_side["contractor"].personal.value == 100.0 and figures.by_side["client"].personal.value == 0.0


def test_the_view_is_the_other_partys_only(world, escalation):  # noqa: F811
    url = f"/projects/BRUG/events/{escalation.id}/view"
    data = view_data(escalation.version, p_openness=1)
    assert post(as_user(world.app, world.carl), url, data).status_code == 403   # the logging party
    assert post(as_user(world.app, world.mira), url, data).status_code == 403   # a member, not a manager
    assert post(as_user(world.app, world.cora), url, data).status_code == 403   # the coach
    assert post(as_user(world.app, world.otto), f"/projects/ELSE/events/{escalation.id}/view",
                data).status_code == 404
    assert "Add your party" not in page(as_user(world.app, world.carl).get(f"/projects/BRUG/events/{escalation.id}"))
    kees = as_user(world.app, world.kees)
    assert kees.post(url, data=data).status_code == 400  # no CSRF token
    assert db.session.get(Event, escalation.id).other_view is None


def test_a_stale_version_is_a_conflict_not_an_overwrite(world, escalation):  # noqa: F811
    kees = as_user(world.app, world.kees)
    url = f"/projects/BRUG/events/{escalation.id}/view"
    assert post(kees, url, view_data(1, p_openness=1)).status_code == 302
    response = post(kees, url, view_data(1, note="mine", p_openness=-1))
    assert response.status_code == 409 and "Someone changed this event" in page(response)
    db.session.rollback()  # end the test's read snapshot: the app wrote in another session
    assert db.session.get(Event, escalation.id).other_view.score_map() == {"p_openness": 1}


def test_a_party_merges_its_own_event_into_the_other_partys(world, escalation):  # noqa: F811
    own = make_event(world.project, world.kees, side="contractor", occurred_on=DAY, kind="escalation",
                     escalation_level=2, steering="contractual", title="Directors asked to decide",
                     description="We asked for a decision.", scores={"p_openness": 1})
    reply = make_event(world.project, world.kees, side="contractor", occurred_on=DAY, kind="agreement",
                       title="Agreed", links_to_id=own.id)
    kees = as_user(world.app, world.kees)
    form = page(kees.get(f"/projects/BRUG/events/{own.id}/merge"))
    assert f"#{escalation.id}" in form
    response = post(kees, f"/projects/BRUG/events/{own.id}/merge", {"target": str(escalation.id),
                                                                  "version": str(own.version)})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/events/{escalation.id}")
    db.session.rollback()  # end the test's read snapshot: the app wrote in another session
    target, merged = db.session.get(Event, escalation.id), db.session.get(Event, own.id)
    assert target.other_view.score_map() == {"p_openness": 1}
    assert target.other_view.note.startswith("Directors asked to decide")
    assert merged.is_retracted and f"#{escalation.id}" in merged.retraction_reason
    assert db.session.get(Event, reply.id).links_to_id == escalation.id
    actions = [r.action for r in db.session.query(EventRevision).filter_by(event_id=target.id)]
    assert actions == ["created", "view"]
    figures = trust_history(world.project, DAY).current.figures
    assert figures.escalations.counts[2] == 1 and figures.events == 2  # escalation (once) and the agreement


def test_a_merge_needs_an_event_of_the_other_party_without_its_view(world, escalation):  # noqa: F811
    mine = make_event(world.project, world.carl, occurred_on=DAY, title="Same side")
    carl = as_user(world.app, world.carl)
    response = post(carl, f"/projects/BRUG/events/{mine.id}/merge", {"target": str(escalation.id),
                                                                   "version": str(mine.version)})
    assert response.status_code == 422 and "Choose an event the other party logged" in page(response)
    assert not db.session.get(Event, mine.id).is_retracted
    kees = as_user(world.app, world.kees)
    assert kees.get(f"/projects/BRUG/events/{escalation.id}/merge").status_code == 403  # not kees's event
    assert csrf_token(kees, "/")


def test_factors_by_month_count_each_view_for_its_own_side(world, escalation):  # noqa: F811
    from tracker.domain.types import Side
    from tracker.services.trust.dashboard import Filters, heat_query
    kees = as_user(world.app, world.kees)
    post(kees, f"/projects/BRUG/events/{escalation.id}/view", view_data(escalation.version, p_openness=1))
    db.session.rollback()

    def heat(side):
        rows = db.session.execute(heat_query(world.project.id, Filters(None, DAY, side))).all()
        return {key: (float(mean), n) for key, _year, _month, mean, n in rows}
    assert heat(Side.CONTRACTOR) == {"p_openness": (1.0, 1)}
    assert heat(Side.CLIENT) == {"p_openness": (-2.0, 1), "s_procedures": (-1.0, 1)}
    assert heat(None)["p_openness"] == (-0.5, 2)
