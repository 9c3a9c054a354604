from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article, Event


class TranslatedSitemap(Sitemap):
    """Each page in every interface language, each entry naming the others (hreflang)."""

    i18n = True
    alternates = True
    x_default = True


class InEachLanguage:
    """(item, language) pairs of a queryset, fetched a page at a time: Django's i18n sitemaps
    build the whole list, which for every article means every row on every sitemap page."""

    def __init__(self, queryset, languages):
        self.queryset, self.languages = queryset, languages

    def __len__(self):
        return self.queryset.count() * len(self.languages)

    def __getitem__(self, window):
        width = len(self.languages)
        first, stop = window.start or 0, window.stop
        rows = self.queryset[first // width : -(-stop // width)]
        pairs = [(row, code) for row in rows for code in self.languages]
        offset = first - first // width * width
        return pairs[offset : offset + stop - first]


class ArticleSitemap(TranslatedSitemap):
    changefreq = "monthly"
    limit = 5000

    def _items(self):
        return InEachLanguage(self.items(), self._languages())

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, article):
        return article.updated_at


class EventSitemap(TranslatedSitemap):
    changefreq = "weekly"

    def items(self):
        return Event.objects.all()


class PageSitemap(TranslatedSitemap):
    changefreq = "daily"

    def items(self):
        return ["articles:home", "articles:list"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "events": EventSitemap, "articles": ArticleSitemap}
