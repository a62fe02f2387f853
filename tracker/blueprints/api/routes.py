"""API reads of projects and events: the same scoped lookups as the web pages."""
from flask.views import MethodView
from sqlalchemy import tuple_

from tracker.blueprints.api import bp, paging
from tracker.blueprints.api.auth import api_user
from tracker.blueprints.api.query import EventFilter, PageArgs
from tracker.blueprints.api.responses import etagged
from tracker.blueprints.api.schemas import EventPage, ProjectPage, RevisionList
from tracker.blueprints.api.schemas import Event as EventSchema
from tracker.blueprints.api.schemas import Project as ProjectSchema
from tracker.blueprints.api.serialize import project_json, revision_json
from tracker.extensions import db
from tracker.models import Event, Membership, Project
from tracker.services.access import project_access, project_event, visible_projects
from tracker.services.events.queries import filtered_events
from tracker.services.events.representation import event_json


@bp.route("/projects")
class Projects(MethodView):
    @bp.doc(tags=["Projects"], summary="List your projects")
    @bp.arguments(PageArgs, location="query", as_kwargs=True)
    @bp.response(200, ProjectPage)
    def get(self, page_size: int, cursor: str | None):
        """The projects you are a member of, by code."""
        query = visible_projects(api_user()).add_columns(Membership)
        after = paging.decode(cursor, 1)
        if after:
            query = query.where(Project.code > after[0])
        rows = db.session.execute(query.limit(page_size + 1)).all()
        items, links = paging.page_of(rows, page_size, lambda row: [row[0].code], "api.Projects")
        return {"items": [project_json(p, m) for p, m in items], "_links": links}


@bp.route("/projects/<code>")
class ProjectItem(MethodView):
    @bp.doc(tags=["Projects"], summary="Get a project")
    @bp.response(200, ProjectSchema)
    def get(self, code: str):
        """One project you are a member of (404 for any other)."""
        access = project_access(api_user(), code)
        return project_json(access.project, access.membership)


@bp.route("/projects/<code>/events")
class Events(MethodView):
    @bp.doc(tags=["Events"], summary="List a project's events")
    @bp.arguments(EventFilter, location="query", as_kwargs=True)
    @bp.response(200, EventPage)
    def get(self, code: str, page_size: int, cursor: str | None, **filters):
        """Newest first, with the event log's filters; retracted events are included unless asked not to."""
        access = project_access(api_user(), code)
        query = filtered_events(access.project.id, sort="newest", **filters)
        after = paging.event_position(paging.decode(cursor, 2))
        if after:
            query = query.where(tuple_(Event.occurred_on, Event.id) < tuple_(*after))
        rows = list(db.session.scalars(query.limit(page_size + 1)))
        items, links = paging.page_of(rows, page_size, lambda e: [e.occurred_on.isoformat(), e.id],
                                      "api.Events", code=code)
        return {"items": [event_json(e, access.project) for e in items], "_links": links}


@bp.route("/projects/<code>/events/<int:event_id>")
class EventItem(MethodView):
    @bp.doc(tags=["Events"], summary="Get an event",
            responses={"304": {"description": "Not modified (If-None-Match)"}})
    @bp.response(200, EventSchema)
    def get(self, code: str, event_id: int):
        """One event with its version as ETag."""
        access = project_access(api_user(), code)
        event = project_event(access, event_id)
        return etagged(event_json(event, access.project), event.version)


@bp.route("/projects/<code>/events/<int:event_id>/revisions")
class Revisions(MethodView):
    @bp.doc(tags=["Events"], summary="An event's history")
    @bp.response(200, RevisionList)
    def get(self, code: str, event_id: int):
        """Every saved state of the event, oldest first: who changed what, and retractions with their reason."""
        access = project_access(api_user(), code)
        event = project_event(access, event_id)
        return {"items": [revision_json(r) for r in event.revisions]}
