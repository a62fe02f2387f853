"""The gunicorn entry point settles the garbage collector after start-up (tracker/heap.py)."""
import json
import os
import subprocess
import sys
from pathlib import Path

from tracker.heap import YOUNG_THRESHOLD

ROOT = Path(__file__).resolve().parents[2]
PROBE = ("import gc, json; import tracker.wsgi; "
         "print(json.dumps([gc.get_freeze_count(), gc.get_threshold()[0]]))")


def test_the_wsgi_app_freezes_its_start_up_objects_and_raises_the_young_threshold(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRACKER_", "FLASK_"))}
    env.update(TRACKER_ENV="production", TRACKER_SECRET_KEY="x" * 64,
               TRACKER_DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite")
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    frozen, threshold = json.loads(result.stdout.strip().splitlines()[-1])
    assert frozen > 10_000  # the app's modules, SQLAlchemy, plotly's template, ...
    assert threshold == YOUNG_THRESHOLD
