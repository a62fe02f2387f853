"""Time a 50,000-row CSV import through the web upload, and how the rest of the app fares meanwhile.

    .venv/bin/python bench/import.py                 # → bench/out/import.md
    .venv/bin/python bench/import.py --rows 10000

Steps, each through the Flask test client (routing, access check, parsing, planning, storing):
the upload (parse + plan, nothing stored: the preview), the confirmation (parse + plan again,
then the set-based insert), and the same file uploaded again (every row matched, nothing added).
During the confirmation a separate *process* (another worker, as under gunicorn) keeps
reading the project's event count and writing one audit row per round on the same SQLite
file; its slowest round shows how long the import holds the write lock. A thread in the
importing process meanwhile asks GET /healthz round after round, as a threaded development
server would serve other requests beside the import (they share the interpreter lock).
"""
import argparse
import io
import multiprocessing
import os
import random
import re
import statistics
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PASSWORD = "bench-password-1"
HEADER = ("occurred_on,side,kind,steering,escalation_level,planned,title,description,"
          "p_competence,p_openness,s_procedures")


def make_csv(rows: int) -> bytes:
    """A file like a register export: one row per event, about 60 bytes each plus text."""
    rng = random.Random(7)
    start = date.today() - timedelta(days=1500)
    lines = [HEADER]
    for i in range(rows):
        kind = rng.choice(["issue", "moment", "agreement", "escalation"])
        level = str(rng.randint(1, 4)) if kind == "escalation" else ""
        planned = rng.choice(["planned", "unplanned"]) if kind == "moment" else ""
        scores = [rng.choice(["", "-2", "-1", "0", "1", "2"]) for _ in range(3)]
        lines.append(",".join([(start + timedelta(days=i % 1500)).isoformat(), "client", kind,
                               rng.choice(["relational", "contractual", "mixed"]), level, planned,
                               f"Registered item {i}", "Short note", *scores]))
    return ("\n".join(lines) + "\n").encode()


def probe(url: str, project_id: int, stop, results) -> None:
    """Another worker: read the event count and write an audit row, round after round."""
    import sqlite3
    path = url.removeprefix("sqlite:///")
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    conn.execute("PRAGMA busy_timeout=30000")
    reads, writes = [], []
    while not stop.is_set():
        started = time.perf_counter()
        conn.execute("SELECT count(*) FROM event WHERE project_id = ?", (project_id,)).fetchone()
        reads.append(time.perf_counter() - started)
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO audit_entry (at, action, target, details) VALUES "
                     "(datetime('now'), 'bench.probe', '', '{}')")
        conn.execute("COMMIT")
        writes.append(time.perf_counter() - started)
        time.sleep(0.02)
    results.put((reads, writes))


def health_probe(app, stop, samples: list) -> None:
    """A request beside the import in the same process: GET /healthz, round after round."""
    client = app.test_client()
    while not stop.is_set():
        started = time.perf_counter()
        assert client.get("/healthz").status_code == 200
        samples.append(time.perf_counter() - started)
        time.sleep(0.02)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--out", default="bench/out/import.md")
    args = parser.parse_args()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    db_path = out.parent / "import-bench.sqlite"
    db_path.unlink(missing_ok=True)
    url = f"sqlite:///{db_path.resolve()}"

    from flask_migrate import upgrade

    from tests.factories import add_member, make_project, make_user
    from tracker import create_app
    from tracker.extensions import db

    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False,
                                 "WTF_CSRF_ENABLED": False, "IMPORT_STAGING_DIR": str(out.parent / "staging")})
    data = make_csv(args.rows)
    with app.app_context():
        upgrade()
        project = make_project("BIMP")
        user = make_user(name="Importer", password=PASSWORD)
        add_member(project, user, "client", "manager")
        project_id, email = project.id, user.email
        client = app.test_client()
        client.post("/login", data={"email": email, "password": PASSWORD})

        def upload():
            return client.post("/projects/BIMP/transfer/import", content_type="multipart/form-data",
                               data={"file": (io.BytesIO(data), "big.csv")})

        started = time.perf_counter()
        preview = upload()
        t_preview = time.perf_counter() - started
        assert preview.status_code == 200, preview.status_code
        token = re.search(r'name="token" type="hidden" value="([^"]+)"', preview.get_data(as_text=True)).group(1)

        stop, results = multiprocessing.Event(), multiprocessing.Queue()
        worker = multiprocessing.Process(target=probe, args=(url, project_id, stop, results))
        worker.start()
        health = []
        beside = threading.Thread(target=health_probe, args=(app, stop, health))
        beside.start()
        time.sleep(0.5)
        started = time.perf_counter()
        done = client.post("/projects/BIMP/transfer/import/confirm", data={"token": token})
        t_import = time.perf_counter() - started
        time.sleep(0.3)
        stop.set()
        reads, writes = results.get()
        worker.join()
        beside.join()
        assert done.status_code == 302, done.status_code
        from sqlalchemy import func, select

        from tracker.models import Event, EventRevision
        db.session.rollback()
        events = db.session.scalar(select(func.count()).select_from(Event))
        revisions = db.session.scalar(select(func.count()).select_from(EventRevision))

        started = time.perf_counter()
        again = upload()
        t_again = time.perf_counter() - started
        added_again = re.search(r"(\d[\d,]*) new events? will be added", again.get_data(as_text=True)).group(1)

    report = [
        "# CSV import benchmark", "",
        f"File: {args.rows:,} rows, {len(data) / 1e6:.1f} MB (upload limit "
        f"{app.config['MAX_CONTENT_LENGTH'] / 1e6:.1f} MB). SQLite, one process for the import.", "",
        "| step | time |", "|---|---|",
        f"| upload: parse and plan, nothing stored (preview) | {ms(t_preview)} |",
        f"| confirm: parse, plan and bulk insert | {ms(t_import)} |",
        f"| the same file again (preview: every row matched) | {ms(t_again)} |", "",
        f"Stored: {events:,} events, {revisions:,} revisions. Second upload would add: {added_again}.", "",
        "Another worker during the confirmation (read the event count, then write one row):", "",
        "| probe | rounds | median | max |", "|---|---|---|---|",
        f"| read | {len(reads)} | {ms(statistics.median(reads))} | {ms(max(reads))} |",
        f"| write (waits for the import's lock) | {len(writes)} | {ms(statistics.median(writes))} | {ms(max(writes))} |",
        f"| GET /healthz in the importing process | {len(health)} | {ms(statistics.median(health))} | {ms(max(health))} |",
        "", f"Load average while measuring: {os.getloadavg()[0]:.1f} (2 cores).",
    ]
    out.write_text("\n".join(report) + "\n", encoding="utf-8")
    print("\n".join(report))


if __name__ == "__main__":
    main()
