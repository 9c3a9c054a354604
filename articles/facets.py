"""Facets, as in Datasette: each filter's options with how many articles each would give.

A facet's counts are taken under every other filter in use, leaving out its own, so that its
options say what choosing them would give. Each facet is one grouped query; options with no
article are never listed, and a facet with no options is not shown. The list pages and
/articles.json get their facets from here, so the two always agree.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date

from django.db import DatabaseError
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext

from readingroom.statement_timeout import statement_time_limit

from .faults import caused_by_query
from .localized import Localized, localized_row, translated_field_names
from .models import Annotation, Article, Placement

FACET_SIZE = 10
# Each facet's query is cancelled past this (as Datasette's facet_time_limit_ms); after the
# first one cancelled, the others are not tried: a broad search at 100k articles would cost
# each of them the same.
FACET_TIME_LIMIT_MS = 200
# `more=<facet>` lists this many of one facet's options instead of FACET_SIZE.
MORE_FACET_SIZE = 100


@dataclass
class Option:
    value: str
    label: str | Localized  # an event's name in the page's language
    count: int
    selected: bool
    # The parameters that choose this option (or, when selected, drop it), for {% querystring %}.
    params: dict

    def as_json(self):
        return {
            "value": self.value,
            "label": str(self.label),
            "count": self.count,
            "selected": self.selected,
        }


@dataclass
class Facet:
    name: str
    label: str
    options: list[Option] = field(default_factory=list)
    # More options than listed: `more_params` lists up to MORE_FACET_SIZE of them.
    truncated: bool = False
    more_params: dict | None = None

    def as_json(self):
        return {
            "label": self.label,
            "options": [option.as_json() for option in self.options],
            "truncated": self.truncated,
        }


def choosing(name, value, selected):
    return {name: None if selected else value, "page": None}


def first_rows(rows, size):
    """The first `size` of rows fetched with one extra, and whether there were more."""
    rows = list(rows[: size + 1])
    return rows[:size], len(rows) > size


class Facets:
    """The facets of one filtered list, computed once and shared by the page and the JSON."""

    def __init__(self, filterset, more=None):
        self.filterset = filterset
        self.more = more
        # Set when PostgreSQL refused or cancelled a facet's query: that facet and the ones
        # after it are left out.
        self.failed = False
        self.undated_count = 0
        # A search too broad to rank matches most of the archive: counting it once per facet
        # would cost more than the page itself, so its facets wait for a narrower search.
        self.skipped = not filterset.failed and filterset.too_broad_to_rank
        self.all = [] if filterset.failed or self.skipped else self.computed()

    def size_of(self, name):
        return MORE_FACET_SIZE if self.more == name else FACET_SIZE

    def valid(self, name):
        return self.filterset.valid_value(name)

    def computed(self):
        facets = []
        builders = [self.event, self.outlet, self.tag, self.notes, self.month]
        if self.filterset.fixed_event is not None:
            builders.remove(self.event)
        try:
            with statement_time_limit(FACET_TIME_LIMIT_MS, self.filterset.queryset.db):
                for build in builders:
                    facet = build()
                    if facet.truncated:
                        facet.more_params = {"more": facet.name, "page": None}
                    facets.append(facet)
        except DatabaseError as error:
            if not caused_by_query(error):
                raise
            self.failed = True
        return [facet for facet in facets if facet.options]

    def as_json(self):
        facets = {facet.name: facet.as_json() for facet in self.all}
        return {
            "facets": facets,
            "undated_articles": self.undated_count,
            "facets_failed": self.failed,
            "facets_skipped": self.skipped,
        }

    def by_slug(self, name, rows, label_key, slug_key):
        chosen = self.valid(name)
        chosen_slug = chosen.slug if chosen else None
        return [
            Option(
                value=row[slug_key],
                label=row[label_key],
                count=row["count"],
                selected=row[slug_key] == chosen_slug,
                params=choosing(name, row[slug_key], row[slug_key] == chosen_slug),
            )
            for row in rows
        ]

    def event(self):
        articles = self.filterset.matches_without("event").order_by().values("pk")
        rows = (
            Placement.objects.filter(article__in=articles)
            .values("event__slug", "event__name", *translated_field_names("event__name"))
            .annotate(count=Count("article_id"))
            .order_by("-count", "event__order", "event__name")
        )
        rows, truncated = first_rows(rows, self.size_of("event"))
        for row in rows:
            row["event__name"] = localized_row(row, "event__name")
        options = self.by_slug("event", rows, "event__name", "event__slug")
        return Facet("event", gettext("Event"), options, truncated)

    def outlet(self):
        rows = (
            self.filterset.matches_without("outlet")
            .filter(outlet__isnull=False)
            .order_by()
            .values("outlet__slug", "outlet__name")
            .annotate(count=Count("pk"))
            .order_by("-count", "outlet__name")
        )
        rows, truncated = first_rows(rows, self.size_of("outlet"))
        options = self.by_slug("outlet", rows, "outlet__name", "outlet__slug")
        return Facet("outlet", gettext("Outlet"), options, truncated)

    def tag(self):
        articles = self.filterset.matches_without("tag").order_by().values("pk")
        rows = (
            Article.tags.through.objects.filter(article__in=articles)
            .values("tag__slug", "tag__name")
            .annotate(count=Count("article_id"))
            .order_by("-count", "tag__name")
        )
        rows, truncated = first_rows(rows, self.size_of("tag"))
        options = self.by_slug("tag", rows, "tag__name", "tag__slug")
        return Facet("tag", gettext("Tag"), options, truncated)

    def notes(self):
        # An uncorrelated IN, which PostgreSQL hashes once, rather than EXISTS for every row.
        annotated = Annotation.objects.public().values("article_id")
        counts = (
            self.filterset.matches_without("has_notes")
            .order_by()
            .aggregate(
                with_notes=Count("pk", filter=Q(pk__in=annotated)),
                matching=Count("pk"),
            )
        )
        chosen = self.valid("has_notes")
        options = []
        for value, label, count in (
            ("true", gettext("With notes"), counts["with_notes"]),
            ("false", gettext("Without notes"), counts["matching"] - counts["with_notes"]),
        ):
            if count:
                selected = chosen == value
                params = choosing("has_notes", value, selected)
                options.append(Option(value, label, count, selected, params))
        return Facet("has_notes", gettext("Public notes"), options)

    def month(self):
        """The months of publication, newest first, and the undated articles."""
        rows = (
            self.filterset.matches_without("date", "undated")
            .order_by()
            .values(month=TruncMonth("published_on"))
            .annotate(count=Count("pk"))
            .order_by("-month")
        )
        # The NULL month (undated) sorts first in descending order: one row more to fetch.
        rows, truncated = first_rows(rows, self.size_of("month") + 1)
        dates = self.valid("date")
        undated = self.valid("undated")
        options = []
        for row in rows:
            if row["month"] is None:
                self.undated_count = row["count"]
                continue
            options.append(self.month_option(row["month"], row["count"], dates, undated))
        if len(options) > self.size_of("month"):
            options, truncated = options[:-1], True
        if self.undated_count:
            selected = undated == "only" and not dates
            params = {"undated": None if selected else "only", "page": None}
            params.update(date_after=None, date_before=None)
            label = pgettext("articles with no known date", "Undated")
            options.append(Option("undated", label, self.undated_count, selected, params))
        return Facet("month", pgettext("month of publication", "Published"), options, truncated)

    def month_option(self, month, count, dates, undated):
        last = date(month.year, month.month, calendar.monthrange(month.year, month.month)[1])
        selected = bool(
            dates
            and dates.start
            and dates.stop
            and dates.start.date() == month
            and dates.stop.date() == last
            and not undated
        )
        params = {"undated": None, "page": None}
        if selected:
            params.update(date_after=None, date_before=None)
        else:
            params.update(date_after=month.isoformat(), date_before=last.isoformat())
        label = date_format(month, "YEAR_MONTH_FORMAT")
        return Option(month.strftime("%Y-%m"), label, count, selected, params)

    def undated_left_out(self):
        """How many undated articles a date range leaves out (0 when none or no range)."""
        dates = self.valid("date")
        if not dates or not (dates.start or dates.stop) or self.valid("undated"):
            return 0
        return self.undated_count
