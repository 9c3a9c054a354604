from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation


def canonical(request):
    """Every page's canonical URL: its own address, query string included (lists are
    permalinks); and the site's share card, for pages without a card of their own."""
    return {
        "canonical_url": request.build_absolute_uri(),
        "site_card_url": request.build_absolute_uri(reverse("articles:site-card")),
    }


def languages(request):
    """The current page in each interface language, for the switcher and hreflang links.
    A page that exists in one language only (the admin, an error) links to each home page."""
    current = translation.get_language()
    path = request.get_full_path()
    versions = []
    for code, name in settings.LANGUAGES:
        translated = translate_url(path, code)
        if translated == path and code != current:
            with translation.override(code):
                translated = reverse("articles:home")
        versions.append(
            {
                "code": code,
                "name": name,
                "url": translated,
                "absolute_url": request.build_absolute_uri(translated),
                "current": code == current,
            }
        )
    return {"language_versions": versions, "html_language": current}
