"""API reads of the partnership's agreements and follow-up: ladder, open issues, actions, signal log."""
from datetime import date

from flask.views import MethodView

from tracker.blueprints.api import bp
from tracker.blueprints.api.auth import api_user
from tracker.blueprints.api.partnership_schemas import ActionList, Ladder, OpenIssueList, SignalChangeList
from tracker.blueprints.api.query import AsOf
from tracker.services.access import project_access
from tracker.services.actions.queries import actions_json
from tracker.services.ladder.queries import ladder_json
from tracker.services.ladder.register import open_issues_json
from tracker.services.notify.signal_log import change_log


@bp.route("/projects/<code>/ladder")
class LadderView(MethodView):
    @bp.doc(tags=["Partnership"], summary="The escalation ladder in force")
    @bp.arguments(AsOf, location="query", as_kwargs=True)
    @bp.response(200, Ladder)
    def get(self, code: str, as_of: date | None, lang: str):
        """Levels 0–6 with their names, who sits there per side and the agreed time boxes."""
        access = project_access(api_user(), code)
        return ladder_json(access.project, as_of, lang)


@bp.route("/projects/<code>/open-issues")
class OpenIssuesView(MethodView):
    @bp.doc(tags=["Partnership"], summary="The open-issues register")
    @bp.arguments(AsOf, location="query", as_kwargs=True)
    @bp.response(200, OpenIssueList)
    def get(self, code: str, as_of: date | None, lang: str):
        """Every open issue chain: its level, since when, days at that level and the time box."""
        access = project_access(api_user(), code)
        return {"items": open_issues_json(access.project, as_of)}


@bp.route("/projects/<code>/actions")
class ActionsView(MethodView):
    @bp.doc(tags=["Partnership"], summary="Actions")
    @bp.response(200, ActionList)
    def get(self, code: str):
        """The project's actions, open first."""
        access = project_access(api_user(), code)
        return {"items": actions_json(access.project)}


@bp.route("/projects/<code>/signal-changes")
class SignalChangesView(MethodView):
    @bp.doc(tags=["Signals and figures"], summary="Signals raised and cleared")
    @bp.response(200, SignalChangeList)
    def get(self, code: str):
        """The log of raised and cleared signals as the scheduled jobs recorded them, newest first."""
        access = project_access(api_user(), code)
        return {"items": change_log(access.project.id)}
