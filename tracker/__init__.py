"""The tracker web application: create_app() assembles it."""
import os

from flask import Flask

from config import CONFIGS


def create_app(config_name: str | None = None, overrides: dict | None = None) -> Flask:
    """Build the app for an environment ("development", "testing", "production")."""
    app = Flask(__name__, instance_relative_config=True)
    name = config_name or os.environ.get("TRACKER_ENV", "development")
    config_class = CONFIGS[name]
    app.config.from_object(config_class)
    if overrides:
        app.config.update(overrides)
    if hasattr(config_class, "check"):
        config_class.check(app.config)
    os.makedirs(app.instance_path, exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(app.instance_path,
                                                                             "tracker.sqlite")
    register_extensions(app)
    register_url_converters(app)
    register_blueprints(app)
    register_cli(app)
    register_errorhandlers(app)
    register_request_hooks(app)
    register_proxy_fix(app)
    check_database_for_cli(app)
    return app


def register_extensions(app: Flask) -> None:
    """Attach the unbound extensions and configure the database engine."""
    from tracker import auth_setup, i18n
    from tracker.database import configure_sqlite
    from tracker.extensions import compress, csrf, db, limiter, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "migrations")),
                     render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    compress.init_app(app)
    auth_setup.init_login(app)
    i18n.init_babel(app)
    with app.app_context():
        configure_sqlite(db.engine, app.config["SQLITE_BUSY_TIMEOUT_MS"],
                         app.config.get("SQLITE_MAX_PAGE_COUNT"))


def register_url_converters(app: Flask) -> None:
    """`<int:…>` in URLs stops at the largest id a database column holds: bigger is a 404."""
    from werkzeug.routing import IntegerConverter

    class DatabaseId(IntegerConverter):
        """A non-negative integer that fits a 32-bit INTEGER column (SQLite and PostgreSQL)."""

        def __init__(self, url_map, *args, **kwargs) -> None:
            kwargs.setdefault("max", 2**31 - 1)
            super().__init__(url_map, *args, **kwargs)

    app.url_map.converters["int"] = DatabaseId


def register_blueprints(app: Flask) -> None:
    """Mount every blueprint."""
    from tracker.blueprints import (
        actions,
        admin,
        auth,
        coach,
        dashboard,
        events,
        health,
        ladder,
        notify,
        pages,
        partnership,
        projects,
        report,
        scan,
        tokens,
        transfer,
        webhooks,
        welcome,
    )

    for blueprint in (auth.bp, admin.bp, health.bp, projects.bp, events.bp, transfer.bp,
                      dashboard.bp, coach.bp, scan.bp, partnership.bp, pages.bp, ladder.bp, actions.bp,
                      notify.bp, welcome.bp, tokens.bp, webhooks.bp, report.bp):
        app.register_blueprint(blueprint)
    from tracker.blueprints.api.setup import init_api

    init_api(app)


def register_cli(app: Flask) -> None:
    """Add the `flask tracker …` command group."""
    from tracker.cli import tracker_cli

    app.cli.add_command(tracker_cli)


def register_errorhandlers(app: Flask) -> None:
    """Friendly pages for errors, 503 for a locked database."""
    from tracker.errors import init_errorhandlers

    init_errorhandlers(app)


def register_request_hooks(app: Flask) -> None:
    """Cleaned input, security headers, versioned static files and template helpers."""
    from tracker.clean_request import init_clean_request
    from tracker.session_check import init_session_check
    from tracker.security import init_security_headers
    from tracker.static_files import init_static_files
    from tracker.templating import init_templating

    init_clean_request(app)
    init_session_check(app)
    init_security_headers(app)
    init_static_files(app)
    init_templating(app)


def register_proxy_fix(app: Flask) -> None:
    """Trust X-Forwarded-For/-Proto from TRUSTED_PROXIES reverse proxies (rate limits, audit IPs)."""
    hops = app.config.get("TRUSTED_PROXIES") or 0
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def check_database_for_cli(app: Flask) -> None:
    """`flask …` commands stop with one clear line when the database cannot be reached.

    Only on the command line: a web worker keeps running and /healthz reports the outage.
    """
    import sys

    import click

    if app.testing or click.get_current_context(silent=True) is None or "--help" in sys.argv:
        return
    from tracker.database import database_problem
    from tracker.extensions import db

    with app.app_context():
        problem = database_problem(db.engine)
        db.engine.dispose()
    if problem:
        raise click.ClickException(problem)
