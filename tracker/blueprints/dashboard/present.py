"""Turn a `Dashboard` into the page's charts: titles, how-to-read texts, safe JSON, empty states."""
from dataclasses import dataclass

from flask import url_for
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from tracker import charts
from tracker.blueprints.dashboard import labels
from tracker.domain import interventions as catalogue
from tracker.services.trust.dashboard import Dashboard


@dataclass(frozen=True)
class Chart:
    """One chart card: its data block (None shows the empty text instead)."""

    id: str
    title: str
    how: str
    data: Markup | None
    empty: str
    click_base: str | None = None
    wide: bool = False
    note: str | None = None


def intervention_title(key: str, lang: str) -> str:
    """The catalogue title of an intervention (the key itself if the catalogue lost it)."""
    try:
        return catalogue.get(key).title(lang)
    except KeyError:
        return key


def intervention_text(key: str, lang: str) -> str:
    """The catalogue description of an intervention ("" if unknown)."""
    try:
        return catalogue.get(key).description(lang)
    except KeyError:
        return ""


def _timeline_note(dash: Dashboard) -> str | None:
    """Say so when the timeline shows only the newest events of the period."""
    if dash.timeline_total <= len(dash.timeline):
        return None
    return _l("Showing the newest %(shown)s of %(total)s events in this period; choose a shorter "
              "period to see older ones.", shown=labels.number(len(dash.timeline), digits=0),
              total=labels.number(dash.timeline_total, digits=0))


def _has_trust(dash: Dashboard, both: bool = False) -> bool:
    """True when some week has a personal or system value (or both) to draw."""
    side = dash.filters.side.value if dash.filters.side else None
    test = all if both else any
    return any(test(p.get(side, name)[0] is not None for name in ("personal", "system"))
               for p in dash.series)


def dashboard_charts(dash: Dashboard, code: str) -> list[Chart]:
    """The dashboard's charts in page order."""
    lang, side = labels.lang(), dash.filters.side
    words = labels.words(labels.CHART_WORDS)
    levels = labels.level_names()
    marks = [(r.started_on, intervention_title(r.key, lang), r.note) for r in dash.interventions
             if (dash.filters.date_from is None or r.started_on >= dash.filters.date_from)
             and r.started_on <= dash.filters.date_to]
    trust = _has_trust(dash)
    esc = dash.history.current.figures.escalations
    return [
        Chart("chart-trust", _l("Personal and system trust over time"),
              _l("Each line is a trust index from 0 to 100: above 50, what feeds trust outweighs what "
                 "feeds distrust, with recent events weighing more. Thick lines combine both sides; "
                 "dashed is the client's view, dotted the contractor's; teal is personal trust, purple "
                 "system trust. Orange triangles mark the start "
                 "of a recorded intervention, so you can compare before and after."),
              charts.script_json(charts.trust_over_time(dash.series, words, side=side,
                                                        interventions=marks)) if trust else None,
              _l("No factor scores yet, so there are no trust lines to draw. They appear once "
                 "events with scores are logged."), wide=True),
        Chart("chart-share", _l("Contract steering over time"),
              _l("The share of events handled through the contract (mixed counts half), recent events "
                 "weighing more. Using the contract is healthy; watch for it rising while personal "
                 "trust falls."),
              charts.script_json(charts.steering_share(dash.series, words, side=side))
              if dash.series else None, _l("No events in this period.")),
        Chart("chart-balance", _l("Balance map"),
              _l("Each dot is a week: system trust across, personal trust up; the big dot is now. "
                 "Top right is balanced, bottom right contract-driven, top left blind trust and "
                 "bottom left adrift."),
              charts.script_json(charts.balance_map(dash.series, words, side=side))
              if _has_trust(dash, both=True) else None, _l("The map needs both personal and system scores.")),
        Chart("chart-timeline", _l("Event timeline"),
              _l("Every event in the row of its kind, coloured by how it was handled. Triangles are "
                 "escalations (bigger is higher on the ladder); open diamonds are unplanned moments. "
                 "Hover for the title, click to open the event."),
              charts.script_json(charts.timeline(
                  dash.timeline, words, kinds=labels.words(labels.KINDS),
                  steering=labels.words(labels.STEERING), sides=labels.side_names(), levels=levels))
              if dash.timeline else None, _l("No events in this period."),
              click_base=url_for("events.index", code=code), wide=True, note=_timeline_note(dash)),
        Chart("chart-heatmap", _l("Factors by month"),
              _l("The average score of each factor per month, from −2 (red: feeds distrust) to +2 "
                 "(teal: feeds trust). Personal factors are above the line, system factors below; "
                 "a grey cell means nobody scored that factor that month."),
              charts.script_json(charts.factor_heatmap(dash.heat, dash.factors, words, dash.months))
              if dash.heat else None, _l("No factor scores in this period."), wide=True),
        Chart("chart-ladder", _l("Escalations per month"),
              _l("How many escalations were logged each month, stacked by the rung of the ladder they "
                 "reached. Fewer and lower is better; going back down is logged as an agreement."),
              charts.script_json(charts.ladder_per_month(dash.ladder, levels, words, dash.months))
              if dash.ladder else None, _l("No escalations in this period. Good news.")),
        Chart("chart-levels", _l("Time spent per level"),
              _l("The average number of days an issue stayed at each level before it moved up or was "
                 "resolved; open issues count up to the end of the period."),
              charts.script_json(charts.time_per_level(esc.mean_days_at_level, esc.days_at_level,
                                                       levels, words))
              if any(v is not None for v in esc.mean_days_at_level.values()) else None,
              _l("No issues have been followed up the ladder yet.")),
    ]


def instrument_context(project) -> dict:
    """The periodic instruments' summaries shown on the dashboard (scan, give and take, 4c role)."""
    from tracker.blueprints.partnership import present as partnership
    from tracker.blueprints.scan import present as scan

    return {"scan_summary": scan.summary_context(project),
            "give_take": partnership.give_take_context(project),
            "leadership": partnership.leadership_context(project)}
