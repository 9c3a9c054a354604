"""Browser tests: one Chromium for all of them (Playwright's sync API), a fresh context per test.

The live server runs in a thread of its own, so the tests use transactional_db (the data must be
committed for it to see them) and import the seed articles before each test.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Error, sync_playwright

from articles.importing import import_paths
from articles.models import Article
from tests.conftest import restore_migrated_rows

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium hangs on an offline machine.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LAUNCH_TIMEOUT_MS = 30_000
TIMEOUT_MS = 10_000


def unavailable(reason):
    """No browser: a failure in CI, where one must be installed; a skip on a workstation."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: browser tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="package")
def browser():
    """Chromium, shared by the browser tests and closed after the last one.

    Package scope, not session: while Playwright's sync API runs, its event loop stays marked
    as running in this thread, which would leak into the rest of the suite (asyncio.run(),
    async_to_sync() and Django's async-safety check would all see it).
    """
    if not CHROMIUM.exists():
        unavailable(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright, pytest.MonkeyPatch.context() as patch:
        try:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=LAUNCH_TIMEOUT_MS
            )
        except Error as error:
            unavailable(f"Chromium at {CHROMIUM} could not start: {error.message}")
        # Playwright's loop counts as running here: let Django use the DB (tests, teardown).
        # Only while the browser lives: a subprocess inheriting it fails `check --deploy`.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield browser
        browser.close()


def page_url(message):
    return message.page.url if message.page else None


@pytest.fixture
def new_page(browser):
    """Open a page in a new context with the given options (viewport, color_scheme, …).

    Console errors fail the test at teardown: a Content Security Policy violation (an inline
    style or script) or a JavaScript error shows up there.
    """
    contexts, errors = [], []

    def record(message):
        url = message.location.get("url")
        # A 404 or 400 page's own status is expected; a missing stylesheet or script is not.
        if message.type != "error" or (
            "the server responded with a status of 4" in message.text and url == page_url(message)
        ):
            return
        errors.append(f"{message.text} ({url})")

    def open_page(**options):
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on("console", record)
        page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not errors, "errors in the browser console:\n" + "\n".join(errors)


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def site(live_server, transactional_db, migrated_rows):
    """The live server's base URL, with the events and the seed articles in the database.

    pytest-django's serialized_rollback cannot restore the events here: it keeps its copy on
    the main thread's connection, and while Playwright's sync API runs, asgiref sees a running
    event loop and Django hands the main thread a different connection, which has no copy.
    """
    restore_migrated_rows(migrated_rows)
    import_paths([settings.SEEDS_DIR])
    return live_server.url


@pytest.fixture
def article_url(site):
    """The live URL of a seed article, by its file-name prefix ("002")."""

    def url(prefix):
        article = Article.objects.get(source_name__startswith=f"{prefix}_")
        return site + article.get_absolute_url()

    return url
