"""Configuration: safe defaults, overridden by environment variables, then by a test dict."""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

PACKAGE_DIR = Path(__file__).resolve().parent
CONTENT_DIR = PACKAGE_DIR / "content"


class Defaults:
    """Settings used unless the environment or the caller says otherwise."""

    # The content bank and the languages
    CONTENT_DIR = str(CONTENT_DIR)
    BABEL_DEFAULT_LOCALE = "kk"
    BABEL_TRANSLATION_DIRECTORIES = str(PACKAGE_DIR / "translations")
    # Times are typed and shown in this zone, stored in UTC (quiz/clock.py); Flask-Babel's
    # BABEL_DEFAULT_TIMEZONE follows it unless set
    TIMEZONE = "Asia/Almaty"

    # Database: SQLite under instance/ unless DATABASE_URL says otherwise
    SQLALCHEMY_DATABASE_URI = None
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    SQLITE_BUSY_TIMEOUT_MS = 5000

    # Security
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    SESSION_COOKIE_NAME = "session"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # A class hour lasts up to 90 minutes; a form opened at its start must still submit.
    WTF_CSRF_TIME_LIMIT = 4 * 3600
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    STAFF_IDLE_TIMEOUT = timedelta(hours=2)
    STAFF_ABSOLUTE_TIMEOUT = timedelta(hours=12)
    PARTICIPANT_COOKIE = "pupil"
    # The live-state poll answered in front of Flask (quiz/api/live_poll.py)
    LIVE_POLL_FAST_PATH = True
    # How long each worker answers the poll from its copy of a session's state (seconds; 0:
    # every poll reads the database). Pupils poll every second and must follow within 2 s.
    LIVE_POLL_CACHE_SECONDS = 0.5
    # An unanswered item's page served from a rendered copy (quiz/pupil/fast_page.py)
    QUESTION_PAGE_FAST_PATH = True
    # A new answer stored without Flask (quiz/api/answer_fast.py)
    ANSWER_FAST_PATH = True
    # An item loaded by the pupils' API without Flask (quiz/api/item_fast.py)
    ITEM_FAST_PATH = True
    PARTICIPANT_COOKIE_DAYS = 60

    # Rate limits: memory by default; Redis (RATELIMIT_STORAGE_URI) across app servers
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_LIMIT = "10 per minute"
    JOIN_FAIL_LIMIT = "30 per minute"

    # Reverse proxies in front (nginx): how many X-Forwarded-For hops to trust, so rate
    # limits see the client's address rather than the proxy's
    TRUSTED_PROXIES = 0

    # Privacy: pupil-level rows are deleted this many days after a report deadline
    PURGE_AFTER_DAYS = 180

    # Mail (password reset); when MAIL_SERVER is empty the message goes to the log
    MAIL_SERVER = ""
    MAIL_PORT = 25
    MAIL_SENDER = "noreply@orken.local"

    # Demo data is never loaded in production
    PRODUCTION = False
    COMPRESS_MIMETYPES = [
        "text/html",
        "text/css",
        "application/javascript",
        "application/json",
        "image/svg+xml",
    ]
    COMPRESS_MIN_SIZE = 500
    SEND_FILE_MAX_AGE_DEFAULT = timedelta(days=365)


# Environment variables read as the setting of the same name, then the renamed ones
# (REDIS_URL, when set, wins over RATELIMIT_STORAGE_URI).
SAME_NAME = (
    "SECRET_KEY",
    "CONTENT_DIR",
    "RATELIMIT_STORAGE_URI",
    "RATELIMIT_KEY_PREFIX",
    "MAIL_SERVER",
    "MAIL_PORT",
    "MAIL_SENDER",
    "PURGE_AFTER_DAYS",
    "TRUSTED_PROXIES",
    "LIVE_POLL_CACHE_SECONDS",
    "TIMEZONE",
)
ENV_SETTINGS = {name: name for name in SAME_NAME} | {
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "REDIS_URL": "RATELIMIT_STORAGE_URI",
}


def load(app, test_config=None):
    """Fill app.config from the defaults, the environment and finally test_config."""
    app.config.from_object(Defaults)
    for env_name, key in ENV_SETTINGS.items():
        if os.environ.get(env_name):
            app.config[key] = os.environ[env_name]
    for key in ("MAIL_PORT", "PURGE_AFTER_DAYS", "TRUSTED_PROXIES"):
        app.config[key] = int(app.config[key])
    app.config["LIVE_POLL_CACHE_SECONDS"] = float(app.config["LIVE_POLL_CACHE_SECONDS"])
    if os.environ.get("QUIZ_COUNT_QUERIES"):
        app.config["COUNT_QUERIES"] = True
    if os.environ.get("QUIZ_ENV", "").lower() == "production":
        app.config["PRODUCTION"] = True
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
    if test_config:
        app.config.update(test_config)
    ZoneInfo(app.config["TIMEZONE"])  # an unknown zone stops the start, not the first page
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", app.config["TIMEZONE"])
    if not app.config["SQLALCHEMY_DATABASE_URI"]:
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(app.instance_path) / 'quiz.db'}"
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))


def _instance_secret(instance: Path) -> str:
    """Read the secret key from instance/secret_key, generating it on first start."""
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


MIGRATIONS_DIR = str(PACKAGE_DIR.parent / "migrations")
