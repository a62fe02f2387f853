"""Time the project dashboard and the coach overview against the raw SQL they need; write a report.

    .venv/bin/python bench/build_db.py                 # once: 1,000,000 events in 500 projects
    .venv/bin/python bench/run.py                      # → bench/out/report.md
    .venv/bin/python bench/run.py --compare bench/out/bench-100k.sqlite   # adds a growth exponent

Pages go through the Flask test client (server time: routing, access check, queries, trust model,
plotly, templates; no network). Dashboard, per sampled project: a worker's first view (nothing in
memory: every event read and the trust model run), repeated warm views (the in-process trust
history), logging an event as the form's request does (the service call, which also stores the
coach summary; each run adds two events to every sampled project) and the next view in the same
and in another worker. Coach: warm (every summary stored and current) and stale (every summary of
yesterday, so the page recomputes what its time budget allows and stores nothing), and the
nightly refresh. "Raw SQL" runs the page's queries, compiled by SQLAlchemy, on the DB-API cursor.
"""
import argparse
import math
import os
import random
import re
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import delete, select  # noqa: E402

PASSWORD = "bench-password-1"


def stats(samples: list[tuple[float, float]]) -> dict:
    """Median and p95 of the wall-clock times, and the median CPU time, in milliseconds."""
    ordered = sorted(wall for wall, _cpu in samples)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    return {"median": statistics.median(ordered) * 1000, "p95": p95 * 1000, "n": len(ordered),
            "cpu": statistics.median(cpu for _wall, cpu in samples) * 1000}


def cpu_probe() -> float:
    """Milliseconds for a fixed pure-Python loop: this shared machine's speed at the moment."""
    start, total = time.perf_counter(), 0
    for i in range(2_000_000):
        total += i * i
    return (time.perf_counter() - start) * 1000


def timed(fn, repeat: int) -> list[tuple[float, float]]:
    """(wall-clock, CPU) seconds of ``repeat`` calls; CPU time hardly depends on other load."""
    out = []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        out.append((time.perf_counter() - start, time.process_time() - cpu))
    return out


def login(client, email: str) -> None:
    """Log in through the real form (CSRF token included)."""
    html = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html).group(1)
    response = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302, f"login failed for {email}"


def get_ok(client, url: str) -> None:
    """GET a page and insist on 200."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)


def raw_runner(statements):
    """A function running compiled statements on a raw DB-API connection, fetching all rows."""
    from tracker.extensions import db

    dialect = db.engine.dialect
    sql = [str(s.compile(dialect=dialect, compile_kwargs={"literal_binds": True})) for s in statements]

    def run():
        conn = db.engine.raw_connection()
        try:
            cursor = conn.cursor()
            for text in sql:
                cursor.execute(text)
                cursor.fetchall()
            cursor.close()
        finally:
            conn.close()
    return run


def dashboard_statements(project_id: int, cold: bool) -> list:
    """The queries one dashboard request runs; ``cold`` adds reading the events for the trust model."""
    from tracker.models import Event, EventScore, Factor, InterventionRecord
    from tracker.services.trust import dashboard as d
    from tracker.services.trust import version as v

    filters = d.default_filters()
    warm = [v.versions_query([project_id]), d.timeline_query(project_id, filters),
            d.heat_query(project_id, filters), d.ladder_query(project_id, filters),
            select(Factor.key, Factor.label_nl, Factor.label_en, Factor.dimension).order_by(Factor.position),
            select(InterventionRecord.id, InterventionRecord.note).where(InterventionRecord.project_id == project_id)]
    if not cold:
        return warm
    facts = select(Event.id, Event.occurred_on, Event.side, Event.kind, Event.steering,
                   Event.escalation_level, Event.links_to_id, Event.retracted_at, Event.title) \
        .where(Event.project_id == project_id, Event.occurred_on <= filters.date_to)
    scores = (select(EventScore.event_id, EventScore.factor_id, EventScore.value)
              .join(Event, Event.id == EventScore.event_id)
              .where(Event.project_id == project_id, Event.occurred_on <= filters.date_to))
    return warm + [select(Factor.id, Factor.key, Factor.dimension), scores, facts]


def coach_statements(user_id: int) -> list:
    """The queries a warm coach overview runs: its projects, their versions, their summaries."""
    from tracker.models import Membership, Project
    from tracker.models.summary import ProjectSummary
    from tracker.services.portfolio import overview as p
    from tracker.services.trust import version as v

    ids = [project.id for project in p.coached_projects(user_id)]
    projects = select(Project).join(Membership, Membership.project_id == Project.id) \
        .where(Membership.user_id == user_id)
    return [projects, v.versions_query(ids), select(ProjectSummary).where(ProjectSummary.project_id.in_(ids))]


def log_bench_event(app, project_id: int) -> None:
    """Log one event through the service, as the form's POST does (it also stores the coach summary)."""
    from tracker.domain.types import Kind, Side, Steering
    from tracker.extensions import db
    from tracker.models import Project, User
    from tracker.services.events.changes import log_event
    from tracker.services.events.rules import EventInput

    with app.test_request_context():
        author = db.session.scalar(select(User).where(User.email == "coach500@bench.example"))
        log_event(db.session.get(Project, project_id),
                  EventInput(occurred_on=date.today(), side=Side.CLIENT, kind=Kind.MOMENT,
                             steering=Steering.RELATIONAL, title="Benchmark: weekly site walk",
                             scores={"p_openness": 1}), author)


def forget_process() -> None:
    """Drop the in-process trust histories, as in a freshly started worker."""
    from tracker.services.trust import history

    history.forget()


def bench_dashboard(app, repeat: int, sample: int, seed: int) -> dict:
    """Dashboard pages for a sample of projects along the paths a view can take; raw SQL."""
    from tracker.extensions import db
    from tracker.models import Project

    client = app.test_client()
    login(client, "coach500@bench.example")
    with app.app_context():
        projects = db.session.execute(select(Project.id, Project.code).order_by(Project.id)).all()
    chosen = random.Random(seed).sample(projects, min(sample, len(projects)))
    get_ok(client, f"/projects/{projects[-1][1]}/dashboard")  # warm the process (templates, plotly)
    t = {k: [] for k in ("fresh", "warm", "log", "changed", "other", "raw", "raw_cold")}
    for pid, code in chosen:
        url = f"/projects/{code}/dashboard"
        view = lambda: get_ok(client, url)  # noqa: E731
        forget_process()
        t["fresh"] += timed(view, 1)  # a worker's first view: every event read, the model run
        t["warm"] += timed(view, repeat)
        t["log"] += timed(lambda: log_bench_event(app, pid), 1)
        t["changed"] += timed(view, 1)  # the worker that logged it
        log_bench_event(app, pid)
        forget_process()
        t["other"] += timed(view, 1)  # another worker after an event was logged
        with app.app_context():
            t["raw"] += timed(raw_runner(dashboard_statements(pid, cold=False)), repeat)
            t["raw_cold"] += timed(raw_runner(dashboard_statements(pid, cold=True)), repeat)
    return {k: stats(v) for k, v in t.items()}


def bench_coach(app, email: str, repeat: int) -> dict:
    """Coach overview: every summary current (warm) and every summary a day old (stale); full rebuild."""
    from tracker.extensions import db
    from tracker.models import User
    from tracker.models.summary import ProjectSummary
    from tracker.services.portfolio import overview as portfolio

    client = app.test_client()
    login(client, email)
    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.email == email))
        projects = portfolio.coached_projects(user_id)
        db.session.execute(delete(ProjectSummary))
        db.session.commit()
        forget_process()
        start = time.perf_counter()
        portfolio.summaries(projects, date.today(), budget_ms=float("inf"), store=True)
        rebuild = time.perf_counter() - start
        raw = timed(raw_runner(coach_statements(user_id)), repeat)
    warm = timed(lambda: get_ok(client, "/coach/"), repeat)
    with app.app_context():  # as between midnight and the nightly run: yesterday's rows
        db.session.execute(ProjectSummary.__table__.update().values(as_of=date.today() - timedelta(days=1)))
        db.session.commit()
    forget_process()
    stale = timed(lambda: get_ok(client, "/coach/"), repeat)
    with app.app_context():  # the events did not change: today's rows are yesterday's values
        db.session.execute(ProjectSummary.__table__.update().values(as_of=date.today()))
        db.session.commit()
    return {"warm": stats(warm), "stale": stats(stale), "raw": stats(raw), "rebuild": rebuild,
            "projects": len(projects)}


def bench_nightly(app) -> float:
    """Seconds for the nightly `refresh-summaries` with every summary missing."""
    from tracker.extensions import db
    from tracker.models.summary import ProjectSummary

    with app.app_context():
        db.session.execute(delete(ProjectSummary))
        db.session.commit()
    forget_process()
    start = time.perf_counter()
    result = app.test_cli_runner().invoke(args=["tracker", "refresh-summaries"])
    assert result.exit_code == 0, result.output
    return time.perf_counter() - start


def run_all(url: str, repeat: int, sample: int, seed: int) -> dict:
    """Every measurement on one database."""
    from flask_migrate import upgrade

    from config import Config
    from tracker import create_app
    from tracker.extensions import db
    from tracker.heap import settle
    from tracker.models import Event

    # The deployed time budget for stale coach rows (the testing config lifts it).
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url,
                                 "COACH_SUMMARY_BUDGET_MS": Config.COACH_SUMMARY_BUDGET_MS})
    settle()  # as tracker/wsgi.py does in every gunicorn worker
    with app.app_context():
        upgrade()  # a database built by an older build_db.py gets the current schema
        events = db.session.scalar(select(db.func.count(Event.id)))
    probe_before = cpu_probe()
    result = {"url": url, "events": events,
              "dashboard": bench_dashboard(app, repeat, sample, seed),
              "coach50": bench_coach(app, "coach50@bench.example", repeat),
              "coach500": bench_coach(app, "coach500@bench.example", repeat),
              "nightly": bench_nightly(app)}
    return {**result, "probe": (probe_before, cpu_probe())}


def row(name: str, page: dict, raw: dict | None = None) -> str:
    """One report table row."""
    ratio = f"{page['median'] / raw['median']:.1f}×" if raw else "–"
    raw_text = f"{raw['median']:.1f}" if raw else "–"
    return (f"| {name} | {page['median']:.1f} | {page['p95']:.1f} | {page['cpu']:.1f} | {page['n']} "
            f"| {raw_text} | {ratio} |")


def report(main: dict, small: dict | None, command: str) -> str:
    """The Markdown report."""
    d, c50, c500 = main["dashboard"], main["coach50"], main["coach500"]
    lines = [f"# Benchmark report ({date.today().isoformat()})", "",
             f"Database: `{main['url']}` with {main['events']:,} events.", "",
             f"Command: `{command}`", "",
             f"CPU probe (a fixed pure-Python loop, lower is faster; this machine's speed varies): "
             f"{main['probe'][0]:.0f} ms before, {main['probe'][1]:.0f} ms after.", "",
             "| page | median ms | p95 ms | CPU median ms | n | raw SQL median ms | page / raw SQL |",
             "|---|---:|---:|---:|---:|---:|---:|",
             row("project dashboard, warm (this worker showed it before, events unchanged)",
                 d["warm"], d["raw"]),
             row("project dashboard, a worker's first view (every event read, trust model run)",
                 d["fresh"], d["raw_cold"]),
             row("project dashboard, right after an event is logged, same worker", d["changed"]),
             row("project dashboard, right after an event is logged, another worker", d["other"]),
             row("logging an event: the service call, including the coach summary it stores", d["log"]),
             row("coach overview, 50 projects, warm", c50["warm"], c50["raw"]),
             row("coach overview, 50 projects, every summary a day old (budgeted, stores nothing)",
                 c50["stale"]),
             row("coach overview, 500 projects, warm", c500["warm"], c500["raw"]),
             row("coach overview, 500 projects, every summary a day old (budgeted, stores nothing)",
                 c500["stale"]), ""]
    for c in (c50, c500):
        lines.append(f"- Coach with {c['projects']} projects: computing and storing every summary at once "
                     f"took {c['rebuild']:.1f} s ({c['rebuild'] / c['projects'] * 1000:.0f} ms per project).")
    lines.append(f"- The nightly `flask --app tracker tracker refresh-summaries` with every summary "
                 f"missing: {main['nightly']:.1f} s for all projects.")
    if small:
        growth = main["events"] / small["events"]
        for name, key in (("dashboard warm", ("dashboard", "warm")),
                          ("dashboard, first view", ("dashboard", "fresh")),
                          ("coach 50 warm", ("coach50", "warm"))):
            a, b = small[key[0]][key[1]]["median"], main[key[0]][key[1]]["median"]
            lines.append(f"\nGrowth {name}: {a:.1f} ms at {small['events']:,} events → {b:.1f} ms at "
                         f"{main['events']:,} (exponent {math.log(b / a) / math.log(growth):.2f}).")
    return "\n".join(lines) + "\n"


def main() -> None:
    """Parse the command line, measure, print and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="bench/out/bench.sqlite")
    parser.add_argument("--url", help="database URL instead of --db (e.g. PostgreSQL)")
    parser.add_argument("--compare", help="a smaller SQLite database for the growth exponent")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--sample", type=int, default=40, help="projects timed for the dashboard")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default="bench/out/report.md")
    args = parser.parse_args()
    url = args.url or "sqlite:///" + os.path.abspath(args.db)
    main_run = run_all(url, args.repeat, args.sample, args.seed)
    small = run_all("sqlite:///" + os.path.abspath(args.compare), args.repeat, args.sample,
                    args.seed) if args.compare else None
    text = report(main_run, small, "python bench/run.py " + " ".join(sys.argv[1:]))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text)
    print(text)


if __name__ == "__main__":
    main()
