"""Turn a `Dashboard` into the page's charts: titles, how-to-read texts, safe JSON, empty states."""
from collections.abc import Callable
from dataclasses import dataclass

from flask import url_for
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from tracker import charts
from tracker.blueprints.dashboard import labels, tables
from tracker.domain import interventions as catalogue
from tracker.i18n import day_formatter
from tracker.services.trust.dashboard import Dashboard


@dataclass(frozen=True)
class Chart:
    """One chart card: its data block (None shows the empty text instead), and what it shows in
    words (``summary``) and numbers (``table``) for everyone who cannot see or hover it."""

    id: str
    title: str
    how: str
    data: Markup | None
    empty: str
    click_base: str | None = None
    wide: bool = False
    note: str | None = None
    summary: str | None = None
    table: tables.Table | None = None


def chart_card(chart_id: str, title: str, how: str, empty: str, draw: Callable[[], dict] | None,
               describe: Callable[[], tuple[str, tables.Table]], **extra) -> Chart:
    """A chart card: ``draw()`` gives the figure, ``describe()`` its summary and table. Neither runs
    when ``draw`` is None (nothing to draw): the card shows ``empty`` instead."""
    if draw is None:
        return Chart(chart_id, title, how, None, empty, **extra)
    summary, table = describe()
    return Chart(chart_id, title, how, charts.script_json(draw()), empty, summary=summary, table=table,
                 **extra)


def intervention_title(key: str, lang: str) -> str:
    """The catalogue title of an intervention (the key itself if the catalogue lost it)."""
    try:
        return catalogue.lookup(key).title(lang)
    except KeyError:
        return key


def intervention_text(key: str, lang: str) -> str:
    """The catalogue description of an intervention ("" if unknown)."""
    try:
        return catalogue.lookup(key).description(lang)
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
    """The dashboard's charts in page order, each with its summary and table."""
    lang, side, series = labels.lang(), dash.filters.side, dash.series
    words = labels.words(labels.CHART_WORDS)
    levels = labels.level_names()
    marks = [(a.created_on, a.display_title(lang), a.notes) for a in dash.actions
             if (dash.filters.date_from is None or a.created_on >= dash.filters.date_from)
             and a.created_on <= dash.filters.date_to]
    esc = dash.history.current.figures.escalations
    period = {"date_from": dash.filters.date_from, "date_to": dash.filters.date_to,
              "side": side.value if side else None}
    event_log = url_for("events.index", code=code, **{k: v for k, v in period.items() if v})
    return [
        chart_card("chart-trust", _l("Personal and system trust over time"),
                   _l("Each line is a trust index from 0 to 100: above 50, what feeds trust outweighs what "
                      "feeds distrust, with recent events weighing more. Thick lines combine both sides; "
                      "dashed is the client's view, dotted the contractor's; teal circles are personal "
                      "trust, purple squares system trust. Orange triangles mark the day "
                      "an action was taken, so you can compare before and after."),
                   _l("No factor scores yet, so there are no trust lines to draw. They appear once "
                      "events with scores are logged."),
                   (lambda: charts.trust_over_time(series, words, side=side, interventions=marks))
                   if _has_trust(dash) else None,
                   lambda: tables.trust(series, side, words), wide=True),
        chart_card("chart-share", _l("Contract steering over time"),
                   _l("The share of events handled through the contract (mixed counts half), recent "
                      "events weighing more. Using the contract is healthy; watch for it rising while "
                      "personal trust falls."),
                   _l("No events in this period."),
                   (lambda: charts.steering_share(series, words, side=side)) if series else None,
                   lambda: tables.steering(series, side, words)),
        chart_card("chart-balance", _l("Balance map"),
                   _l("Each dot is a week: system trust across, personal trust up; the big dot is now. "
                      "Top right is balanced, bottom right contract-driven, top left blind trust and "
                      "bottom left adrift."),
                   _l("The map needs both personal and system scores."),
                   (lambda: charts.balance_map(series, words, side=side))
                   if _has_trust(dash, both=True) else None,
                   lambda: tables.balance(series, side, words)),
        chart_card("chart-timeline", _l("Event timeline"),
                   _l("Every event in the row of its kind. Colour and shape show how it was handled: "
                      "circles relational, diamonds mixed, squares contractual; open shapes are unplanned "
                      "moments and bigger escalations are higher on the ladder; a downward triangle is a "
                      "de-escalation. Hover for the title, click to open the event, or open the table below."),
                   _l("No events in this period."),
                   (lambda: charts.timeline(dash.timeline, words, kinds=labels.words(labels.KINDS),
                                            steering=labels.words(labels.STEERING),
                                            sides=labels.side_names(), levels=levels, day_text=day_formatter(),
                                            deescalations=dash.history.deescalations))
                   if dash.timeline else None,
                   lambda: tables.timeline(dash.timeline, dash.timeline_total, lambda event_id: url_for(
                       "events.show", code=code, event_id=event_id), event_log, dash.history.deescalations),
                   click_base=url_for("events.index", code=code), wide=True, note=_timeline_note(dash)),
        chart_card("chart-heatmap", _l("Factors by month"),
                   _l("The average score of each factor per month, from −2 (red, −−: feeds distrust) to "
                      "+2 (teal, ++: feeds trust); a single sign means less than one point from zero. "
                      "Personal factors are above the line, system factors below; a grey cell means "
                      "nobody scored that factor that month."),
                   _l("No factor scores in this period."),
                   (lambda: charts.factor_heatmap(dash.heat, dash.factors, words, dash.months))
                   if dash.heat else None,
                   lambda: tables.heatmap(dash.heat, dash.factors, dash.months), wide=True),
        chart_card("chart-ladder", _l("Escalations per month"),
                   _l("How many escalations were logged each month, stacked by the rung of the ladder "
                      "they reached. Fewer and lower is better; going back down is logged as an "
                      "agreement."),
                   _l("No escalations in this period. Good news."),
                   (lambda: charts.ladder_per_month(dash.ladder, levels, words, dash.months))
                   if dash.ladder else None,
                   lambda: tables.ladder(dash.ladder, levels, dash.months)),
        chart_card("chart-levels", _l("Time spent per level"),
                   _l("The average number of days an issue stayed at each level before it moved up or "
                      "was resolved; open issues count up to the end of the period."),
                   _l("No issues have been followed up the ladder yet."),
                   (lambda: charts.time_per_level(esc.mean_days_at_level, esc.days_at_level, levels, words))
                   if any(v is not None for v in esc.mean_days_at_level.values()) else None,
                   lambda: tables.levels_time(esc.mean_days_at_level, esc.days_at_level, levels)),
    ]


def instrument_context(project) -> dict:
    """The periodic instruments' summaries shown on the dashboard (scan, give and take, 4c role)."""
    from tracker.blueprints.partnership import present as partnership
    from tracker.blueprints.scan import present as scan

    return {"scan_summary": scan.summary_context(project),
            "give_take": partnership.give_take_context(project),
            "leadership": partnership.leadership_context(project)}
