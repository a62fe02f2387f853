"""WSGI entry point for gunicorn: `gunicorn -c gunicorn.conf.py tracker.wsgi:app`."""
import os

from tracker import create_app

app = create_app(os.environ.get("TRACKER_ENV", "production"))
