"""Settings shared by every environment. Values that differ come from the environment."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from readingroom.env import env_bool, env_int, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(env_str("READINGROOM_DATA_DIR", str(BASE_DIR / "var")))
SEEDS_DIR = BASE_DIR / "articles" / "seeds"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "simple_history",
    "axes",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "readingroom.pagecache.PageCacheMiddleware",
    "readingroom.statement_timeout.StatementTimeoutMiddleware",
    "readingroom.routers.ReplicaReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "readingroom.languages.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Admin login throttling: after 5 failures for one username from one address, a
# 15-minute cool-off (never a permanent lock).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"

ROOT_URLCONF = "readingroom.urls"
WSGI_APPLICATION = "readingroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "articles.context_processors.canonical",
            ],
        },
    },
]


# Connections per server process, shared by its threads (the server sets it, readingroom.wsgi);
# 0: each thread keeps its own connection for a minute, as management commands and tests do.
DATABASE_POOL_SIZE = env_int("DATABASE_POOL_SIZE", 0)
if DATABASE_POOL_SIZE < 0:
    raise ImproperlyConfigured(
        f"DATABASE_POOL_SIZE must be 0 (no pool) or more, not {DATABASE_POOL_SIZE}."
    )
# How long a request waits for a pooled connection, e.g. while the database is unreachable,
# before it is answered 503 (or its stored page). Well under SERVER_QUEUE_MS: the admission
# gate admits no more requests than the pool has connections, so an admitted request waits
# only while a connection is made, and when the database has gone the first few requests
# must learn it before the ones queued behind them give up ("busy") - after that, readers get
# their stored pages without waiting (readingroom.pagecache.DatabaseOutage).
DATABASE_POOL_TIMEOUT_SECONDS = 0.5


def database_config(url, server_options="", **options):
    """A database from its URL. JIT compilation is off: on a large table PostgreSQL's cost
    estimates switch it on, and it then spends 100-200 ms compiling a query that runs in a few
    (measured on the home page at 100,000 articles)."""
    pooled = DATABASE_POOL_SIZE > 0
    config = dj_database_url.parse(
        url, conn_max_age=0 if pooled else 60, conn_health_checks=True, **options
    )
    config.setdefault("OPTIONS", {})["options"] = f"-c jit=off {server_options}".strip()
    if pooled:
        config["OPTIONS"]["pool"] = {
            "min_size": 1,
            "max_size": DATABASE_POOL_SIZE,
            "timeout": DATABASE_POOL_TIMEOUT_SECONDS,
        }
    return config


def replica_database(url, statement_timeout_ms):
    """A read-only replica: only anonymous readers' queries go there, under their timeout."""
    return database_config(
        url,
        server_options=f"-c statement_timeout={statement_timeout_ms}",
        test_options={"MIRROR": "default"},
    )


def with_replicas(databases, replica_urls, statement_timeout_ms):
    """DATABASES with the replicas added as replica1, replica2…; and the replicas' names."""
    replicas = {
        f"replica{number}": replica_database(url, statement_timeout_ms)
        for number, url in enumerate(replica_urls, start=1)
    }
    return {**databases, **replicas}, list(replicas)


def cache_config(url, data_dir):
    """CACHE_URL: redis://… for Django's Redis backend, one client per pool (shared by every
    app server),
    locmem:// for one process; unset, files in the data folder (shared by one machine's
    workers, no server needed)."""
    if not url:
        backend = {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(data_dir / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    elif url.startswith(("redis://", "rediss://", "unix://")):
        backend = {
            "BACKEND": "readingroom.redis_cache.SharedClientRedisCache",
            "LOCATION": url,
            # A cache that does not answer must not hold up a page: it is served without.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    elif url.startswith("locmem://"):
        backend = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    else:
        raise ImproperlyConfigured(
            f"CACHE_URL must start with redis://, rediss://, unix:// or locmem://, not {url!r}."
        )
    return {"default": {**backend, "KEY_PREFIX": "readingroom"}}


CACHES = cache_config(env_str("CACHE_URL"), DATA_DIR)
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = 24 * 60 * 60

# Statement timeouts per request (readingroom.statement_timeout): readers' pages must stay
# fast whatever is asked of them; the editors' desk may run longer reports.
PUBLIC_STATEMENT_TIMEOUT_MS = env_int("PUBLIC_STATEMENT_TIMEOUT_MS", 2000)
EDITOR_STATEMENT_TIMEOUT_MS = env_int("EDITOR_STATEMENT_TIMEOUT_MS", 30000)

DATABASE_ROUTERS = ["readingroom.routers.ReplicaRouter"]
# After a change, anonymous reads stay on the primary this long, so that a replica that has
# not caught up cannot put the old text into a fresh page-cache generation.
REPLICA_CATCH_UP_SECONDS = env_int("REPLICA_CATCH_UP_SECONDS", 5)


DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The interface's languages. English pages keep their unprefixed addresses (every link shared
# before there were translations still works); the others live under /uk/ and /ru/.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [
    ("en-gb", "English"),
    ("uk", "Українська"),
    ("ru", "Русский"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# History is for reading: a revert would bypass the services that keep search, notes and
# editors' choices consistent.
SIMPLE_HISTORY_REVERT_DISABLED = True

# Largest article file the importer accepts.
IMPORT_MAX_BYTES = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
