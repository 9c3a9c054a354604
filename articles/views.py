from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from .models import Article, Event


def home(request):
    articles = Article.objects.published().prefetch_related("events").select_related("outlet")
    return render(request, "articles/home.html", {"articles": articles})


def event_detail(request, slug):
    event = get_object_or_404(Event, slug=slug)
    articles = event.articles.published().select_related("outlet")
    return render(request, "articles/event.html", {"event": event, "articles": articles})


def article_detail(request, slug):
    article = get_object_or_404(
        Article.objects.published().select_related("outlet").prefetch_related("events"),
        slug=slug,
    )
    return render(request, "articles/detail.html", {"article": article})


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
