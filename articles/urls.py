from django.urls import path

from . import exports, feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/", views.article_list, name="list"),
    path("articles.json", exports.articles_json, name="list-json"),
    path("articles.csv", exports.articles_csv, name="list-csv"),
    path("search/", views.search, name="search"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("events/<slug:slug>/", views.event_detail, name="event"),
    path("events/<slug:slug>/feed/", feeds.EventFeed(), name="event-feed"),
    path("events/<slug:slug>/story/", views.event_story, name="story"),
    path("events/<slug:slug>/story.json", views.event_story_json, name="story-json"),
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("articles/<slug:slug>/original.txt", views.article_original, name="original"),
]
