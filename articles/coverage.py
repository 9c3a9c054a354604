"""What an event's card says of its coverage: how many articles and outlets, and when it was
published."""

from dataclasses import dataclass
from datetime import date

from django.db import connections

from .models import Article, Placement

# Read from at most one more than the cap of each event's articles (any of them, unsorted: a
# sort would cost more than the rest): an event of a million articles costs what one of ten
# thousand does, and its card says "more than" and "at least" and leaves the dates out. The
# articles are counted in the same pass, from the same index-only join.
COVERAGE = f"""
SELECT placed.event_id, count(*), count(DISTINCT sample.outlet_id),
       min(sample.published_on), max(sample.published_on)
FROM unnest(%(ids)s::bigint[]) AS placed(event_id)
CROSS JOIN LATERAL (
    SELECT article.outlet_id, article.published_on
    FROM {Placement._meta.db_table} placement
    JOIN {Article._meta.db_table} article ON article.id = placement.article_id
    WHERE placement.event_id = placed.event_id AND article.status = %(published)s
    LIMIT %(sample)s
) sample
GROUP BY placed.event_id
"""


@dataclass(frozen=True)
class Coverage:
    # Counted up to one past the cap: more than the cap says "more than".
    articles: int = 0
    outlets: int = 0
    first: date | None = None
    last: date | None = None


def coverage_of(events, up_to):
    """{event id: Coverage} of up to `up_to` + 1 of each event's published articles."""
    ids = [event.pk for event in events]
    if not ids:
        return {}
    params = {"ids": ids, "published": Article.Status.PUBLISHED, "sample": up_to + 1}
    with connections[Article.objects.db].cursor() as cursor:
        cursor.execute(COVERAGE, params)
        return {event_id: Coverage(*facts) for event_id, *facts in cursor.fetchall()}


def with_coverage(events, up_to):
    """The events, each given its `coverage` and its `article_count` (up to `up_to` + 1)."""
    events = list(events)
    found = coverage_of(events, up_to)
    for event in events:
        event.coverage = found.get(event.pk, Coverage())
        event.article_count = event.coverage.articles
    return events
