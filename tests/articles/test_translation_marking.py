"""The interface's words in Python are marked for translation: lazy where they are defined
once, in the request's language where they are used, with numbers and months formatted for
that language. English is the source language; the catalogues come later."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import translation
from django.utils.formats import date_format
from django.utils.functional import Promise

from articles import share_cards
from articles.filters import ArticleFilter
from articles.models import Annotation, Article, Event
from articles.views import NOTE_KIND_TITLES, CappedPaginator


def test_model_labels_help_texts_and_choices_are_marked_and_read_as_english():
    source_url = Article._meta.get_field("source_url")
    terms = Event._meta.get_field("sentence_terms")
    marked = [
        source_url.verbose_name,
        source_url.help_text,
        terms.help_text,
        Article.Status.NEEDS_REVIEW.label,
        Annotation.Kind.CORRECTION.label,
    ]

    assert all(isinstance(text, Promise) for text in marked)
    with translation.override("en-gb"):
        assert [str(text) for text in marked] == [
            "original address",
            "Where the article was published.",
            "Comma-separated alternatives; a phrase is several words; a word ending in * matches "
            "any word it begins. One group per line: every line must match. All groups must "
            "match within a single sentence of the lead.",
            "Needs review",
            "Correction",
        ]


def test_filter_labels_are_marked():
    date = ArticleFilter.base_filters["date"]

    assert isinstance(date.label, Promise)
    with translation.override("en-gb"):
        assert str(date.label) == "Published between"


def test_every_kind_of_note_has_a_list_title():
    assert set(NOTE_KIND_TITLES) == set(Annotation.Kind.values)


def test_a_list_count_is_formatted_for_the_language():
    counted = CappedPaginator([], 20, capped_count=1234, cap=10_000)
    capped = CappedPaginator([], 20, capped_count=10_001, cap=10_000)

    with translation.override("en-gb"):
        assert counted.count_label == "1,234 articles"
        assert capped.count_label == "More than 10,000 articles"
    with translation.override("uk"):
        assert "1\xa0234" in counted.count_label


@pytest.mark.django_db
def test_facet_months_are_named_in_the_address_language(client, seeds):
    def month_labels(path):
        response = client.get(path)
        assert response.status_code == 200
        return {o["value"]: o["label"] for o in response.json()["facets"]["month"]["options"]}

    english, ukrainian = month_labels("/articles.json"), month_labels("/uk/articles.json")

    assert english.get("2022-03") == "March 2022"
    with translation.override("uk"):
        in_ukrainian = date_format(datetime.date(2022, 3, 1), "YEAR_MONTH_FORMAT")
    assert ukrainian["2022-03"] == in_ukrainian != "March 2022"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/uk/articles/?q=soldier&date_after=2022-03-01",
        "/uk/notes/?kind=correction",
        "/uk/feed/",
        "/uk/notes/feed/",
    ],
)
def test_pages_in_another_language_render(client, seeds, path):
    assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_a_card_is_drawn_and_cached_for_each_language(client, settings):
    settings.PAGE_CACHE_ENABLED = False  # the page cache would answer before the view
    with translation.override("en-gb"):
        english = share_cards.site_card()
    with translation.override("uk"):
        ukrainian = share_cards.site_card()

    cache.delete(ukrainian.cache_key)

    assert english.cache_key != ukrainian.cache_key
    assert client.get("/uk/card.png")["Content-Type"] == "image/png"
    assert cache.get(ukrainian.cache_key) is not None
