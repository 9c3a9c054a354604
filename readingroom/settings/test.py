"""Settings for the test suite: the development database choice, fast and strict."""

import os

from readingroom.env import env_str

from .dev import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True

# Lets two test runs share one server (e.g. a developer's and a helper's).
if test_database := env_str("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": test_database}  # noqa: F405

# A replica that mirrors the test database, for the replica router's tests; no request reads
# from it unless a test lists it in DATABASE_REPLICAS.
DATABASES["replica1"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405

# Each run its own cache: the local one, or Redis when CACHE_URL names it (CI does both).
if env_str("CACHE_URL"):
    CACHES["default"]["KEY_PREFIX"] = f"readingroom-test-{os.getpid()}"  # noqa: F405
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
