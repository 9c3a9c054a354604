"""Anonymous readers' queries go to PostgreSQL replicas; everything else to the primary.

Writes, the editors' desk and anything a signed-in editor asks for read the primary, so an
editor always sees their own change. For REPLICA_CATCH_UP_SECONDS after any change readers
read the primary too, so a lagging replica cannot file old text under the new page-cache
generation.
"""

import random
from contextvars import ContextVar

from django.conf import settings

from readingroom.pagecache import generation_age
from readingroom.readers import is_anonymous_read

# The replica this request reads from, if it may read from one.
request_replica = ContextVar("request_replica", default=None)


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # No generation means nothing this request renders will be cached.
        generation = getattr(request, "content_generation", None)
        allowed = (
            bool(settings.DATABASE_REPLICAS)
            and is_anonymous_read(request)
            and (
                generation is None or generation_age(generation) > settings.REPLICA_CATCH_UP_SECONDS
            )
        )
        token = request_replica.set(random.choice(settings.DATABASE_REPLICAS) if allowed else None)
        try:
            return self.get_response(request)
        finally:
            request_replica.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return request_replica.get() or "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every alias holds the same data

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"
