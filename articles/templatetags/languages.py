from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context, canonical_url):
    """The page at `canonical_url` in each interface language, for the language switcher and
    the hreflang links. A page that exists only in its own language (an error page) offers each
    language's home page instead. Rendered without a request (a bare error page), none."""
    request = context.get("request")
    if request is None:
        return []
    current = translation.get_language()
    versions = []
    for code, name in settings.LANGUAGES:
        address = translate_url(canonical_url, code)
        if address == canonical_url and code != current:
            with translation.override(code):
                address = request.build_absolute_uri(reverse("articles:home"))
        parts = urlsplit(address)
        local = parts.path + (f"?{parts.query}" if parts.query else "")
        versions.append(
            {"code": code, "name": name, "url": address, "path": local, "current": code == current}
        )
    return versions
