from django.urls import reverse


def canonical(request):
    """Every page's canonical URL: its own address, query string included (lists are
    permalinks); and the site's share card, for pages without a card of their own."""
    return {
        "canonical_url": request.build_absolute_uri(),
        "site_card_url": request.build_absolute_uri(reverse("articles:site-card")),
    }
