"""Development and single-machine settings: safe defaults, embedded PostgreSQL."""

from readingroom.embedded_db import embedded_database_url
from readingroom.env import env_bool, env_list, env_str

from .base import *  # noqa: F403
from .base import DATA_DIR, PUBLIC_STATEMENT_TIMEOUT_MS, database_config, with_replicas

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "django-insecure-development-only-key-never-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

DATABASE_URL = env_str("DATABASE_URL") or embedded_database_url(DATA_DIR / "postgres")
DATABASES, DATABASE_REPLICAS = with_replicas(
    {"default": database_config(DATABASE_URL)},
    env_list("DATABASE_REPLICA_URLS", []),
    PUBLIC_STATEMENT_TIMEOUT_MS,
)
