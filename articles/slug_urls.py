"""Addresses of pages named by a slug (an article's, an event's), without a reverse() each.

A list page links twenty articles and their events: reversing each address cost a few tenths
of a millisecond, over forty times a page. Each view's address is reversed once per URLconf,
script prefix and language, with a stand-in slug, and every slug is then put in its place.
"""

import functools
import re

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# What the `slug` path converter accepts: anything else is left to reverse() to refuse.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
STAND_IN = "slug-stand-in-0f3c"


def slug_url(view_name, slug):
    """reverse(view_name, args=[slug]), for a view whose only argument is a slug."""
    if not SLUG.fullmatch(slug):
        return reverse(view_name, args=[slug])
    resolver = get_resolver(get_urlconf())
    before, after = url_around_slug(resolver, get_script_prefix(), get_language(), view_name)
    return f"{before}{slug}{after}"


@functools.lru_cache(maxsize=64)
def url_around_slug(resolver, script_prefix, language, view_name):
    """(what comes before the slug, what comes after) in the view's address. Keyed on the
    resolver itself: clearing the URL caches (a test's ROOT_URLCONF) makes a new one."""
    before, after = reverse(view_name, args=[STAND_IN]).split(STAND_IN)
    return before, after
