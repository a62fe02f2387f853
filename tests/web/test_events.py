"""Event pages: log, list with filters, detail with history, edit with conflicts, retract, access."""
import html
import re
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from tests.factories import add_member, csrf_token, login, make_event, make_project, make_user
from tracker.domain.factors import DEFAULT_FACTORS
from tracker.extensions import db
from tracker.models import Event
from tracker.services.events.changes import retract_event

XSS_TITLE = "</script><script>alert(1)</script>"
XSS_DESCRIPTION = "<img src=x onerror=alert(1)>"


@pytest.fixture
def world(app):
    """Project BRUG with every kind of seat, plus project ELSE with its own manager."""
    project = make_project("BRUG", name="Bridge renewal")
    w = SimpleNamespace(project=project, app=app)
    for name, side, role in [("clara", "client", "manager"), ("carl", "client", "manager"),
                             ("kees", "contractor", "manager"), ("mira", "client", "member"),
                             ("cora", "coach", "member")]:
        user = make_user(f"{name}@example.test", name=name.title())
        add_member(project, user, side, role)
        setattr(w, name, user)
    w.other = make_project("ELSE")
    w.otto = make_user("otto@example.test", name="Otto")
    add_member(w.other, w.otto, "client", "manager")
    return w


def as_user(app, user):
    """A fresh test client logged in as `user`."""
    client = app.test_client()
    login(client, user)
    return client


def form_data(**overrides) -> dict:
    """A complete, valid event form submission."""
    data = {"kind": "issue", "occurred_on": "2025-03-01", "steering": "relational",
            "escalation_level": "", "planned": "", "title": "Late drawings",
            "description": "The drawings came two weeks late.", "links_to_id": ""}
    data.update({f"score_{f.key}": "" for f in DEFAULT_FACTORS})
    data.update(overrides)
    return data


def post(client, url, data, *, token=True):
    """POST a form, with the session's CSRF token unless told not to."""
    if token:
        data = {**data, "csrf_token": csrf_token(client, "/")}
    return client.post(url, data=data)


def page(response) -> str:
    return response.get_data(as_text=True)


def events_url(code="BRUG", suffix=""):
    return f"/projects/{code}/events/{suffix}"


def event_count() -> int:
    db.session.rollback()  # end the test's read snapshot
    return db.session.query(Event).count()


# ---- logging ---------------------------------------------------------------------------------

def test_log_form_shows_factors_grouped_with_descriptions_and_the_fixed_side(world):
    client = as_user(world.app, world.clara)
    text = page(client.get(events_url(suffix="new")))
    assert "Personal trust" in text and "System trust" in text
    assert text.index("Personal trust") < text.index("Competence") < text.index("System trust") \
        < text.index("Contract clarity &amp; fair risks")
    assert "Score up when the other side&#39;s people showed" in text
    assert 'name="score_p_competence" type="radio" value=""' in text  # blank is checked by default
    assert re.search(r'checked id="score_p_competence-0"', text)
    assert "3 · Strategic" in text
    assert 'name="side"' not in text and "badge-client" in text
    assert f'value="{date.today().isoformat()}"' in text


def test_log_form_speaks_dutch(world):
    client = as_user(world.app, world.clara)
    client.post("/language", data={"locale": "nl", "csrf_token": csrf_token(client, "/")})
    text = page(client.get(events_url(suffix="new")))
    assert "Deskundigheid" in text and "Contracthelderheid" in text
    assert "Strategisch" in text


def test_manager_logs_an_event_with_scores(world):
    client = as_user(world.app, world.clara)
    response = post(client, events_url(suffix="new"),
                    form_data(score_p_openness="-1", score_s_contract="2", kind="moment",
                              planned="unplanned"))
    assert response.status_code == 302
    db.session.rollback()
    event = db.session.query(Event).one()
    assert response.headers["Location"].endswith(f"/projects/BRUG/events/{event.id}")
    assert event.side.value == "client" and event.planned is False
    assert event.score_map() == {"p_openness": -1, "s_contract": 2}
    assert event.created_by_id == world.clara.id
    text = page(client.get(response.headers["Location"]))
    assert "Late drawings" in text and "The event is logged." in text
    assert "Openness" in text and "−1" in text and "+2" in text


def test_contractor_manager_logs_for_the_contractor_side(world):
    client = as_user(world.app, world.kees)
    post(client, events_url(suffix="new"), form_data(side="client"))  # a smuggled side is ignored
    db.session.rollback()
    assert db.session.query(Event).one().side.value == "contractor"


def test_escalation_links_to_the_issue_it_lifts(world):
    issue = make_event(world.project, world.clara, title="Soil report disputed",
                       occurred_on=date(2025, 2, 1))
    client = as_user(world.app, world.clara)
    assert "Soil report disputed" in page(client.get(events_url(suffix="new")))
    response = post(client, events_url(suffix="new"),
                    form_data(kind="escalation", escalation_level="2", links_to_id=str(issue.id)))
    assert response.status_code == 302
    text = page(client.get(events_url(suffix=str(issue.id))))
    assert "Late drawings" in text  # shown under "linked from"


@pytest.mark.parametrize("overrides, message", [
    ({"title": ""}, "Give the event a short title."),
    ({"occurred_on": (date.today() + timedelta(days=3)).isoformat()}, "The date cannot be in the future."),
    ({"occurred_on": "03/01/2025"}, "Not a valid date value"),
    ({"kind": "escalation"}, "An escalation needs an escalation level."),
    ({"planned": "planned"}, "Planned or unplanned only applies to a moment."),
    ({"score_p_openness": "3"}, "A score runs from -2 to +2."),
    ({"score_p_openness": "lots"}, "could not coerce"),
    ({"links_to_id": "99999"}, "The linked event must be an earlier event of this project."),
    ({"kind": "rumour"}, "Not a valid choice"),
    ({"title": "x" * 201}, "at most 200 characters"),
])
def test_bad_input_shows_the_error_and_stores_nothing(world, overrides, message):
    client = as_user(world.app, world.clara)
    response = post(client, events_url(suffix="new"), form_data(**overrides))
    assert response.status_code == 422
    text = page(response)
    assert html.escape(message, quote=False) in text or message in text
    assert 'class="error"' in text and "Nothing has been saved yet." in text
    assert event_count() == 0


def test_linking_to_another_projects_event_is_refused(world):
    foreign = make_event(world.other, world.otto, title="Foreign", occurred_on=date(2025, 1, 1))
    client = as_user(world.app, world.clara)
    assert "Foreign" not in page(client.get(events_url(suffix="new")))
    response = post(client, events_url(suffix="new"), form_data(links_to_id=str(foreign.id)))
    assert response.status_code == 422
    assert "must be an earlier event of this project" in page(response)
    assert event_count() == 1


def test_errors_sit_next_to_their_field(world):
    client = as_user(world.app, world.clara)
    text = page(post(client, events_url(suffix="new"), form_data(score_s_finance="3")))
    row = text[text.index('id="score_s_finance-label"'):]
    assert row.index("A score runs from -2 to +2.") < row.index('name="score_s_finance"')


# ---- CSRF ------------------------------------------------------------------------------------

def test_every_post_needs_a_csrf_token(world):
    event = make_event(world.project, world.clara)
    client = as_user(world.app, world.clara)
    assert post(client, events_url(suffix="new"), form_data(), token=False).status_code == 400
    assert post(client, events_url(suffix=f"{event.id}/edit"), form_data(version="1", title="Changed"),
                token=False).status_code == 400
    assert post(client, events_url(suffix=f"{event.id}/retract"), {"reason": "x", "version": "1"},
                token=False).status_code == 400
    db.session.rollback()  # end the test's read snapshot
    event = db.session.get(Event, event.id)
    assert event_count() == 1 and event.title == "Something happened" and not event.is_retracted
    assert event.version == 1


# ---- edit and conflicts ----------------------------------------------------------------------

def test_edit_form_is_prefilled_and_saves_a_revision(world):
    event = make_event(world.project, world.clara, scores={"p_openness": -1}, description="Old text")
    client = as_user(world.app, world.clara)
    text = page(client.get(events_url(suffix=f"{event.id}/edit")))
    assert 'value="Something happened"' in text and "Old text" in text
    assert 'name="version" type="hidden" value="1"' in text
    assert re.search(r'checked id="score_p_openness-\d" name="score_p_openness" type="radio" value="-1"', text)
    response = post(client, events_url(suffix=f"{event.id}/edit"),
                    form_data(version="1", title="Drawings very late", score_p_openness="-2"))
    assert response.status_code == 302
    text = page(client.get(events_url(suffix=str(event.id))))
    assert "Your changes are saved." in text
    assert "<del>Something happened</del> → <ins>Drawings very late</ins>" in text
    assert "<del>−1</del> → <ins>−2</ins>" in text
    assert "Edited" in text and "Clara" in text


def test_edit_validation_errors_keep_the_event(world):
    event = make_event(world.project, world.clara)
    client = as_user(world.app, world.clara)
    response = post(client, events_url(suffix=f"{event.id}/edit"), form_data(version="1", title=""))
    assert response.status_code == 422 and "Give the event a short title." in page(response)
    db.session.rollback()  # end the test's read snapshot
    assert db.session.get(Event, event.id).title == "Something happened"


def _hidden(text: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in
            re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', text)}


def test_saving_mine_after_a_conflict_applies_only_the_fields_i_changed(world):
    event = make_event(world.project, world.clara, title="Original", description="Old text")
    first, second = as_user(world.app, world.clara), as_user(world.app, world.carl)
    url = events_url(suffix=f"{event.id}/edit")
    assert post(first, url, form_data(version="1", title="Clara's title",
                                      description="Old text")).status_code == 302

    response = post(second, url, form_data(version="1", title="Original", description="Carl's text"))
    assert response.status_code == 409
    text = page(response)
    assert "Someone else saved this event" in text and "choose one" not in text
    assert re.search(r'<button type="submit" class="btn">Save my changes</button>', text)
    assert 'class="btn btn-secondary"' in text and "Discard mine" in text  # not the primary button
    response = second.post(url, data=_hidden(text))
    assert response.status_code == 302
    db.session.rollback()  # end the test's read snapshot
    event = db.session.get(Event, event.id)
    assert event.title == "Clara's title" and event.description == "Carl's text"
    assert event.version == 3


def test_fields_both_changed_are_chosen_one_by_one(world):
    event = make_event(world.project, world.clara, title="Original", scores={"p_openness": 1})
    first, second = as_user(world.app, world.clara), as_user(world.app, world.carl)
    url = events_url(suffix=f"{event.id}/edit")
    assert post(first, url, form_data(version="1", title="Clara's title",
                                      score_p_openness="2")).status_code == 302

    response = post(second, url, form_data(version="1", title="Carl's title", score_p_openness="-1",
                                           score_s_mandate="1"))
    assert response.status_code == 409
    text = page(response)
    assert "Clara&#39;s title" in text and "Carl&#39;s title" in text  # side by side
    assert 'name="choose_title" value="theirs" required' in text
    assert 'name="choose_score_p_openness" value="mine" required' in text
    db.session.rollback()  # end the test's read snapshot
    assert db.session.get(Event, event.id).title == "Clara's title"  # no silent overwrite

    hidden = _hidden(text)
    assert hidden["version"] == "1" and hidden["merge"] == "1"
    assert second.post(url, data=hidden).status_code == 409  # a clash without a choice saves nothing
    response = second.post(url, data={**hidden, "choose_title": "mine", "choose_score_p_openness": "theirs"})
    assert response.status_code == 302
    db.session.rollback()
    event = db.session.get(Event, event.id)
    assert event.title == "Carl's title" and event.version == 3
    assert event.score_map() == {"p_openness": 2, "s_mandate": 1}
    assert [(r.action, r.changed_by_id) for r in event.revisions] == [
        ("created", world.clara.id), ("edited", world.clara.id), ("edited", world.carl.id)]


def test_saving_without_changes_says_so(world):
    event = make_event(world.project, world.clara, title="Original")
    client = as_user(world.app, world.clara)
    url = events_url(suffix=f"{event.id}/edit")
    response = post(client, url, form_data(version="1", title="Original", description=""))
    assert response.status_code == 302
    text = page(client.get(response.headers["Location"]))
    assert "Nothing was changed" in text and "Your changes are saved." not in text


def test_reload_after_a_conflict_edits_the_latest_version(world):
    event = make_event(world.project, world.clara)
    client = as_user(world.app, world.clara)
    url = events_url(suffix=f"{event.id}/edit")
    post(client, url, form_data(version="1", title="Newer"))
    text = page(client.get(url))
    assert 'name="version" type="hidden" value="2"' in text and 'value="Newer"' in text


def test_retracted_events_cannot_be_edited(world):
    event = make_event(world.project, world.clara)
    retract_event(event, "duplicate", world.clara, 1)
    client = as_user(world.app, world.clara)
    url = events_url(suffix=f"{event.id}/edit")
    response = client.get(url)
    assert response.status_code == 302
    assert "retracted and can no longer be edited" in page(client.get(response.headers["Location"]))
    assert post(client, url, form_data(version=str(event.version), title="Sneaky")).status_code == 302
    db.session.rollback()  # end the test's read snapshot
    assert db.session.get(Event, event.id).title == "Something happened"


# ---- retraction ------------------------------------------------------------------------------

def test_retraction_needs_a_reason(world):
    event = make_event(world.project, world.clara)
    client = as_user(world.app, world.clara)
    url = events_url(suffix=f"{event.id}/retract")
    text = page(client.get(url))
    assert "Why is this event retracted?" in text and 'name="version" type="hidden" value="1"' in text
    response = post(client, url, {"reason": "  ", "version": "1"})
    assert response.status_code == 422 and "Give a reason for the retraction." in page(response)
    db.session.rollback()  # end the test's read snapshot
    assert not db.session.get(Event, event.id).is_retracted


def test_retracted_event_stays_visible_with_its_reason(world):
    event = make_event(world.project, world.clara, title="Double entry")
    make_event(world.project, world.clara, title="Still counts")
    client = as_user(world.app, world.clara)
    response = post(client, events_url(suffix=f"{event.id}/retract"),
                    {"reason": "Logged twice by mistake", "version": "1"})
    assert response.status_code == 302
    detail = page(client.get(events_url(suffix=str(event.id))))
    assert "badge-retracted" in detail and "Logged twice by mistake" in detail
    assert "retraction-reason" in detail and "Retracted on" in detail
    assert ">Edit<" not in detail and ">Retract<" not in detail
    listing = page(client.get(events_url()))
    assert re.search(r'<tr class="retracted">\s*<td[^>]*>[^<]*</td>\s*<td[^>]*>[^<]*</td>\s*<td[^>]*>\s*<a[^>]*>Double entry', listing)
    hidden = page(client.get(events_url() + "?retracted=hide"))
    assert "Double entry" not in hidden and "Still counts" in hidden
    overview = page(client.get("/projects/BRUG"))
    assert re.search(r'stat-value">1</span><span class="stat-label">Issue', overview)
    assert client.get(events_url(suffix=f"{event.id}/retract")).status_code == 302  # already done


def test_retract_from_a_stale_page_asks_again(world):
    event = make_event(world.project, world.clara)
    client = as_user(world.app, world.clara)
    post(client, events_url(suffix=f"{event.id}/edit"), form_data(version="1", title="Edited"))
    response = post(client, events_url(suffix=f"{event.id}/retract"), {"reason": "gone", "version": "1"})
    assert response.status_code == 409
    text = page(response)
    assert "changed by someone else" in text and 'name="version" type="hidden" value="2"' in text
    assert post(client, events_url(suffix=f"{event.id}/retract"),
                {"reason": "gone", "version": "2"}).status_code == 302


# ---- history ---------------------------------------------------------------------------------

def test_history_shows_who_when_and_what(world):
    event = make_event(world.project, world.clara, title="Start", kind="issue")
    carl = as_user(world.app, world.carl)
    post(carl, events_url(suffix=f"{event.id}/edit"),
         form_data(version="1", title="Start", kind="escalation", escalation_level="3"))
    post(carl, events_url(suffix=f"{event.id}/retract"), {"reason": "Wrong project", "version": "2"})
    text = page(carl.get(events_url(suffix=str(event.id))))
    history = text[text.index('class="history"'):]
    assert history.index("Logged") < history.index("Edited") < history.index("Retracted")
    assert "by Clara" in history and "by Carl" in history
    assert "<del>Issue</del> → <ins>Escalation</ins>" in history
    assert "<del>—</del> → <ins>3 · Strategic</ins>" in history
    assert "Wrong project" in history
    assert len(re.findall(r"<time datetime=", history)) == 3


# ---- list, filters, pagination ---------------------------------------------------------------

@pytest.fixture
def seeded(world):
    make_event(world.project, world.clara, title="Issue Jan", occurred_on=date(2025, 1, 10))
    make_event(world.project, world.kees, side="contractor", kind="escalation", escalation_level=2,
               steering="contractual", title="Escalation Feb", occurred_on=date(2025, 2, 10))
    make_event(world.project, world.kees, side="contractor", kind="moment", planned=True,
               steering="mixed", title="Moment Mar", occurred_on=date(2025, 3, 10))
    make_event(world.project, world.clara, kind="agreement", title="Agreement Apr",
               occurred_on=date(2025, 4, 10))
    return world


@pytest.mark.parametrize("query, shown", [
    ("", {"Issue Jan", "Escalation Feb", "Moment Mar", "Agreement Apr"}),
    ("kind=escalation", {"Escalation Feb"}),
    ("side=contractor", {"Escalation Feb", "Moment Mar"}),
    ("steering=mixed", {"Moment Mar"}),
    ("level=2", {"Escalation Feb"}),
    ("date_from=2025-02-01&date_to=2025-03-31", {"Escalation Feb", "Moment Mar"}),
    ("side=client&kind=issue", {"Issue Jan"}),
])
def test_filters(seeded, query, shown):
    client = as_user(seeded.app, seeded.mira)
    response = client.get(events_url() + "?" + query)
    assert response.status_code == 200
    text = page(response)
    titles = {"Issue Jan", "Escalation Feb", "Moment Mar", "Agreement Apr"}
    assert {t for t in titles if t in text} == shown


@pytest.mark.parametrize("query, message", [
    ("kind=rumour", "Not a valid choice"),
    ("side=coach", "Not a valid choice"),
    ("level=abc", "could not coerce"),
    ("level=9", "Not a valid choice"),
    ("date_from=2025-13-45", "Not a valid date value"),
    ("date_from=2025-05-01&date_to=2025-01-01", "The end date is before the start date."),
    ("retracted=maybe", "Not a valid choice"),
])
def test_invalid_filters_give_a_clear_message(seeded, query, message):
    client = as_user(seeded.app, seeded.mira)
    response = client.get(events_url() + "?" + query)
    assert response.status_code == 400
    text = page(response)
    assert message in text and "Some filters are not valid" in text
    assert "Issue Jan" not in text


def test_pagination_keeps_the_filters(world, app):
    app.config["EVENTS_PER_PAGE"] = 2
    for day in range(1, 6):
        make_event(world.project, world.clara, title=f"Event {day}", occurred_on=date(2025, 1, day))
    make_event(world.project, world.clara, kind="moment", title="Other kind", occurred_on=date(2025, 1, 9))
    client = as_user(app, world.clara)
    text = page(client.get(events_url() + "?kind=issue"))
    assert "Event 5" in text and "Event 4" in text and "Event 3" not in text
    assert "Page 1 of 3" in text and "5 events" in text
    next_link = html.unescape(re.search(r'href="([^"]+)" rel="next"', text).group(1))
    assert "kind=issue" in next_link and "page=2" in next_link
    text = page(client.get(events_url() + "?kind=issue&page=3"))
    assert "Event 1" in text and "Event 2" not in text and "Other kind" not in text
    assert client.get(events_url() + "?page=abc").status_code == 200
    assert "This page has no events." in page(client.get(events_url() + "?page=99"))


def test_empty_states(world):
    client = as_user(world.app, world.clara)
    assert "No events have been logged for this project yet." in page(client.get(events_url()))
    assert "No events match these filters." in page(client.get(events_url() + "?kind=issue"))


# ---- escaping --------------------------------------------------------------------------------

def _assert_escaped(text: str) -> None:
    assert "<script>alert(1)" not in text and "</script><script>" not in text
    assert "<img src=x" not in text
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_user_text_is_escaped_everywhere(world):
    event = make_event(world.project, world.clara, title=XSS_TITLE, description=XSS_DESCRIPTION,
                       occurred_on=date(2025, 1, 1))
    make_event(world.project, world.clara, title="Follow-up", links_to_id=event.id)
    client = as_user(world.app, world.clara)
    detail = page(client.get(events_url(suffix=str(event.id))))
    _assert_escaped(detail)
    assert "&lt;img src=x onerror=alert(1)&gt;" in detail
    for url in (events_url(), "/projects/BRUG", events_url(suffix="new"),
                events_url(suffix=f"{event.id}/edit"), events_url(suffix=f"{event.id}/retract")):
        _assert_escaped(page(client.get(url)))
    edit_url = events_url(suffix=f"{event.id}/edit")
    post(client, edit_url, form_data(version="1", title=XSS_TITLE + " v2", description=XSS_DESCRIPTION,
                                     occurred_on="2025-01-01"))
    detail = page(client.get(events_url(suffix=str(event.id))))  # history diff
    _assert_escaped(detail)
    conflict = post(client, edit_url, form_data(version="1", title=XSS_TITLE + " v3",
                                                description=XSS_DESCRIPTION, occurred_on="2025-01-01"))
    assert conflict.status_code == 409
    _assert_escaped(page(conflict))
    assert "<img src=x" not in page(conflict)
    post(client, events_url(suffix=f"{event.id}/retract"), {"reason": XSS_DESCRIPTION, "version": "2"})
    detail = page(client.get(events_url(suffix=str(event.id))))
    assert "<img src=x" not in detail and "&lt;img src=x onerror=alert(1)&gt;" in detail


# ---- access ----------------------------------------------------------------------------------

def _routes(event_id: int) -> dict[str, str]:
    return {"list": events_url(), "detail": events_url(suffix=str(event_id)), "new": events_url(suffix="new"),
            "edit": events_url(suffix=f"{event_id}/edit"), "retract": events_url(suffix=f"{event_id}/retract")}


@pytest.mark.parametrize("who", ["mira", "cora"])
def test_members_and_coaches_read_but_do_not_write(world, who):
    event = make_event(world.project, world.clara)
    client = as_user(world.app, getattr(world, who))
    urls = _routes(event.id)
    assert client.get(urls["list"]).status_code == 200
    detail = client.get(urls["detail"])
    assert detail.status_code == 200 and ">Edit<" not in page(detail)
    assert "Log an event" not in page(client.get("/projects/BRUG"))
    for name in ("new", "edit", "retract"):
        assert client.get(urls[name]).status_code == 403, name
    assert post(client, urls["new"], form_data()).status_code == 403
    assert post(client, urls["edit"], form_data(version="1", title="Hijack")).status_code == 403
    assert post(client, urls["retract"], {"reason": "no", "version": "1"}).status_code == 403
    db.session.rollback()  # end the test's read snapshot
    event = db.session.get(Event, event.id)
    assert event_count() == 1 and event.title == "Something happened" and not event.is_retracted


def test_the_other_sides_manager_cannot_edit_or_retract(world):
    event = make_event(world.project, world.clara)
    client = as_user(world.app, world.kees)
    urls = _routes(event.id)
    detail = client.get(urls["detail"])
    assert detail.status_code == 200 and ">Edit<" not in page(detail)
    assert client.get(urls["edit"]).status_code == 403
    assert client.get(urls["retract"]).status_code == 403
    assert post(client, urls["edit"], form_data(version="1", title="Hijack")).status_code == 403
    assert post(client, urls["retract"], {"reason": "no", "version": "1"}).status_code == 403
    db.session.rollback()  # end the test's read snapshot
    event = db.session.get(Event, event.id)
    assert event.title == "Something happened" and not event.is_retracted


def test_outsiders_get_404_everywhere(world):
    event = make_event(world.project, world.clara)
    client = as_user(world.app, world.otto)
    for name, url in _routes(event.id).items():
        assert client.get(url).status_code == 404, name
    assert client.get("/projects/BRUG").status_code == 404
    assert post(client, events_url(suffix="new"), form_data()).status_code == 404
    assert post(client, events_url(suffix=f"{event.id}/edit"), form_data(version="1")).status_code == 404
    assert post(client, events_url(suffix=f"{event.id}/retract"), {"reason": "x", "version": "1"}).status_code == 404
    assert event_count() == 1


def test_another_projects_event_under_this_code_is_404(world):
    foreign = make_event(world.other, world.otto, title="Foreign")
    add_member(world.other, world.clara, "client", "manager")  # Clara may see it only under ELSE
    client = as_user(world.app, world.clara)
    for name in ("detail", "edit", "retract"):
        assert client.get(_routes(foreign.id)[name]).status_code == 404, name
        assert client.get(_routes(foreign.id)[name].replace("BRUG", "ELSE")).status_code == 200, name
    assert post(client, _routes(foreign.id)["edit"], form_data(version="1", title="x")).status_code == 404
    assert post(client, _routes(foreign.id)["retract"], {"reason": "x", "version": "1"}).status_code == 404
    db.session.rollback()  # end the test's read snapshot
    foreign = db.session.get(Event, foreign.id)
    assert foreign.title == "Foreign" and not foreign.is_retracted


def test_anonymous_visitors_are_sent_to_login(world):
    event = make_event(world.project, world.clara)
    client = world.app.test_client()
    for url in _routes(event.id).values():
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


# ---- the quick form --------------------------------------------------------------------------

def test_the_log_form_chooses_no_kind_or_steering_for_the_user(world):
    client = as_user(world.app, world.clara)
    text = page(client.get(events_url(suffix="new")))
    assert 'name="kind"' in text and 'name="steering"' in text
    assert not re.search(r'checked[^>]*name="(kind|steering)"', text)
    assert not re.search(r'<input[^>]*maxlength[^>]*name="title"', text)  # a browser would cut a long title silently
    response = post(client, events_url(suffix="new"), form_data(kind="", steering=""))
    assert response.status_code == 422
    assert "Choose the kind of event." in page(response) and "Choose how it was handled." in page(response)
    assert event_count() == 0


def test_the_link_picker_takes_the_number_at_the_start_of_the_text(world):
    earlier = make_event(world.project, world.clara, title="Crane permit refused")
    client = as_user(world.app, world.clara)
    text = page(client.get(events_url(suffix="new")))
    label = f"#{earlier.id} · 2025-03-01 · Issue · Crane permit refused"
    assert f'<option value="{label}">' in text
    bad = post(client, events_url(suffix="new"), form_data(kind="escalation", escalation_level="2",
                                                           links_to_id="crane"))
    assert bad.status_code == 422 and "Choose an event from the list" in page(bad)
    response = post(client, events_url(suffix="new"), form_data(kind="escalation", escalation_level="2",
                                                                links_to_id=label))
    assert response.status_code == 302
    db.session.rollback()
    assert db.session.scalars(select(Event).where(Event.links_to_id == earlier.id)).one().kind.value == "escalation"


# ---- search and sort -------------------------------------------------------------------------

def test_search_finds_words_in_title_or_description_in_any_case(world):
    make_event(world.project, world.clara, title="Kraan vergunning geweigerd", description="De gemeente zegt nee.")
    make_event(world.project, world.clara, title="Crane permit", description="The municipality said NO to 100% of it.")
    make_event(world.project, world.clara, title="Koffie", description="")
    client = as_user(world.app, world.clara)

    def titles(**args):
        text = page(client.get(events_url(), query_string=args))
        return re.findall(r'/events/\d+">([^<]+)</a>', text)

    assert titles(q="kraan") == ["Kraan vergunning geweigerd"]
    assert sorted(titles(q="NEE")) == ["Kraan vergunning geweigerd"]
    assert titles(q="municipality no") == ["Crane permit"]  # every word, title or description
    assert titles(q="100%") == ["Crane permit"] and titles(q="_") == []  # LIKE wildcards are literal
    assert titles(q="permit", sort="oldest") == ["Crane permit"]


def test_the_event_list_sorts_as_asked(world):
    make_event(world.project, world.clara, title="B later", occurred_on=date(2025, 3, 5))
    make_event(world.project, world.clara, title="A earlier", occurred_on=date(2025, 3, 1))
    make_event(world.project, world.clara, title="C escalated", kind="escalation", escalation_level=3,
               occurred_on=date(2025, 3, 3))
    client = as_user(world.app, world.clara)

    def titles(sort):
        text = page(client.get(events_url(), query_string={"sort": sort}))
        return re.findall(r'/events/\d+">([^<]+)</a>', text)

    assert titles("newest") == ["B later", "C escalated", "A earlier"]
    assert titles("oldest") == ["A earlier", "C escalated", "B later"]
    assert titles("title") == ["A earlier", "B later", "C escalated"]
    assert titles("level")[0] == "C escalated"
    assert client.get(events_url(), query_string={"sort": "drop table"}).status_code == 400
