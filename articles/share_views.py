"""Share cards as PNG, and the paragraph pages a shared paragraph link opens."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from . import blocks, share_cards, sharing
from .models import Article
from .views import article_context, moved_article, published_article_or_redirect

# A paragraph page's description (base.html shows 200 characters); its card quotes more.
PARAGRAPH_DESCRIPTION_CHARS = 200


def png(data):
    return HttpResponse(data, content_type="image/png")


def article_for_card(slug):
    """The published article with this slug, with what its cards show, in one query; or None."""
    articles = (
        Article.objects.published()
        .select_related("outlet")
        .only("slug", "headline", "blocks", "outlet__name")
        .with_event_names()
        .filter(slug=slug)
        .order_by()
    )
    return next(iter(articles[:1]), None)


def article_card(request, slug):
    article = article_for_card(slug)
    if article is None:
        return redirect("articles:card", slug=moved_article(slug).slug, permanent=True)
    return png(share_cards.card_png(share_cards.article_card(article)))


def paragraph_card(request, slug, number):
    article = article_for_card(slug)
    if article is None:
        moved = moved_article(slug)
        return redirect("articles:paragraph-card", slug=moved.slug, number=number, permanent=True)
    text = blocks.text_of(article.blocks, number)
    if text is None:
        raise Http404("The article has no such paragraph.")
    return png(share_cards.card_png(share_cards.paragraph_card(article, number, text)))


def site_card(request):
    return png(share_cards.card_png(share_cards.site_card()))


def paragraph_detail(request, slug, number):
    """The article page, opened at paragraph `number`, its share tags describing it."""
    article, moved_to = published_article_or_redirect(slug)
    if moved_to is not None:
        return redirect("articles:paragraph", slug=moved_to.slug, number=number, permanent=True)
    text = blocks.text_of(article.blocks, number)
    if text is None:
        raise Http404("The article has no such paragraph.")
    context = article_context(request, article, paragraph=number)
    card = reverse("articles:paragraph-card", args=[article.slug, number])
    quote = sharing.shortened(text, PARAGRAPH_DESCRIPTION_CHARS)
    context.update(
        {
            "meta_title": gettext("Paragraph %(number)s of %(headline)s")
            % {"number": number, "headline": article.headline},
            "og_title": gettext("%(headline)s, paragraph %(number)s")
            % {"headline": article.headline, "number": number},
            # Crawlers that re-read og:url would otherwise show the article's card.
            "og_url": request.build_absolute_uri(
                reverse("articles:paragraph", args=[article.slug, number])
            ),
            "meta_description": quote,
            "share_image": request.build_absolute_uri(card),
            "share_image_alt": sharing.card_alt(article, number, quote),
            "shared_paragraph": number,
        }
    )
    return render(request, "articles/detail.html", context)
