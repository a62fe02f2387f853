"""Views of the partnership report: the print-friendly page, its PDF, and a coach's portfolio."""
from flask import Response, render_template, request, stream_with_context, url_for
from flask_login import current_user, login_required

from tracker.blueprints.dashboard import labels
from tracker.blueprints.report import bp, present
from tracker.blueprints.report.bundle import portfolio_zip
from tracker.services.access import project_access
from tracker.services.portfolio.overview import coached_projects
from tracker.services.report import pdf


def _asked():
    return present.read_request(request.args, labels.lang())


@bp.get("/projects/<code>/report")
@login_required
def show(code: str):
    """The report as a print-friendly page (the period and language from the query)."""
    access = project_access(current_user, code)
    asked = _asked()
    html = present.render(access.project, asked.period, asked.lang, errors=asked.errors,
                          pdf_missing=pdf.missing())
    return html, 400 if asked.errors else 200


@bp.get("/projects/<code>/report.pdf")
@login_required
def download(code: str):
    """The report as an A4 PDF; a page that says what is missing where no PDF can be printed."""
    access = project_access(current_user, code)
    asked, missing = _asked(), pdf.missing()
    if asked.errors or missing:
        return render_template("report/unavailable.html", project=access.project, errors=asked.errors,
                               missing=missing and present.MISSING[missing], asked=asked,
                               back=url_for(".show", code=code, lang=asked.lang, **asked.period.query())), \
            400 if asked.errors else 503
    document = present.render(access.project, asked.period, asked.lang, for_pdf=True)
    with pdf.printer() as printer:
        data = printer.pdf(document)
    name = present.filename(access.project, asked.period, asked.lang)
    return Response(data, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/coach/reports")
@login_required
def portfolio():
    """A coach's page for every coached project's report at once, with progress."""
    asked = _asked()
    projects = coached_projects(current_user.id)
    return render_template("report/portfolio.html", projects=projects, asked=asked,
                           missing=(m := pdf.missing()) and present.MISSING[m]), \
        400 if asked.errors else 200


@bp.get("/coach/reports.zip")
@login_required
def portfolio_download():
    """One zip with the report PDF of every coached project, streamed as each is printed."""
    asked = _asked()
    missing = pdf.missing()
    projects = coached_projects(current_user.id)
    if asked.errors or missing or not projects:
        status = 400 if asked.errors else 503 if projects else 404
        return render_template("report/portfolio.html", projects=projects, asked=asked,
                               missing=missing and present.MISSING[missing]), status
    chunks = portfolio_zip(current_user, [p.code for p in projects], asked.period, asked.lang)
    name = f"reports-{asked.period.start.isoformat()}-{asked.period.end.isoformat()}-{asked.lang}.zip"
    return Response(stream_with_context(chunks), mimetype="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
