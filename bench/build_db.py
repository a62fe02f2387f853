"""Build a benchmark database: N events across P projects (default 1,000,000 across 500), quickly.

    .venv/bin/python bench/build_db.py                       # SQLite at bench/out/bench.sqlite
    .venv/bin/python bench/build_db.py --events 100000 --out bench/out/bench-100k.sqlite
    .venv/bin/python bench/build_db.py --url postgresql+psycopg://postgres@127.0.0.1:5433/tracker_bench_dash

The schema comes from the real migrations (`flask db upgrade`); rows go in with bulk SQLAlchemy
Core inserts in chunks, one transaction per chunk. Each project gets two years of events ending
today: moments, issues, escalations that lift an earlier issue and agreements that resolve one,
with one to three factor scores each and a project-specific drift in steering and trust, so
signals fire on some projects. Logins (password "bench-password-1"): coach50@bench.example
coaches 50 projects, coach500@bench.example all of them, manager@bench.example manages B0001.
"""
import argparse
import os
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select, text  # noqa: E402

PASSWORD = "bench-password-1"
CHUNK = 20_000
DAYS = 730


def ensure_postgres_database(url: str) -> None:
    """Create the PostgreSQL database named in ``url`` if it does not exist yet."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    target = make_url(url)
    engine = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if not conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": target.database}):
            conn.execute(text(f'CREATE DATABASE "{target.database}"'))
    engine.dispose()


def make_app(url: str):
    """The app on ``url`` with the schema migrated."""
    from flask_migrate import upgrade

    from tracker import create_app
    from tracker.extensions import db

    if url.startswith("postgresql"):
        ensure_postgres_database(url)
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        if url.startswith("postgresql"):
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade()
    return app


def people_and_projects(conn, tables, projects: int, now: datetime) -> list[int]:
    """Organisations, three logins, the projects and the memberships; returns project ids."""
    from tracker.services.accounts.passwords import hash_password

    org, user, project, member = (tables[n] for n in ("organisation", "user_account", "project",
                                                      "membership"))
    conn.execute(insert(org), [{"id": i, "name": f"Bench organisation {i:03d}", "created_at": now}
                               for i in range(1, 61)])
    digest = hash_password(PASSWORD, fast=True)
    users = [("coach50@bench.example", "Coach Fifty"), ("coach500@bench.example", "Coach All"),
             ("manager@bench.example", "Manager One")]
    conn.execute(insert(user), [{"id": i, "email": e, "name": n, "password_hash": digest,
                                 "is_admin": False, "is_enabled": True,
                                 "session_token": f"bench-token-{i}", "created_at": now}
                                for i, (e, n) in enumerate(users, 1)])
    ids = list(range(1, projects + 1))
    conn.execute(insert(project), [{
        "id": p, "code": f"B{p:04d}", "name": f"Benchmark project {p}", "description": "",
        "contract_form": "uav_gc", "phase": "working", "client_org_id": 1 + p % 30,
        "contractor_org_id": 31 + p % 30, "start_date": (now - timedelta(days=DAYS + 10)).date(),
        "is_active": True, "created_at": now} for p in ids])
    seats = [{"project_id": p, "user_id": 2, "side": "coach", "role": "member"} for p in ids]
    seats += [{"project_id": p, "user_id": 1, "side": "coach", "role": "member"} for p in ids[:50]]
    seats += [{"project_id": 1, "user_id": 3, "side": "client", "role": "manager"}]
    conn.execute(insert(member), seats)
    return ids


def project_events(rng: random.Random, pid: int, n: int, first_id: int, today: date, factors):
    """(event rows, score rows) of one project; ids start at ``first_id``."""
    drift = rng.random()  # 0: stays relational and warm, 1: hardens over the two years
    days = sorted(rng.randrange(DAYS) for _ in range(n))
    events, scores, open_issues = [], [], []
    for k, age in enumerate(reversed(days)):
        eid = first_id + k
        day = today - timedelta(days=age)
        late = 1 - age / DAYS
        kind = rng.choices(("moment", "issue", "escalation", "agreement"), (45, 25, 10, 20))[0]
        contractual = 0.1 + 0.6 * drift * late
        steering = rng.choices(("relational", "mixed", "contractual"),
                               (1 - contractual, 0.15, contractual))[0]
        links, level = None, None
        if kind == "escalation":
            level = rng.choices(range(1, 7), (40, 30, 15, 8, 5, 2))[0]
            links = rng.choice(open_issues) if open_issues else None
        elif kind == "agreement" and open_issues:
            links = open_issues.pop(rng.randrange(len(open_issues)))
        elif kind == "issue":
            open_issues.append(eid)
            open_issues = open_issues[-30:]
        stamp = datetime.combine(day, datetime.min.time()) + timedelta(hours=10)
        events.append({"id": eid, "project_id": pid, "occurred_on": day, "side": rng.choice(
            ("client", "contractor")), "kind": kind, "steering": steering, "escalation_level": level,
            "planned": (rng.random() < 0.6) if kind == "moment" else None,
            "title": f"Event {eid} of project {pid}", "description": "", "links_to_id": links,
            "created_at": stamp, "updated_at": stamp, "version": 1})
        mood = 1 - 2 * drift * late  # personal scores turn negative on hardening projects
        for fid, dim in rng.sample(factors, rng.randint(1, 3)):
            lean = mood if dim == "personal" else 0.4
            value = max(-2, min(2, round(rng.gauss(lean, 1.1))))
            scores.append({"event_id": eid, "factor_id": fid, "value": value})
    return events, scores


def build(url: str, projects: int, events: int, seed: int) -> None:
    """Create the schema and fill it; prints progress and timings."""
    from tracker.extensions import db

    started = time.perf_counter()
    app = make_app(url)
    rng, today, now = random.Random(seed), date.today(), datetime.now().replace(microsecond=0)
    with app.app_context():
        tables = db.metadata.tables
        with db.engine.begin() as conn:
            ids = people_and_projects(conn, tables, projects, now)
            factors = [(fid, dim) for fid, dim in conn.execute(
                select(tables["factor"].c.id, tables["factor"].c.dimension))]
        per, next_id, buffer_e, buffer_s = events // projects, 1, [], []
        for pid in ids:
            rows, scores = project_events(rng, pid, per, next_id, today, factors)
            next_id += len(rows)
            buffer_e += rows
            buffer_s += scores
            if len(buffer_e) >= CHUNK or pid == ids[-1]:
                with db.engine.begin() as conn:
                    conn.execute(insert(tables["event"]), buffer_e)
                    conn.execute(insert(tables["event_score"]), buffer_s)
                buffer_e, buffer_s = [], []
                print(f"\r{next_id - 1:>9,} events  {time.perf_counter() - started:6.1f} s",
                      end="", flush=True)
        with db.engine.begin() as conn:
            if url.startswith("postgresql"):
                conn.execute(text("SELECT setval('event_id_seq', (SELECT max(id) FROM event))"))
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            # as autovacuum would: statistics, and a visibility map for index-only scans
            conn.execute(text("VACUUM ANALYZE" if url.startswith("postgresql") else "ANALYZE"))
        db.engine.dispose()
    print(f"\ndone: {next_id - 1:,} events in {projects} projects, "
          f"{time.perf_counter() - started:.1f} s → {url}")


def main() -> None:
    """Parse the command line and build."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="bench/out/bench.sqlite", help="SQLite file to (re)create")
    parser.add_argument("--url", help="database URL instead of --out (e.g. PostgreSQL)")
    parser.add_argument("--projects", type=int, default=500)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()
    if not 1 <= args.events <= 5_000_000 or not 1 <= args.projects <= 5_000:
        parser.error("keep it bounded: at most 5,000,000 events and 5,000 projects")
    url = args.url
    if not url:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(args.out + suffix):
                os.remove(args.out + suffix)
        url = "sqlite:///" + os.path.abspath(args.out)
    build(url, args.projects, args.events, args.seed)


if __name__ == "__main__":
    main()
