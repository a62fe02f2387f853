"""Render a project's report: the period and language asked for, the charts, the whole page."""
import json
from dataclasses import dataclass, replace
from datetime import date

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from tracker.blueprints.dashboard import labels
from tracker.charts import script_json
from tracker.blueprints.dashboard import present as dashboard
from tracker.blueprints.partnership import present as partnership_present
from tracker.blueprints.scan import present as scan_present
from tracker.models import Project
from tracker.services.errors import ValidationFailed
from tracker.services.report import pdf
from tracker.services.report.period import Period, last_full_quarter, parse_period
from tracker.services.report.sections import build_report

CHARTS = {"trends": ("chart-trust", "chart-share"), "balance": ("chart-balance",),
          "escalations": ("chart-ladder", "chart-levels")}
# Heights on paper (px at 96 dpi): two charts and their texts fit on one A4 page.
HEIGHTS = {"chart-trust": 300, "chart-share": 230, "chart-balance": 360, "chart-ladder": 220}
# The meeting's question per active signal (a generic one for signals not listed).
QUESTIONS = {
    "crowding_out": _l("We lean on the contract more while our trust in each other falls. What made us "
                       "reach for the contract, and which open issue could we settle by talking first?"),
    "over_reliance": _l("We trust each other a lot; are our agreements written down and backed by our "
                        "organisations? Which one should we make explicit now?"),
    "escalation_surge": _l("More issues go up the ladder than usual. Which of them could we have settled "
                           "at our own level, and what would that have taken?"),
    "third_party": _l("How do we keep this dispute from colouring the rest of the work, and what would "
                      "bring it back to our own table?"),
    "perception_gap": _l("We see the relationship differently. What does each side experience that the "
                         "other may not see?"),
    "silence": _l("Nothing has been logged for weeks. Is it quiet because things go well, or because we "
                  "talk less?"),
}
GENERIC_QUESTION = _l("What does each of us see behind this signal, and what do we want to be different "
                      "by the next meeting?")
MISSING = {
    "chromium": _l("The PDF is printed by a Chromium browser on the server, and none is installed "
                   "there. An administrator installs one (for example “apt-get install chromium”, or "
                   "“playwright install chromium”) or points TRACKER_REPORT_CHROMIUM at one. Until "
                   "then, open the print-friendly page and print it to PDF from your browser."),
    "playwright": _l("The PDF is printed by Chromium through the Python package Playwright, which "
                     "is not installed on the server. Until an administrator installs it, open the "
                     "print-friendly page and print it to PDF from your browser."),
}


@dataclass(frozen=True)
class Asked:
    """A checked report request: the period and the language, or the errors by field."""

    period: Period
    lang: str
    errors: dict


def read_request(args, ui_lang: str, today: date | None = None) -> Asked:
    """The period (from, until) and language (lang, default the page's) asked for in ``args``."""
    today = today or date.today()
    errors: dict = {}
    lang = args.get("lang") or ui_lang
    if lang not in current_app.config["LANGUAGES"]:
        errors["lang"] = [str(_l("Choose Dutch (nl) or English (en)."))]
        lang = ui_lang
    try:
        period = parse_period(args.get("from"), args.get("until"), today)
    except ValidationFailed as failed:
        errors.update(failed.errors)
        period = last_full_quarter(today)
    return Asked(period, lang, errors)


def css_text(text: str) -> str:
    """Text as the inside of a CSS string (the running header of the printed pages)."""
    return "".join(c if c.isalnum() or c in " -–·.,:()/" else f"\\{ord(c):x} " for c in text)


def render(project: Project, period: Period, lang: str, *, for_pdf: bool = False, **page) -> str:
    """The report page of a project for a period, in ``lang``; without the toolbar for the PDF."""
    with force_locale(lang):
        extra = instruments(project, period)
        report = build_report(project, period, lang, extra)
        charts = {c.id: _on_paper(c) for c in dashboard.dashboard_charts(report.context.dash, project.code)}
        return render_template("report/report.html", project=project, report=report,
                               ctx=report.context, period=period, lang=lang, for_pdf=for_pdf,
                               charts={key: [charts[i] for i in ids] for key, ids in CHARTS.items()},
                               css_text=css_text, today=date.today(),
                               asset=pdf.asset_url if for_pdf else _static, **labels.template_helpers(),
                               intervention_title=dashboard.intervention_title,
                               question_for=lambda code: QUESTIONS.get(code, GENERIC_QUESTION),
                               intervention_text=dashboard.intervention_text, **extra, **page)


def instruments(project: Project, period: Period) -> dict:
    """The dashboard's scan summary (of the newest round opened by the period's end) and
    give-and-take summary (the newest round); not its 4c card, which the report leaves out: it
    would compute the trust history as of today once more."""
    return {"scan_summary": scan_present.summary_context(project, period.end),
            "give_take": partnership_present.give_take_context(project)}


def _static(filename: str) -> str:
    return url_for("static", filename=filename)


def _on_paper(chart: dashboard.Chart) -> dashboard.Chart:
    """The dashboard's chart, a little lower so that the report's pages hold two charts."""
    if chart.data is None or chart.id not in HEIGHTS:
        return chart
    figure = json.loads(chart.data)
    figure["layout"]["height"] = HEIGHTS[chart.id]
    return replace(chart, data=script_json(figure))


def filename(project: Project, period: Period, lang: str, ext: str = "pdf") -> str:
    """The download name of a project's report."""
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in project.code)
    return f"{safe}-report-{period.start.isoformat()}-{period.end.isoformat()}-{lang}.{ext}"
