from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context, canonical_url):
    """The page in each interface language: `url`, its canonical address there (for hreflang),
    and `path`, where the language switcher leads: this very address, query included, minus
    empty parameters. A page that exists only in its own language (an error page) has no
    alternates (`url` is None), and its switcher offers each language's home page instead.
    Rendered without a request (a bare error page), none."""
    request = context.get("request")
    if request is None:
        return []
    current = translation.get_language()
    here = without_empty_parameters(request.get_full_path())
    versions = []
    for code, name in settings.LANGUAGES:
        address, path = translate_url(canonical_url, code), translate_url(here, code)
        if path == here and code != current:
            with translation.override(code):
                path = reverse("articles:home")
            address = None
        versions.append(
            {"code": code, "name": name, "url": address, "path": path, "current": code == current}
        )
    if any(version["url"] is None for version in versions):
        for version in versions:
            version["url"] = None
    return versions


def without_empty_parameters(address):
    parts = urlsplit(address)
    query = urlencode([(name, value) for name, value in parse_qsl(parts.query) if value])
    return urlunsplit(parts._replace(query=query))
