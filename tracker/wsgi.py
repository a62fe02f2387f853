"""WSGI entry point for gunicorn: `gunicorn -c gunicorn.conf.py tracker.wsgi:app`."""
import os

from tracker import create_app
from tracker.heap import settle

app = create_app(os.environ.get("TRACKER_ENV", "production"))
settle()  # after start-up, so the app's long-lived objects are frozen out of the collector
