"""Production settings refuse to start half-configured, and pass Django's deploy checks."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "readingroom.settings.prod",
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-test-" + "x" * 30,
    "ALLOWED_HOSTS": "readingroom.example.org",
    "DATABASE_URL": settings.DATABASE_URL,
}


def manage(*args, **env):
    clean_env = {k: v for k, v in os.environ.items() if k not in PRODUCTION}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_fails_loudly_without_a_secret_key():
    env = {**PRODUCTION, "SECRET_KEY": ""}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY is required in production" in result.stderr


def test_production_fails_loudly_without_a_database_url():
    env = {k: v for k, v in PRODUCTION.items() if k != "DATABASE_URL"}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "DATABASE_URL is required in production" in result.stderr


def test_production_settings_pass_the_deploy_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_a_malformed_setting_is_named_in_the_error():
    result = manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def production_statuses(*requests, **env):
    """Status and Location of each (path, headers) request, made in production settings."""
    script = (
        "from django.test import Client\n"
        "client = Client(HTTP_HOST='readingroom.example.org')\n"
        f"for path, headers in {list(requests)!r}:\n"
        "    response = client.get(path, headers=headers)\n"
        "    print('status', response.status_code, response.get('Location', ''))\n"
    )
    result = manage("shell", "--no-imports", "-c", script, **{**PRODUCTION, **env})
    assert result.returncode == 0, result.stderr
    lines = [line.split(" ")[1:] for line in result.stdout.splitlines()]
    return [[status, location] for status, location in lines]


def test_health_probes_over_plain_http_are_answered_not_redirected():
    assert production_statuses(("/healthz", {})) == [["200", ""]]


def test_forwarded_proto_is_believed_only_behind_a_configured_proxy():
    forwarded = ("/robots.txt", {"x-forwarded-proto": "https"})
    (without_proxy,) = production_statuses(forwarded)
    assert without_proxy == ["301", "https://readingroom.example.org/robots.txt"]
    assert production_statuses(forwarded, TRUSTED_PROXY_COUNT="1") == [["200", ""]]


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("CACHE_URL", "memcached://127.0.0.1:11211", "CACHE_URL must start with redis://"),
        ("PUBLIC_STATEMENT_TIMEOUT_MS", "2s", "PUBLIC_STATEMENT_TIMEOUT_MS must be a whole number"),
        ("REPLICA_CATCH_UP_SECONDS", "soon", "REPLICA_CATCH_UP_SECONDS must be a whole number"),
        ("PAGE_CACHE", "maybe", "PAGE_CACHE must be a boolean"),
        ("DATABASE_POOL_SIZE", "six", "DATABASE_POOL_SIZE must be a whole number"),
        ("DATABASE_POOL_SIZE", "-1", "DATABASE_POOL_SIZE must be 0 (no pool) or more"),
    ],
)
def test_a_malformed_serving_setting_is_named_in_the_error(name, value, message):
    result = manage("check", **{name: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_the_server_refuses_a_malformed_admission_setting():
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION}
    result = subprocess.run(
        [sys.executable, "-c", "import readingroom.wsgi"],
        cwd=settings.BASE_DIR,
        env={**env, "SERVER_ACTIVE_REQUESTS": "four"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SERVER_ACTIVE_REQUESTS must be a whole number" in result.stderr
