"""The article list's filters: every one a GET parameter, so every view is a permalink."""

from dataclasses import dataclass
from functools import cached_property

import django_filters
from django import forms
from django.db.models import F, Q
from django.http import QueryDict
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .facets import Facets
from .localized import localized
from .models import Article, Event, Outlet, Tag
from .search_input import normalise


@dataclass(frozen=True)
class Sort:
    label: str  # the option in the sort menu
    described: str  # after the result count
    ordering: list | None


SORTS = {
    "relevance": Sort(_("Relevance"), _("sorted by relevance"), None),
    "newest": Sort(
        _("Newest first"),
        _("sorted by newest"),
        [F("published_on").desc(nulls_last=True), "-created_at"],
    ),
    "oldest": Sort(
        _("Oldest first"),
        _("sorted by oldest"),
        [F("published_on").asc(nulls_last=True), "created_at"],
    ),
    "headline": Sort(_("Headline A–Z"), _("sorted by headline"), ["headline", "pk"]),
}
RELEVANCE = [F("rank").desc(), "-pk"]
# Dates as the pages write them: 3 March 2022, 3 березня 2022.
SHOWN_DATE = "j E Y"
MAX_QUERY_LENGTH = 200
# Ranking reads every match's vector; past this many matches a search is sorted newest first.
RANKED_MATCHES = 1000


# What the filter form sets; every other parameter is a link, kept as a hidden field.
FORM_PARAMETERS = ("q", "date_after", "date_before", "undated", "page")
# `undated=include`: a date range keeps the articles with no known date as well.
# `undated=only`: only those.
UNDATED_CHOICES = [
    ("include", pgettext_lazy("undated articles", "included")),
    ("only", pgettext_lazy("undated articles", "only these")),
]


def too_broad_notice(ranked_matches):
    count = number_format(ranked_matches, force_grouping=True)
    return ngettext(
        "More than %(count)s article matches, too many to rank by relevance: they are sorted "
        'newest first. Add words or a "phrase" to narrow the search.',
        "More than %(count)s articles match, too many to rank by relevance: they are sorted "
        'newest first. Add words or a "phrase" to narrow the search.',
        ranked_matches,
    ) % {"count": count}


def by_slug(model, field_name, label, empty_label):
    """A choice among a model's rows, named in the URL by slug (`?event=farewells`)."""
    return django_filters.ModelChoiceFilter(
        queryset=model.objects.all(),
        to_field_name="slug",
        field_name=field_name,
        label=label,
        empty_label=empty_label,
    )


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=pgettext_lazy("the search box", "Search"),
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Words, “a phrase”, -not")}
        ),
    )
    event = by_slug(Event, "events", _("Event"), _("Any event"))
    outlet = by_slug(Outlet, "outlet", _("Outlet"), _("Any outlet"))
    tag = by_slug(Tag, "tags", _("Tag"), _("Any tag"))
    date = django_filters.DateFromToRangeFilter(
        field_name="published_on",
        method="filter_dates",
        label=_("Published between"),
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )
    undated = django_filters.ChoiceFilter(
        label=_("Undated articles"),
        method="filter_undated",
        choices=UNDATED_CHOICES,
    )
    has_notes = django_filters.ChoiceFilter(
        method="filter_has_notes",
        label=_("Public notes"),
        choices=[("true", _("with notes")), ("false", _("without notes"))],
    )
    sort = django_filters.ChoiceFilter(
        label=pgettext_lazy("order of the list", "Sort"),
        method="keep",
        empty_label=pgettext_lazy("order of the list", "Default"),
        choices=[(key, sort.label) for key, sort in SORTS.items()],
    )

    class Meta:
        model = Article
        fields = []

    # Set when PostgreSQL refused or cancelled the search: the page says so instead of failing.
    failed = False
    ranked_matches = RANKED_MATCHES

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_event = event
        if event is not None:
            del self.filters["event"]
            self.form.fields.pop("event", None)

    def filter_search(self, queryset, name, value):
        return queryset.matching(value) if self.searching else queryset

    def filter_dates(self, queryset, name, value):
        in_range = Q()
        if value.start:
            in_range &= Q(published_on__gte=value.start.date())
        if value.stop:
            in_range &= Q(published_on__lte=value.stop.date())
        if self.form.cleaned_data.get("undated") == "include":
            in_range |= Q(published_on__isnull=True)
        return queryset.filter(in_range)

    def filter_undated(self, queryset, name, value):
        return queryset.filter(published_on__isnull=True) if value == "only" else queryset

    def filter_has_notes(self, queryset, name, value):
        return queryset.with_public_notes(present=value == "true")

    def keep(self, queryset, name, value):
        return queryset

    @cached_property
    def search_text(self):
        return normalise(self.valid_value("q"))

    @property
    def searching(self):
        return bool(self.search_text.text)

    @cached_property
    def matches(self):
        """The filtered articles, in no particular order. Built once: the count and the page
        both start from it, and a search's filters cost a millisecond to build."""
        return self.matches_without()

    def matches_without(self, *names):
        """The articles every valid filter but `names` lets through (a facet's own filter is
        left out of its counts). Invalid filters are ignored, as on the page."""
        self.is_valid()
        queryset = self.queryset.all()
        for name, value in getattr(self.form, "cleaned_data", {}).items():
            if name not in names:
                queryset = self.filters[name].filter(queryset, value)
        if self.fixed_event is not None:
            queryset = queryset.in_event(self.fixed_event)
        return queryset

    @cached_property
    def link_query(self):
        """The request's parameters without the empty ones (`?outlet=&tag=` of old links),
        for building this page's links."""
        query = QueryDict(mutable=True)
        data = self.data if isinstance(self.data, QueryDict) else QueryDict()
        for key, values in data.lists():
            kept = [value for value in values if value != ""]
            if kept:
                query.setlist(key, kept)
        return query

    @property
    def form_kept_parameters(self):
        """(name, value) of the link parameters the filter form does not change: its hidden
        fields, so that a search or a date range keeps the options chosen in the facets."""
        return [
            (key, value)
            for key, values in self.link_query.lists()
            if key not in FORM_PARAMETERS
            for value in values
        ]

    def link_errors(self):
        """(label, message) for each invalid parameter chosen by link (not in the form)."""
        self.is_valid()
        return [
            (self.form.fields[name].label, " ".join(errors))
            for name, errors in self.form.errors.items()
            if name in self.form.fields and name not in ("q", "date", "undated")
        ]

    def sort_options(self):
        return [
            (key, sort.label) for key, sort in SORTS.items() if key != "relevance" or self.searching
        ]

    @cached_property
    def facets(self):
        return Facets(self, more=self.link_query.get("more"))

    @property
    def active_count(self):
        return len(self.active_filters())

    @cached_property
    def capped_match_count(self):
        """How many articles match, counted up to one past ranked_matches."""
        return self.matches.count_up_to(self.ranked_matches)

    @property
    def too_broad_to_rank(self):
        return self.searching and not self.failed and self.capped_match_count > self.ranked_matches

    @property
    def search_notices(self):
        notices = list(self.search_text.notices)
        if self.valid_value("sort") in ("", "relevance") and self.too_broad_to_rank:
            notices.append(too_broad_notice(self.ranked_matches))
        return notices

    def valid_value(self, name):
        """The cleaned value of a filter, or its empty value when it is invalid or absent."""
        self.is_valid()
        return self.form.cleaned_data.get(name) or ""

    @property
    def sort_key(self):
        wanted = self.valid_value("sort")
        if wanted == "relevance" or not wanted:
            return "relevance" if self.searching and not self.too_broad_to_rank else "newest"
        return wanted

    @property
    def sort_described(self):
        return SORTS[self.sort_key].described

    @property
    def qs(self):
        if self.sort_key == "relevance":
            return self.matches.ranked(self.search_text.text).order_by(*RELEVANCE)
        return self.matches.order_by(*SORTS[self.sort_key].ordering)

    def active_filters(self):
        """(label, value shown, parameters to drop) for each filter in use, for remove links."""
        self.is_valid()
        data = self.form.cleaned_data
        shown = []
        for name, field in self.form.fields.items():
            value = data.get(name)
            if value in (None, "") or name == "sort":
                continue
            if name == "date":
                if not (value.start or value.stop):
                    continue
                text = gettext("%(start)s to %(stop)s") % {
                    "start": date_format(value.start.date(), SHOWN_DATE) if value.start else "…",
                    "stop": date_format(value.stop.date(), SHOWN_DATE) if value.stop else "…",
                }
                shown.append((field.label, text, {"date_after": None, "date_before": None}))
            elif name == "undated":
                shown.append((field.label, dict(UNDATED_CHOICES)[value], {name: None}))
            elif name == "event":
                shown.append((field.label, localized(value, "name"), {name: None}))
            else:
                if name == "has_notes":
                    value = dict(field.choices)[value]
                shown.append((field.label, str(value), {name: None}))
        return shown
