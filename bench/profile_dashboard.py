"""Profile warm dashboard views on the bench database (build it first with `bench/build_db.py`).

Prints CPU per view (median and min over 30 views of 5 projects) and the number of Python
function calls of 15 views, a figure that machine load does not distort. With a sort key it
also prints the 40 heaviest functions.

    .venv/bin/python bench/profile_dashboard.py [cumulative|tottime]
"""
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import run  # noqa: E402  (bench/run.py: login and request helpers)
from sqlalchemy import select  # noqa: E402

from config import Config  # noqa: E402
from tracker import create_app  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.models import Project  # noqa: E402


def main(sort: str | None) -> None:
    """Warm up, time, then profile dashboard views."""
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{ROOT}/bench/out/bench.sqlite",
                                 "COACH_SUMMARY_BUDGET_MS": Config.COACH_SUMMARY_BUDGET_MS})
    client = app.test_client()
    run.login(client, "coach500@bench.example")
    with app.app_context():
        codes = list(db.session.scalars(select(Project.code).order_by(Project.id).limit(5)))
    urls = [f"/projects/{code}/dashboard" for code in codes]
    for url in urls:
        run.get_ok(client, url)
    times = []
    for _ in range(6):
        for url in urls:
            start = time.process_time()
            run.get_ok(client, url)
            times.append(1000 * (time.process_time() - start))
    times.sort()
    print(f"warm dashboard CPU ms: median {times[len(times) // 2]:.1f}, min {times[0]:.1f}")
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(3):
        for url in urls:
            run.get_ok(client, url)
    profile.disable()
    stats = pstats.Stats(profile)
    print(f"function calls in 15 views: {stats.total_calls:,}")
    if sort:
        stats.sort_stats(sort).print_stats(40)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
