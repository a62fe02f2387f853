"""API writes of events: log (idempotent), change with If-Match, retract with a reason."""
from datetime import date

from flask import request
from flask.views import MethodView
from flask_babel import gettext as _

from tracker.blueprints.api import bp
from tracker.blueprints.api.auth import api_token, api_user
from tracker.blueprints.api.problems import InvalidParams, invalid
from tracker.blueprints.api.responses import PreconditionFailed, etag, if_match_version
from tracker.blueprints.api.schemas import Event as EventSchema
from tracker.blueprints.api.schemas import EventChange, EventInput, Retraction
from tracker.domain.types import Kind, Side, Steering
from tracker.models.api_token import IDEMPOTENCY_KEY_MAX
from tracker.services.access import project_access, project_event
from tracker.services.errors import EditConflict, Forbidden, ValidationFailed
from tracker.services.events import rules
from tracker.services.events.changes import edit_event, event_state, retract_event
from tracker.services.events.remote import audited, log_once
from tracker.services.events.representation import event_json

FIELD_NAMES = {"links_to_id": "links_to"}
IDEMPOTENCY = {"Idempotency-Key": {"description": "Any unique string (e.g. a UUID): a retry with the same key "
                                                  "returns the event logged the first time.",
                                   "schema": {"type": "string", "maxLength": IDEMPOTENCY_KEY_MAX}}}


def _input(values: dict, side: Side) -> rules.EventInput:
    """The services' input from API values."""
    return rules.EventInput(
        occurred_on=date.fromisoformat(str(values["occurred_on"])), side=side, kind=Kind(values["kind"]),
        steering=Steering(values["steering"]), title=values["title"],
        description=values.get("description") or "", escalation_level=values.get("escalation_level"),
        planned=values.get("planned"), links_to_id=values.get("links_to"), scores=values.get("scores") or {})


def _idempotency_key() -> str | None:
    """The Idempotency-Key header (400 when it is too long)."""
    key = request.headers.get("Idempotency-Key", "").strip() or None
    if key and len(key) > IDEMPOTENCY_KEY_MAX:
        raise InvalidParams([invalid("Idempotency-Key", "header", f"At most {IDEMPOTENCY_KEY_MAX} characters.")])
    return key


def _saved(event, project, status: int = 200):
    """The event with its ETag."""
    return event_json(event, project), status, {"ETag": etag(event.version)}


@bp.route("/projects/<code>/events")
class EventCreate(MethodView):
    @bp.doc(tags=["Events"], summary="Log an event", parameters=[
        {"in": "header", "name": name, "required": False, **spec} for name, spec in IDEMPOTENCY.items()],
        responses={"200": {"description": "A retry: the event logged the first time"}})
    @bp.arguments(EventInput)
    @bp.response(201, EventSchema)
    def post(self, values: dict, code: str):
        """Log an event for your own party (managers only). Idempotent with `Idempotency-Key` or `ref`."""
        access = project_access(api_user(), code, write=True)
        if access.is_coach:
            raise Forbidden()
        try:
            logged = log_once(access.project, _input(values, Side(access.side.value)), api_token(),
                              ref=values.get("ref"), key=_idempotency_key())
        except ValidationFailed as error:
            raise InvalidParams.from_service(error.errors, names=FIELD_NAMES) from None
        return _saved(logged.event, access.project, 201 if logged.created else 200)


@bp.route("/projects/<code>/events/<int:event_id>")
class EventChangeView(MethodView):
    @bp.doc(tags=["Events"], summary="Change an event", parameters=[
        {"in": "header", "name": "If-Match", "required": False, "schema": {"type": "string"},
         "description": "The ETag you read (needed: without it the answer is 428; a stale one is 412)."}])
    @bp.arguments(EventChange)
    @bp.response(200, EventSchema)
    def patch(self, values: dict, code: str, event_id: int):
        """Change the fields you send of one of your party's events (managers only)."""
        access = project_access(api_user(), code, write=True)
        event = project_event(access, event_id, write=True)
        based_on = if_match_version(event.version)
        current = {**event_state(event), "links_to": event.links_to_id}
        merged = {**current, **values}
        merged["scores"] = values["scores"] if "scores" in values else current["scores"]
        try:
            edit_event(event, _input(merged, event.side), api_user(), based_on,
                       also=audited("api.event.edit", api_token(), access.project))
        except EditConflict as conflict:
            raise PreconditionFailed(412, conflict.current_version) from None
        except ValidationFailed as error:
            raise InvalidParams.from_service(error.errors, names=FIELD_NAMES) from None
        return _saved(event, access.project)


@bp.route("/projects/<code>/events/<int:event_id>/retraction")
class EventRetraction(MethodView):
    @bp.doc(tags=["Events"], summary="Retract an event", parameters=[
        {"in": "header", "name": "If-Match", "required": False, "schema": {"type": "string"},
         "description": "The ETag you read (needed: without it the answer is 428; a stale one is 412)."}])
    @bp.arguments(Retraction)
    @bp.response(200, EventSchema)
    def post(self, values: dict, code: str, event_id: int):
        """Retract one of your party's events with a reason; it stays in the history but no longer counts."""
        access = project_access(api_user(), code, write=True)
        event = project_event(access, event_id, write=True)
        based_on = if_match_version(event.version)
        if event.is_retracted:
            raise InvalidParams([invalid("event", "path", _("This event was already retracted."), "retracted")])
        try:
            retract_event(event, values["reason"], api_user(), based_on,
                          also=audited("api.event.retract", api_token(), access.project))
        except EditConflict as conflict:
            raise PreconditionFailed(412, conflict.current_version) from None
        except ValidationFailed as error:
            raise InvalidParams.from_service(error.errors) from None
        return _saved(event, access.project)
