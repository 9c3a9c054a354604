from django.urls import path, register_converter

from . import exports, feeds, references, share_views, views

app_name = "articles"


class CitationFormat:
    regex = "|".join(references.DOWNLOADS)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(CitationFormat, "citation_format")

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/", views.article_list, name="list"),
    path("articles.json", exports.articles_json, name="list-json"),
    path("articles.csv", exports.articles_csv, name="list-csv"),
    path("search/", views.search, name="search"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("notes/", views.notes_list, name="notes"),
    path("notes/feed/", feeds.NotesFeed(), name="notes-feed"),
    path("events/<slug:slug>/", views.event_detail, name="event"),
    path("events/<slug:slug>/feed/", feeds.EventFeed(), name="event-feed"),
    path("events/<slug:slug>/story/", views.event_story, name="story"),
    path("events/<slug:slug>/story.json", views.event_story_json, name="story-json"),
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("articles/<slug:slug>/original.txt", views.article_original, name="original"),
    path(
        "articles/<slug:slug>/cite.<citation_format:extension>",
        views.article_citation,
        name="cite",
    ),
    path(
        "articles/<slug:slug>/p<int:paragraph>/cite.<citation_format:extension>",
        views.article_citation,
        name="cite-paragraph",
    ),
    path("articles/<slug:slug>/card.png", share_views.article_card, name="card"),
    path("articles/<slug:slug>/p<int:number>/", share_views.paragraph_detail, name="paragraph"),
    path(
        "articles/<slug:slug>/p<int:number>/card.png",
        share_views.paragraph_card,
        name="paragraph-card",
    ),
    path("card.png", share_views.site_card, name="site-card"),
]
