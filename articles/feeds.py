from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .localized import localized
from .markdown import render_markdown
from .models import Annotation, Article, Event

FEED_SIZE = 50


class LatestArticlesFeed(Feed):
    feed_type = Atom1Feed
    title = _("Reading Room: all articles")
    subtitle = _("News coverage of the viral videos of the first weeks of the invasion of Ukraine.")

    def link(self):
        return reverse("articles:list")

    def articles(self):
        return Article.objects.published().select_related("outlet").without_long_texts()

    def items(self):
        return self.articles().order_by("-created_at")[:FEED_SIZE]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.outlet.name if item.outlet else None


class EventFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Event, slug=slug)

    def title(self, event):
        return gettext("Reading Room: %(event)s") % {"event": localized(event, "name").text}

    def subtitle(self, event):
        return localized(event, "summary").text

    def link(self, event):
        return event.get_absolute_url()

    def items(self, event):
        return self.articles().in_event(event).order_by("-created_at")[:FEED_SIZE]


class NotesFeed(Feed):
    feed_type = Atom1Feed
    title = _("Reading Room: editors’ notes and corrections")
    subtitle = _("Context, corrections, verifications and translations the editors added.")

    def link(self):
        return reverse("articles:notes")

    def items(self):
        return Annotation.objects.for_readers()[:FEED_SIZE]

    def item_title(self, note):
        return gettext("%(kind)s on “%(quote)s” in %(headline)s") % {
            "kind": note.get_kind_display(),
            "quote": note.quote[:80],
            "headline": note.article.headline,
        }

    def item_description(self, note):
        body = localized(note, "body")
        html = render_markdown(body.text)
        if body.fallback:
            marker = gettext("in English")
            return format_html('<p>{}</p><div lang="{}">{}</div>', marker, body.language, html)
        return html

    def item_link(self, note):
        return note.get_absolute_url()

    def item_pubdate(self, note):
        return note.published_at or note.created_at

    def item_updateddate(self, note):
        return note.revised_at or note.published_at or note.created_at

    def item_author_name(self, note):
        return note.signed
