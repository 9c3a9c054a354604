"""Whole-page cache for anonymous readers, invalidated by a content generation.

Every stored page records the generation it was rendered under. Any write to the reading
room's data starts a new generation once its transaction commits, so the next request after
an import or an edit renders afresh: a page is never served stale after a change. The
generation is read before the page is rendered, so a page rendered during a commit is filed
under the old generation and never served.

When the database cannot be reached, the last stored copy of a page is served, whatever its
generation, rather than a 503; for a few seconds after, without asking the database first.
"""

import hashlib
import logging
import threading
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control

from readingroom.readers import is_anonymous_read

logger = logging.getLogger(__name__)

GENERATION_KEY = "pages:generation"
STORED_STATUSES = {200, 301, 404}
MAX_STORED_BYTES = 2 * 1024 * 1024
# Browsers revalidate every time (a 304 costs nothing); a CDN or proxy may serve a page for a
# minute, and keep serving it while it fetches a new one or while the site is down.
PUBLIC_CACHE_CONTROL = {
    "public": True,
    "max_age": 0,
    "s_maxage": 60,
    "stale_while_revalidate": 300,
    "stale_if_error": 86400,
}


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def new_generation():
    """A fresh generation: its time lets the replica router know how recent the change is."""
    return f"{time.time():.3f}:{uuid.uuid4().hex}"


# Set when a new generation could not be stored (the cache server was unreachable): this
# process tries again before it serves anything from the cache, so a change made while the
# cache was away never lets the old pages back in when it returns.
invalidation_pending = threading.Event()


class DatabaseOutage:
    """Whether readers with a stored copy of their page should get it without asking the
    database, which was unreachable moments ago.

    Asking costs each request a wait for a connection (up to the pool's timeout), holding one
    of the few turns the admission gate gives: a burst of readers would otherwise be answered
    "busy" instead of with their stored pages. While the outage lasts, one request every
    RECHECK_SECONDS asks again.
    """

    RECHECK_SECONDS = 5

    def __init__(self):
        self.lock = threading.Lock()
        self.recheck_at = None  # None: the database answered last time

    def serve_stored(self):
        with self.lock:
            if self.recheck_at is None:
                return False
            now = time.monotonic()
            if now < self.recheck_at:
                return True
            self.recheck_at = now + self.RECHECK_SECONDS  # this request asks; the others wait
            return False

    def record(self, unavailable):
        with self.lock:
            self.recheck_at = time.monotonic() + self.RECHECK_SECONDS if unavailable else None


database_outage = DatabaseOutage()


def start_new_generation():
    try:
        page_cache().set(GENERATION_KEY, new_generation(), timeout=settings.PAGE_CACHE_SECONDS)
    except Exception:
        invalidation_pending.set()
        logger.exception("Could not invalidate the page cache; will try again.")
    else:
        invalidation_pending.clear()


def invalidate(using="default"):
    """Start a new generation when the current transaction commits (at once outside one)."""
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and any(
        func is start_new_generation for _, func, _ in connection.run_on_commit
    ):
        return
    transaction.on_commit(start_new_generation, using=using)


def generation_and_entry(cache, key):
    """The current generation and the page stored under `key`, in one round trip."""
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, new_generation(), timeout=settings.PAGE_CACHE_SECONDS)
        generation = cache.get(GENERATION_KEY)
    return generation, found.get(key)


def generation_age(generation):
    """Seconds since the generation started."""
    try:
        return time.time() - float(generation.split(":", 1)[0])
    except (AttributeError, ValueError):
        return 0.0


def page_key(request):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return "pages:page:" + hashlib.sha256(address.encode()).hexdigest()


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_anonymous_read(request):
            response = self.get_response(request)
            if request.method in ("GET", "HEAD"):
                patch_cache_control(response, private=True)
            elif response.status_code < 400 and signed_in(request):
                # Every change is caught by the models' signals; this also covers the few
                # bulk updates that send none. Only editors: anyone can POST a login form.
                invalidate()
            return response
        if not settings.PAGE_CACHE_ENABLED:
            return self.get_response(request)
        cache = page_cache()
        key = page_key(request)
        if invalidation_pending.is_set():
            start_new_generation()
            if invalidation_pending.is_set():
                return self.get_response(request)
        try:
            generation, entry = generation_and_entry(cache, key)
        except Exception:
            logger.exception("The page cache cannot be read; serving without it.")
            return self.get_response(request)
        request.content_generation = generation
        if entry and entry["generation"] == generation:
            return conditional(request, rebuild(entry, "hit"))
        if entry and database_outage.serve_stored():
            return rebuild(entry, "hit; detail=stale-database-unavailable")
        response = self.get_response(request)
        unavailable = getattr(response, "database_unavailable", False)
        database_outage.record(unavailable)
        if unavailable and entry:
            return rebuild(entry, "hit; detail=stale-database-unavailable")
        if storable(request, response):
            stamp_public(response)
            if response.streaming:
                response.streaming_content = stored_when_complete(
                    response.streaming_content, response, cache, key, generation
                )
            else:
                store(cache, key, generation, response, response.content)
            response["Cache-Status"] = "ReadingRoom; fwd=miss; stored"
        return conditional(request, response)


def signed_in(request):
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def storable(request, response):
    return (
        response.status_code in STORED_STATUSES
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "nonce-" not in response.get("Content-Security-Policy", "")
        and not response.has_header("Cache-Control")
    )


def stamp_public(response):
    patch_cache_control(response, **PUBLIC_CACHE_CONTROL)
    if not response.streaming:
        response["ETag"] = etag(response.content)


def etag(content):
    return '"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'


def store(cache, key, generation, response, content):
    headers = {name: value for name, value in response.items() if name != "Cache-Status"}
    headers.setdefault("ETag", etag(content))
    entry = {
        "generation": generation,
        "status": response.status_code,
        "headers": headers,
        "content": content,
    }
    try:
        cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.exception("Could not store a page in the page cache.")


def stored_when_complete(chunks, response, cache, key, generation):
    """Stream the content, keeping a copy to store if it completes and is not too large."""
    kept, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size <= MAX_STORED_BYTES:
            kept.append(chunk)
        yield chunk
    if size <= MAX_STORED_BYTES:
        store(cache, key, generation, response, b"".join(kept))


def rebuild(entry, status):
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"].items():
        response[name] = value
    response["Cache-Status"] = f"ReadingRoom; {status}"
    return response


def conditional(request, response):
    if response.status_code != 200 or not response.has_header("ETag"):
        return response
    return get_conditional_response(request, etag=response["ETag"], response=response) or response
