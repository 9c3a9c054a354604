"""slug_url, which list pages use instead of a reverse() per link, gives what reverse() gives."""

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from articles.slug_urls import slug_url


@pytest.mark.parametrize("language", ["en", "uk", "ru"])
@pytest.mark.parametrize("view_name", ["articles:detail", "articles:event"])
def test_slug_url_is_what_reverse_gives_in_each_language(language, view_name):
    with translation.override(language):
        for slug in ("farewells", "a-b_c-2022", "x"):
            assert slug_url(view_name, slug) == reverse(view_name, args=[slug])


def test_slug_url_leaves_what_is_not_a_slug_to_reverse():
    with pytest.raises(NoReverseMatch):
        slug_url("articles:detail", "not a slug")
