"""Random input at the event forms and filters: never a 500, never an invalid event stored."""
from datetime import date

from hypothesis import example, given
from hypothesis import strategies as st

from tests.fuzz.conftest import assert_no_server_error, count, events_of
from tests.fuzz.strategies import FUZZ, choice, date_text, form, integer_text, mixed, text
from tracker.domain.text import has_hidden_characters
from tracker.domain.types import Kind, Side, Steering
from tracker.models import Event
from tracker.services.events.queries import factor_ids
from tracker.services.events.rules import EventInput, check_event

SCORE_VALUES = ["", "-2", "-1", "0", "1", "2"]
SCORES = st.one_of(st.sampled_from(SCORE_VALUES), integer_text)
CHAOS = form(
    occurred_on=date_text, kind=choice(*[k.value for k in Kind]),
    steering=choice(*[s.value for s in Steering]), escalation_level=st.one_of(integer_text, st.just("")),
    planned=choice("", "planned", "unplanned"), title=text, description=text,
    links_to_id=st.one_of(st.just(""), integer_text), score_p_openness=SCORES, score_s_contract=SCORES,
    score_p_nonexistent=SCORES, side=choice("client", "contractor"))
VALID = st.fixed_dictionaries({
    "occurred_on": st.dates(min_value=date(1990, 1, 1), max_value=date.today()).map(date.isoformat),
    "kind": st.sampled_from(["issue", "agreement", "moment"]),
    "steering": st.sampled_from([s.value for s in Steering]),
    "title": st.text(min_size=1, max_size=200).filter(str.strip), "description": st.text(max_size=300),
    "score_p_openness": st.sampled_from(SCORE_VALUES), "score_s_contract": st.sampled_from(SCORE_VALUES)})
EVENT_FORM = mixed(VALID, CHAOS)


def assert_events_valid(project_id: int) -> None:
    """Every stored event of the project satisfies the event rules."""
    stored = events_of(project_id)
    dates = {e.id: e.occurred_on for e in stored}
    keys = set(factor_ids())
    for event in stored:
        assert not has_hidden_characters(event.title) and not has_hidden_characters(event.description or "")
        data = EventInput(occurred_on=event.occurred_on, side=Side(event.side), kind=Kind(event.kind),
                          steering=Steering(event.steering), title=event.title,
                          description=event.description, escalation_level=event.escalation_level,
                          planned=event.planned, links_to_id=event.links_to_id,
                          scores=event.score_map())
        linkable = {i: d for i, d in dates.items() if i != event.id}
        assert check_event(data, keys, today=date.today(), linkable=linkable) == {}, event.id


@FUZZ
@given(fields=EVENT_FORM)
def test_logging_an_event(manager, world, fields):
    before = count(Event)
    response = manager.post("/projects/FUZZ/events/new", fields)
    assert_no_server_error(response, {302, 422, 400})
    assert count(Event) == before + (1 if response.status_code == 302 else 0)
    if response.status_code == 302:
        assert_events_valid(world.project.id)
        assert all(e.side == Side.CLIENT for e in events_of(world.project.id) if e.id > world.event_id + 1)


@FUZZ
@given(fields=EVENT_FORM, version=st.one_of(st.just("current"), st.just("current"), integer_text))
def test_editing_an_event(manager, world, fields, version):
    if version == "current":
        version = str(next(e.version for e in events_of(world.project.id) if e.id == world.event_id))
    response = manager.post(f"/projects/FUZZ/events/{world.event_id}/edit", {**fields, "version": version})
    assert_no_server_error(response, {302, 409, 422, 400})
    assert_events_valid(world.project.id)
    assert all(e.side == Side.CLIENT for e in events_of(world.project.id) if e.id == world.event_id)


@FUZZ
@given(reason=text, version=st.one_of(st.sampled_from(["1", "2"]), integer_text),
       target=st.sampled_from(["own", "other side", "missing"]))
def test_retracting_an_event(manager, world, reason, version, target):
    event_id = {"own": world.event_id, "other side": world.event_id + 1, "missing": 999_999}[target]
    response = manager.post(f"/projects/FUZZ/events/{event_id}/retract", {"reason": reason, "version": version})
    assert_no_server_error(response, {200, 302, 403, 404, 409, 422, 400})
    for stored in events_of(world.project.id):
        if stored.retracted_at is not None:
            assert stored.retraction_reason and stored.retraction_reason.strip()
            assert len(stored.retraction_reason) <= 2000 and stored.id == world.event_id


@FUZZ
@given(args=mixed(
    form(kind=st.sampled_from([k.value for k in Kind]), side=st.sampled_from(["client", "contractor"]),
         steering=st.sampled_from([s.value for s in Steering]), level=st.sampled_from([str(n) for n in range(7)]),
         date_from=st.dates().map(date.isoformat), retracted=st.sampled_from(["show", "hide"]),
         page=st.integers(1, 3).map(str)),
    form(kind=text, side=text, steering=text, level=integer_text, date_from=date_text,
         date_to=date_text, retracted=choice("show", "hide"), page=integer_text)))
@example(args={"page": "99999999999999999999999"})  # once overflowed SQLite's OFFSET: a 500
@example(args={"page": "400000000000000000"})  # once overflowed PostgreSQL's OFFSET: a 500
def test_event_list_filters(manager, world, args):
    assert_no_server_error(manager.client.get("/projects/FUZZ/events/", query_string=args), {200, 400})


@FUZZ
@given(args=mixed(form(date_from=st.dates(max_value=date.today()).map(date.isoformat),
                       side=st.sampled_from(["", "client", "contractor"])),
                  form(date_from=date_text, date_to=date_text, side=choice("", "client", "contractor"))))
def test_dashboard_filters(manager, world, args):
    assert_no_server_error(manager.client.get("/projects/FUZZ/dashboard", query_string=args), {200, 400})


@FUZZ
@given(args=form(sort=text, dir=choice("asc", "desc")))
def test_coach_overview_sorting(manager, world, args):
    assert_no_server_error(manager.client.get("/coach/", query_string=args), {200})
