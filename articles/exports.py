"""The article list as JSON and CSV: the same filters, sort and query as /articles/."""

import csv
import re
from itertools import chain, islice

from django.core.paginator import EmptyPage, Paginator
from django.db import DatabaseError
from django.http import JsonResponse, StreamingHttpResponse
from django.utils.translation import gettext

from .faults import caused_by_query
from .filters import ArticleFilter
from .models import Article

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")
CSV_COLUMNS = ["id", "slug", "url", "headline", "events", "outlet", "date", "word_count", "source"]


def exported_articles(request):
    filterset = ArticleFilter(
        request.GET,
        queryset=Article.objects.published()
        .select_related("outlet")
        .defer("blocks", "standfirst")
        .without_long_texts()
        .with_event_slugs(),
    )
    return filterset


def as_row(article, request):
    return {
        "id": article.pk,
        "slug": article.slug,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "headline": article.headline,
        "events": list(article.event_slugs),
        "outlet": article.outlet.name if article.outlet else None,
        "date": article.published_on.isoformat() if article.published_on else None,
        "word_count": article.word_count,
        "source": article.source_name,
    }


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return f"'{value}"
    return value


def bad_request(message, **details):
    return JsonResponse({"error": message, **details}, status=400)


def search_failed():
    return bad_request(gettext("this search could not be run: try fewer words or phrases"))


class BadParameter(ValueError):
    """A parameter the client got wrong; its message is written for the client."""


def positive_number(raw, name, default, maximum=None):
    if raw in (None, ""):
        return default
    if not WHOLE_NUMBER.fullmatch(raw) or int(raw) < 1 or (maximum and int(raw) > maximum):
        if maximum:
            message = gettext("%(name)s must be a whole number from 1 to %(maximum)s")
        else:
            message = gettext("%(name)s must be a whole number of 1 or more")
        raise BadParameter(message % {"name": name, "maximum": maximum})
    return int(raw)


def page_link(request, number):
    if number is None:
        return None
    params = request.GET.copy()
    params["page"] = number
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def articles_json(request):
    filterset = exported_articles(request)
    if not filterset.is_valid():
        return bad_request(gettext("invalid filter"), fields=filterset.errors.get_json_data())
    try:
        size = positive_number(
            request.GET.get("page_size"), "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
        )
        number = positive_number(request.GET.get("page"), "page", 1)
        page = Paginator(filterset.qs, size).page(number)
        results = [as_row(article, request) for article in page.object_list]
    except BadParameter as error:
        return bad_request(str(error))
    except EmptyPage:
        message = gettext("page %(number)s is past the last page") % {"number": number}
        return JsonResponse({"error": message}, status=404)
    except DatabaseError as error:
        if not caused_by_query(error):
            raise
        return search_failed()
    return JsonResponse(
        {
            "count": page.paginator.count,
            "next": page_link(request, page.next_page_number() if page.has_next() else None),
            "previous": page_link(
                request, page.previous_page_number() if page.has_previous() else None
            ),
            "results": results,
            **filterset.facets.as_json(),
        },
        json_dumps_params={"ensure_ascii": False},
    )


class Echo:
    def write(self, value):
        return value


def articles_csv(request):
    """Every matching article (all pages), in the list's order."""
    filterset = exported_articles(request)
    if not filterset.is_valid():
        return bad_request(gettext("invalid filter"), fields=filterset.errors.get_json_data())
    writer = csv.writer(Echo())
    # The first row is read before any header is sent, so a failing database or search gets
    # a proper error response instead of a 200 cut short.
    try:
        articles = filterset.qs.iterator(chunk_size=500)
        first = list(islice(articles, 1))
    except DatabaseError as error:
        if not caused_by_query(error):
            raise
        return search_failed()

    def rows():
        yield writer.writerow(CSV_COLUMNS)
        for article in chain(first, articles):
            row = as_row(article, request)
            row["events"] = " ".join(row["events"])
            yield writer.writerow([spreadsheet_safe(row[column]) for column in CSV_COLUMNS])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="articles.csv"'
    return response
