from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article, Event


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, article):
        return article.updated_at


class EventSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Event.objects.all()


class PageSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["articles:home", "articles:list"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "events": EventSitemap, "articles": ArticleSitemap}
