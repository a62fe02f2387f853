"""API reads of what the tracker computes: signals, figures, the other party's view, scan, give and take."""
from datetime import date

from flask.views import MethodView
from flask_babel import gettext as _

from tracker.blueprints.api import bp
from tracker.blueprints.api.auth import api_user
from tracker.blueprints.api.figure_schemas import Figures, GiveTake, OtherView, ScanResults, ScanRoundList, Signals
from tracker.blueprints.api.query import AsOf, RoundArgs
from tracker.blueprints.api.serialize import figures_json, give_take_json
from tracker.domain.report import signals_json
from tracker.services.access import project_access, project_event
from tracker.services.errors import NotFound
from tracker.services.instruments import give_take, scan
from tracker.services.trust.history import trust_history


@bp.route("/projects/<code>/signals")
class SignalsView(MethodView):
    @bp.doc(tags=["Signals and figures"], summary="Signals as of a date")
    @bp.arguments(AsOf, location="query", as_kwargs=True)
    @bp.response(200, Signals)
    def get(self, code: str, as_of: date | None, lang: str):
        """The project's raised signals and headline figures (the signals JSON of the command line)."""
        access = project_access(api_user(), code)
        history = trust_history(access.project, as_of or date.today())
        return signals_json(access.project.code, history.current, lang)


@bp.route("/projects/<code>/figures")
class FiguresView(MethodView):
    @bp.doc(tags=["Signals and figures"], summary="Figures as of a date")
    @bp.arguments(AsOf, location="query", as_kwargs=True)
    @bp.response(200, Figures)
    def get(self, code: str, as_of: date | None, lang: str):
        """Trust indices overall, per side and per factor, contract steering share and escalation figures."""
        access = project_access(api_user(), code)
        as_of = as_of or date.today()
        return figures_json(access.project.code, as_of, trust_history(access.project, as_of).current.figures)


@bp.route("/projects/<code>/events/<int:event_id>/other-view")
class OtherViewView(MethodView):
    @bp.doc(tags=["Events"], summary="The other party's view of an event")
    @bp.response(200, OtherView)
    def get(self, code: str, event_id: int):
        """The scores and note the party that did not log the event gave it (404 when it gave none)."""
        access = project_access(api_user(), code)
        event = project_event(access, event_id)
        if event.other_view is None:
            raise NotFound(_("The other party has not given its view of this event."))
        return {"scores": event.other_view.score_map(), "note": event.other_view.note}


@bp.route("/projects/<code>/scan-rounds")
class ScanRounds(MethodView):
    @bp.doc(tags=["Instruments"], summary="Collaboration scan rounds")
    @bp.response(200, ScanRoundList)
    def get(self, code: str):
        """The project's rounds, newest first."""
        access = project_access(api_user(), code)
        return {"items": [{"id": r.id, "name": r.name, "opens_on": r.opens_on, "closes_on": r.closes_on}
                          for r in scan.rounds(access.project)]}


@bp.route("/projects/<code>/scan-rounds/<int:round_id>/results")
class ScanResultsView(MethodView):
    @bp.doc(tags=["Instruments"], summary="Results of a scan round")
    @bp.response(200, ScanResults)
    def get(self, code: str, round_id: int):
        """Means per factor and lens per side, with the gaps (the scan-results JSON of the command line)."""
        access = project_access(api_user(), code)
        return scan.results_json(access.project, scan.project_round(access.project, round_id))


@bp.route("/projects/<code>/give-and-take")
class GiveTakeView(MethodView):
    @bp.doc(tags=["Instruments"], summary="Give and take")
    @bp.arguments(RoundArgs, location="query", as_kwargs=True)
    @bp.response(200, GiveTake)
    def get(self, code: str, round: str | None):
        """Both parties' balance for a round (404 when the project has no such round)."""
        access = project_access(api_user(), code)
        view = give_take.round_view(access.project, round)
        if view is None:
            raise NotFound()
        return give_take_json(access.project.code, view)
