"""Production settings: every required value must come from the environment."""

from readingroom.env import env_bool, env_int, env_list, env_required

from .base import *  # noqa: F403
from .base import PUBLIC_STATEMENT_TIMEOUT_MS, database_config, with_replicas

DEBUG = False
SECRET_KEY = env_required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    env_required("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

DATABASE_URL = env_required("DATABASE_URL")
DATABASES, DATABASE_REPLICAS = with_replicas(
    {"default": database_config(DATABASE_URL)},
    env_list("DATABASE_REPLICA_URLS", []),
    PUBLIC_STATEMENT_TIMEOUT_MS,
)

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Load balancers and orchestrators probe over plain HTTP, from inside.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Behind N reverse proxies, the client's address is the Nth from the right in
# X-Forwarded-For; login throttling must count per client, not per proxy.
AXES_IPWARE_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# X-Forwarded-Proto is believed only when a proxy we run sets it: a client could send it too.
if AXES_IPWARE_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
