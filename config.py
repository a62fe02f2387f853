"""Configuration classes; every setting can come from an environment variable."""
import os
import tempfile
from datetime import timedelta

_DEFAULT_SECRET = "dev-only-not-secret"


def _env_bool(name: str, default: bool) -> bool:
    """Read a yes/no environment variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    """Settings shared by every environment."""

    SECRET_KEY = os.environ.get("TRACKER_SECRET_KEY", _DEFAULT_SECRET)
    SQLALCHEMY_DATABASE_URI = os.environ.get("TRACKER_DATABASE_URL")  # None: SQLite in instance/
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    MAX_CONTENT_LENGTH = int(os.environ.get("TRACKER_MAX_UPLOAD_BYTES", 5 * 1024 * 1024))
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    # A sign-in lasts at most this long, and ends sooner after this much time without a request.
    PERMANENT_SESSION_LIFETIME = timedelta(hours=int(os.environ.get("TRACKER_SESSION_HOURS", 12)))
    SESSION_IDLE_TIMEOUT = timedelta(minutes=int(os.environ.get("TRACKER_SESSION_IDLE_MINUTES", 60)))
    # Who must sign in with a second factor: admins | all | none (organisations can add theirs).
    MFA_REQUIRED = os.environ.get("TRACKER_MFA_REQUIRED", "admins")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SECURE = _env_bool("TRACKER_SECURE_COOKIES", False)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    LANGUAGES = ("nl", "en")
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
    EVENTS_PER_PAGE = 25
    # Failed sign-ins per account and client address before that pair waits for the window's end;
    # a burst on one account from anywhere is audited (and told to the owner) once.
    LOGIN_FAILURE_LIMIT = os.environ.get("TRACKER_LOGIN_FAILURES", "5 per 15 minutes")
    LOGIN_BURST_LIMIT = os.environ.get("TRACKER_LOGIN_BURST", "20 per hour")
    # Rate limits per client address; the store must be shared (memcached://, redis://) when
    # several workers run, or each worker counts on its own (docs/deploy.md).
    RATELIMIT_ENABLED = True  # explicit: Flask-Limiter otherwise keeps the previous app's choice
    RATELIMIT_STORAGE_URI = os.environ.get("TRACKER_RATELIMIT_STORAGE", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True  # a store that is down never turns into a 500
    RATELIMIT_LOGIN = os.environ.get("TRACKER_RATELIMIT_LOGIN", "20 per minute")
    RATELIMIT_TRANSFER = os.environ.get("TRACKER_RATELIMIT_TRANSFER", "30 per minute")
    RATELIMIT_API = os.environ.get("TRACKER_RATELIMIT_API", "120 per minute")  # per API token
    # Webhooks to private, loopback or link-local addresses are refused unless this is on (tests only).
    WEBHOOKS_ALLOW_PRIVATE = _env_bool("TRACKER_WEBHOOKS_ALLOW_PRIVATE", False)
    BASE_URL = os.environ.get("TRACKER_BASE_URL", "")  # links in webhook messages (Teams cards)
    # Reverse proxies in front of the app whose X-Forwarded-For/-Proto are trusted (0: none).
    TRUSTED_PROXIES = int(os.environ.get("TRACKER_TRUSTED_PROXIES", "0"))
    # Overrides for tracker.domain.settings.TrustSettings, e.g. {"half_life_days": 45}.
    TRUST_SETTINGS: dict = {}
    # The escalation ladder a new project starts from, in the `flask tracker ladder` JSON shape
    # (None: the default names, nobody named and no time boxes). Boxes only count once agreed.
    ESCALATION_LADDER: dict | None = None
    # Time the coach overview may spend recomputing stale project summaries per request.
    # Keeps a cold coach overview under the 1 s target; later loads finish the remaining rows.
    COACH_SUMMARY_BUDGET_MS = int(os.environ.get("TRACKER_COACH_BUDGET_MS", 500))
    HEALTH_TOKEN = os.environ.get("TRACKER_HEALTH_TOKEN", "")
    # Where people report an accessibility problem (shown in the accessibility statement).
    ACCESSIBILITY_CONTACT = os.environ.get("TRACKER_ACCESSIBILITY_CONTACT", "")
    SQLITE_BUSY_TIMEOUT_MS = int(os.environ.get("TRACKER_SQLITE_BUSY_MS", 5000))
    SQLITE_MAX_PAGE_COUNT = None  # tests only: caps the SQLite file to simulate a full disk
    AUDIT_PER_PAGE = 50
    # Where an uploaded CSV waits between its preview and the confirmation (None: instance/imports).
    IMPORT_STAGING_DIR = os.environ.get("TRACKER_IMPORT_STAGING_DIR")
    # Mail (docs/deploy.md): no SMTP URL = mails are written to MAIL_DIR (default instance/mail).
    SMTP_URL = os.environ.get("TRACKER_SMTP_URL", "")
    MAIL_FROM = os.environ.get("TRACKER_MAIL_FROM", "Tracker <tracker@localhost>")
    BASE_URL = os.environ.get("TRACKER_BASE_URL", "http://127.0.0.1:5000")
    MAIL_DIR = os.environ.get("TRACKER_MAIL_DIR")
    SMTP_TIMEOUT_SECONDS = int(os.environ.get("TRACKER_SMTP_TIMEOUT", 20))
    INVITATION_DAYS = int(os.environ.get("TRACKER_INVITATION_DAYS", 7))
    RESET_MINUTES = int(os.environ.get("TRACKER_RESET_MINUTES", 60))
    MAIL_DEV_PAGE = False  # /dev/mail lists the folder's mails (development and tests only)
    # The Chromium that prints report PDFs (empty: chromium on the PATH, else Playwright's own).
    REPORT_CHROMIUM = os.environ.get("TRACKER_REPORT_CHROMIUM", "")


class DevelopmentConfig(Config):
    """Local development: SQLite in the instance folder, debug helpers on."""

    DEBUG = True
    # `make run`: the demo logins work without an authenticator app unless asked for.
    MFA_REQUIRED = os.environ.get("TRACKER_MFA_REQUIRED", "none")
    MAIL_DEV_PAGE = True


class TestingConfig(Config):
    """Test runs: fast hashing, no rate limits, database given by the test."""

    TESTING = True
    SECRET_KEY = "testing-secret"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TRACKER_TEST_DATABASE_URL", "sqlite://")
    RATELIMIT_ENABLED = False
    MAIL_DEV_PAGE = True
    PASSWORD_HASH_FAST = True
    MFA_REQUIRED = "none"  # tests that need the policy set it
    COACH_SUMMARY_BUDGET_MS = 60_000  # deterministic: tests that need a spent budget set it
    # Previewed uploads outside the source tree (swept after an hour like anywhere else).
    IMPORT_STAGING_DIR = os.path.join(tempfile.gettempdir(), "tracker-test-imports")


class ProductionConfig(Config):
    """Production: refuses to start without a real secret; secure cookies."""

    SESSION_COOKIE_SECURE = _env_bool("TRACKER_SECURE_COOKIES", True)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    # __Host-: the browser only accepts it over HTTPS, for this exact host and path /.
    SESSION_COOKIE_NAME = "__Host-tracker" if SESSION_COOKIE_SECURE else "tracker_session"

    @staticmethod
    def check(config: dict) -> None:
        """Raise when the final configuration is unsafe for production."""
        secret = config.get("SECRET_KEY") or ""
        if secret == _DEFAULT_SECRET or len(secret) < 32:
            raise RuntimeError("Refusing to start: set TRACKER_SECRET_KEY to a random value of at "
                               "least 32 characters (e.g. python -c 'import secrets; "
                               "print(secrets.token_urlsafe(48))').")
        if config.get("DEBUG") or _env_bool("FLASK_DEBUG", False):
            raise RuntimeError("Refusing to start: debug mode must be off in production "
                               "(unset FLASK_DEBUG).")


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
