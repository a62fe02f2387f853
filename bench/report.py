"""Time the partnership report: one report (page and PDF) at 1M events / 500 projects, and a coach's
50-project zip; write the measurements to a report file.

    .venv/bin/python bench/build_db.py       # once: 1,000,000 events in 500 projects
    .venv/bin/python bench/report.py         # → bench/out/report-pdf.md

Requests go through the Flask test client (server time: access check, queries, trust history,
charts, template, and for the PDF Chromium's load, chart drawing and printing). "First view" means
a worker that has not computed the project's trust history yet (the in-process cache emptied);
the worker's print thread starts Chromium with its first PDF and keeps it open, as in
production. CPU is this process's (the app) and, separately, its descendants' (Playwright's
driver and Chromium), read from /proc.
"""
import argparse
import io
import os
import random
import statistics
import sys
import time
import zipfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.run import cpu_probe, login  # noqa: E402


def descendants_cpu() -> float:
    """CPU seconds used so far by this process's living descendants (Playwright's driver and
    Chromium, which stay up between PDFs), read from /proc; 0 where there is no /proc."""
    ticks, parents, cpu = os.sysconf("SC_CLK_TCK"), {}, {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry)] = int(fields[1])
            cpu[int(entry)] = (int(fields[11]) + int(fields[12])) / ticks
    mine, total = {os.getpid()}, 0.0
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in mine and pid not in mine:
                mine.add(pid)
                grew = True
    for pid in mine - {os.getpid()}:
        total += cpu.get(pid, 0.0)
    return total


def clock():
    """(wall, own CPU, descendants' CPU) now."""
    t = os.times()
    return time.perf_counter(), t.user + t.system, descendants_cpu()


def since(start) -> dict:
    """Seconds of wall, own CPU and children's CPU since ``start``."""
    now = clock()
    return {"wall": now[0] - start[0], "cpu": now[1] - start[1], "children": now[2] - start[2]}


def median(samples: list[dict], key: str) -> float:
    return statistics.median(s[key] for s in samples)


def measure(app, sample: int, seed: int, lang: str) -> dict:
    """Single reports for sampled projects, then the coach's 50-project zip."""
    from tracker.extensions import db
    from tracker.models import Project
    from tracker.services.report import pdf
    from tracker.services.trust.history import forget

    with app.app_context():
        codes = sorted(db.session.scalars(db.select(Project.code)))
        missing = pdf.missing()
    if missing:
        raise SystemExit(f"No PDF can be printed here: {missing} is missing")
    chosen = random.Random(seed).sample(codes, sample)
    client = app.test_client()
    login(client, "coach500@bench.example")
    out = {"pdf_start": [], "page_first": [], "page_warm": [], "pdf_first": [], "pdf_warm": [], "pages": []}
    start = clock()  # the worker's first PDF: the print thread starts Chromium and loads plotly.js
    assert client.get(f"/projects/{codes[0]}/report.pdf?lang={lang}").status_code == 200
    out["pdf_start"].append(since(start))
    for code in chosen:
        forget()
        for key, url in (("page_first", f"/projects/{code}/report?lang={lang}"),
                         ("page_warm", f"/projects/{code}/report?lang={lang}")):
            start = clock()
            assert client.get(url).status_code == 200
            out[key].append(since(start))
        forget()
        for key in ("pdf_first", "pdf_warm"):
            start = clock()
            response = client.get(f"/projects/{code}/report.pdf?lang={lang}")
            out[key].append(since(start))
            assert response.status_code == 200 and response.data.startswith(b"%PDF")
        out["pages"].append(response.data.count(b"/Type /Page\n") or response.data.count(b"/Type /Page"))
    coach = app.test_client()
    login(coach, "coach50@bench.example")
    forget()
    start = clock()
    response = coach.get(f"/coach/reports.zip?lang={lang}")
    data = response.get_data()
    out["zip"] = since(start)
    out["zip_entries"] = len(zipfile.ZipFile(io.BytesIO(data)).namelist())
    out["zip_bytes"] = len(data)
    out["codes"] = chosen
    return out


def report(result: dict, url: str, command: str, probe: tuple[float, float]) -> str:
    """The Markdown report."""
    lines = [f"# Partnership report benchmark ({date.today().isoformat()})", "",
             f"Database: `{url}` ({result['events']:,} events, {result['projects']} projects).",
             f"Command: `{command}`", "",
             f"CPU probe (fixed pure-Python loop; lower is faster): {probe[0]:.0f} ms before, "
             f"{probe[1]:.0f} ms after.", "",
             f"Projects: {', '.join(result['codes'])}.", "",
             "| what | median wall s | max wall s | median app CPU s | median Chromium+driver CPU s | n |",
             "|---|---:|---:|---:|---:|---:|"]
    names = {"pdf_start": "PDF, the worker's very first (Chromium started, plotly.js loaded)",
             "page_first": "print-friendly page, a worker's first view (trust history computed)",
             "page_warm": "print-friendly page, warm (trust history cached)",
             "pdf_first": "PDF, a worker's first view of the project (trust history computed)",
             "pdf_warm": "PDF, trust history cached"}
    for key, name in names.items():
        s = result[key]
        lines.append(f"| {name} | {median(s, 'wall'):.2f} | {max(x['wall'] for x in s):.2f} | "
                     f"{median(s, 'cpu'):.2f} | {median(s, 'children'):.2f} | {len(s)} |")
    z = result["zip"]
    lines += ["", f"Coach's zip of {result['zip_entries']} reports ({result['zip_bytes'] / 1e6:.1f} MB): "
              f"{z['wall']:.1f} s wall, {z['cpu']:.1f} s app CPU, {z['children']:.1f} s Chromium+driver CPU "
              f"(every trust history computed; the print thread's browser already running).",
              f"PDF pages per report (sampled): {', '.join(str(n) for n in result['pages'])}."]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Parse the command line, measure, print and write the report."""
    from tracker import create_app
    from tracker.extensions import db
    from tracker.models import Event, Project

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="bench/out/bench.sqlite")
    parser.add_argument("--url", help="database URL instead of --db (e.g. PostgreSQL)")
    parser.add_argument("--sample", type=int, default=5, help="projects timed for a single report")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lang", default="nl", choices=("nl", "en"))
    parser.add_argument("--out", default="bench/out/report-pdf.md")
    args = parser.parse_args()
    url = args.url or "sqlite:///" + os.path.abspath(args.db)
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        events, projects = db.session.scalar(db.select(db.func.count(Event.id))), \
            db.session.scalar(db.select(db.func.count(Project.id)))
    probe = cpu_probe()
    result = measure(app, args.sample, args.seed, args.lang)
    text = report({**result, "events": events, "projects": projects}, url,
                  "python bench/report.py " + " ".join(sys.argv[1:]), (probe, cpu_probe()))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text)
    print(text)


if __name__ == "__main__":
    main()
