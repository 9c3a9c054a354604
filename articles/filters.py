"""The article list's filters: every one a GET parameter, so every view is a permalink."""

from functools import cached_property

import django_filters
from django import forms
from django.db.models import F

from .models import Article, Event, Outlet, Tag
from .search_input import normalise

SORTS = {
    "relevance": ("Relevance", None),
    "newest": ("Newest first", [F("published_on").desc(nulls_last=True), "-created_at"]),
    "oldest": ("Oldest first", [F("published_on").asc(nulls_last=True), "created_at"]),
    "headline": ("Headline A–Z", ["headline", "pk"]),
}
RELEVANCE = [F("rank").desc(), "-pk"]
MAX_QUERY_LENGTH = 200
# Ranking reads every match's vector; past this many matches a search is sorted newest first.
RANKED_MATCHES = 1000
TOO_BROAD = (
    "More than {:,} articles match, too many to rank by relevance: they are sorted newest "
    'first. Add words or a "phrase" to narrow the search.'
)


def by_slug(model, field_name):
    """A choice among a model's rows, named in the URL by slug (`?event=farewells`)."""
    label = model._meta.verbose_name.capitalize()
    return django_filters.ModelChoiceFilter(
        queryset=model.objects.all(),
        to_field_name="slug",
        field_name=field_name,
        label=label,
        empty_label=f"Any {model._meta.verbose_name}",
    )


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Words, “a phrase”, -not"}),
    )
    event = by_slug(Event, "events")
    outlet = by_slug(Outlet, "outlet")
    tag = by_slug(Tag, "tags")
    date = django_filters.DateFromToRangeFilter(
        field_name="published_on",
        label="Published between",
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )
    has_notes = django_filters.BooleanFilter(
        method="filter_has_notes",
        label="Public notes",
        widget=forms.Select(choices=[("", "Any"), ("true", "With notes"), ("false", "Without")]),
    )
    sort = django_filters.ChoiceFilter(
        label="Sort",
        method="keep",
        empty_label="Default",
        choices=[(key, label) for key, (label, _) in SORTS.items()],
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

    def filter_has_notes(self, queryset, name, value):
        return queryset.with_public_notes(present=value)

    def keep(self, queryset, name, value):
        return queryset

    @cached_property
    def search_text(self):
        return normalise(self.valid_value("q"))

    @property
    def searching(self):
        return bool(self.search_text.text)

    @property
    def matches(self):
        """The filtered articles, in no particular order."""
        queryset = super().qs
        if self.fixed_event is not None:
            queryset = queryset.in_event(self.fixed_event)
        return queryset

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
            notices.append(TOO_BROAD.format(self.ranked_matches))
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
    def qs(self):
        if self.sort_key == "relevance":
            return self.matches.ranked(self.search_text.text).order_by(*RELEVANCE)
        return self.matches.order_by(*SORTS[self.sort_key][1])

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
                text = f"{value.start.date() if value.start else '…'} to "
                text += f"{value.stop.date() if value.stop else '…'}"
                shown.append((field.label, text, {"date_after": None, "date_before": None}))
            else:
                if name == "has_notes":
                    value = "with notes" if value else "without notes"
                shown.append((field.label, str(value), {name: None}))
        return shown
