from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import number_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from readingroom.readers import is_anonymous_read

from . import blocks, references, sharing
from .coverage import with_coverage
from .faults import caused_by_query
from .filters import ArticleFilter
from .localized import localized
from .models import Annotation, Article, Citation, Clip, Event, SharedPassage, SlugRedirect
from .original import marked_original
from .reading import reading_blocks
from .search import BROAD_SNIPPET_PARAGRAPHS, SNIPPET_PARAGRAPHS, attach_snippets
from .story import story_data, story_of

PAGE_SIZE = 20
# Lists count their rows up to this many; past it a list says "more than 10,000 articles".
LISTED_MATCHES = 10_000
RECENT_COUNT = 8
NOTES_PAGE_SIZE = 30
RELATED_COUNT = 10
# What the article page shows of a passage shared with another article.
SHARED_PASSAGE_FIELDS = (
    "article_id",
    "paragraph",
    "other_paragraph",
    "other_text",
    "similarity",
    "republication",
    "other__slug",
    "other__headline",
)
# The title of the list of one kind of note.
NOTE_KIND_TITLES = {
    Annotation.Kind.CONTEXT: _("Context notes"),
    Annotation.Kind.CORRECTION: _("Correction notes"),
    Annotation.Kind.VERIFICATION: _("Verification notes"),
    Annotation.Kind.TRANSLATION: _("Translation notes"),
}


def home(request):
    return render(
        request,
        "articles/home.html",
        {
            "canonical_url": request.build_absolute_uri(reverse("articles:home")),
            "events": with_coverage(
                Event.objects.prefetch_related(
                    Prefetch("clips", queryset=Clip.objects.prefetch_related("postings"))
                ),
                up_to=LISTED_MATCHES,
            ),
            "listed_matches": LISTED_MATCHES,
            "recent": Article.objects.published()
            .for_listing()
            .with_public_note_counts()
            .order_by("-created_at")[:RECENT_COUNT],
        },
    )


class CappedPaginator(Paginator):
    """Pages of a list counted only up to `cap` rows: a broad list or search must not count
    half the archive to show twenty rows. Past the cap it is "more than …" articles."""

    def __init__(self, object_list, per_page, capped_count, cap):
        super().__init__(object_list, per_page)
        self.capped = capped_count > cap
        self.count = min(capped_count, cap)

    @property
    def count_label(self):
        count = {"count": number_format(self.count, force_grouping=True)}
        if self.capped:
            return (
                ngettext("More than %(count)s article", "More than %(count)s articles", self.count)
                % count
            )
        return ngettext("%(count)s article", "%(count)s articles", self.count) % count


def filtered_page(request, event=None):
    """The filter set and the requested page of its results, with search snippets.

    A search PostgreSQL refuses or cancels (too complex, or past the statement timeout) gives
    an empty page and a plain notice; losing the database itself is left to the 503 handler.
    """
    filterset = ArticleFilter(
        request.GET, queryset=Article.objects.published().for_listing(), event=event
    )
    try:
        if filterset.searching:
            cap, count = filterset.ranked_matches, filterset.capped_match_count
        else:
            cap = LISTED_MATCHES
            count = filterset.matches.count_up_to(cap)
        paginator = CappedPaginator(filterset.qs.with_public_note_counts(), PAGE_SIZE, count, cap)
        page = paginator.get_page(request.GET.get("page"))
        broad = filterset.too_broad_to_rank
        paragraphs = BROAD_SNIPPET_PARAGRAPHS if broad else SNIPPET_PARAGRAPHS
        page.object_list = attach_snippets(page.object_list, filterset.search_text.text, paragraphs)
    except DatabaseError as error:
        if not filterset.searching or not caused_by_query(error):
            raise
        filterset.failed = True
        page = CappedPaginator([], PAGE_SIZE, 0, 0).get_page(1)
    return filterset, page


def list_canonical_url(request, filterset):
    """The list's own address without the empty parameters of old links (`?outlet=&tag=`)."""
    query = filterset.link_query.urlencode()
    return request.build_absolute_uri(request.path + (f"?{query}" if query else ""))


def article_list(request):
    filterset, page = filtered_page(request)
    query = filterset.valid_value("q")
    if filterset.searching:
        title = gettext("Search: %(query)s") % {"query": query}
    else:
        title = gettext("All articles")
    return render(
        request,
        "articles/list.html",
        {
            "filter": filterset,
            "page": page,
            "meta_title": title,
            "canonical_url": list_canonical_url(request, filterset),
        },
    )


def event_detail(request, slug):
    (event,) = with_coverage([get_object_or_404(Event, slug=slug)], up_to=LISTED_MATCHES)
    filterset, page = filtered_page(request, event=event)
    clips = list(event.clips.prefetch_related("postings"))
    page_url = request.build_absolute_uri(event.get_absolute_url())
    name = localized(event, "name").text
    return render(
        request,
        "articles/event.html",
        {
            "event": event,
            "clips": clips,
            "schema": sharing.video_object_schema(clips, page_url) if clips else None,
            "filter": filterset,
            "page": page,
            "canonical_url": list_canonical_url(request, filterset),
            "meta_title": name,
            "meta_description": localized(event, "summary").text,
            "listed_matches": LISTED_MATCHES,
        },
    )


def event_story(request, slug):
    event = get_object_or_404(Event, slug=slug)
    story = story_of(event)
    name = localized(event, "name").text
    return render(
        request,
        "articles/story.html",
        {
            "event": event,
            "story": story,
            "clips": story.clips,
            "meta_title": gettext("The story of %(event)s") % {"event": name},
            "meta_description": gettext(
                "How the clips of %(event)s travelled: first postings, who cited whom, "
                "passages shared between outlets."
            )
            % {"event": name},
        },
    )


def event_story_json(request, slug):
    event = get_object_or_404(Event, slug=slug)
    return JsonResponse(story_data(story_of(event)), json_dumps_params={"ensure_ascii": False})


def published_article_or_redirect(slug, unpublished_too=False):
    """The article with this slug and what its page shows, or the article it moved to.
    `unpublished_too`: hidden and unplaced articles as well, for editors' previews."""
    articles = Article.objects.all() if unpublished_too else Article.objects.published()
    # Unordered on purpose: with the list's ORDER BY … LIMIT 1, PostgreSQL may walk the
    # newest-first index looking for the slug instead of using the slug's own index.
    article = next(
        iter(
            articles.select_related("outlet")
            .prefetch_related(
                "events",
                "tags",
                Prefetch("clips", queryset=Clip.objects.select_related("event")),
                Prefetch("citations", queryset=Citation.objects.filter(rejected=False)),
                Prefetch(
                    "shared_passages",
                    queryset=SharedPassage.objects.filter(other__status=Article.Status.PUBLISHED)
                    .select_related("other")
                    .only(*SHARED_PASSAGE_FIELDS),
                ),
            )
            .with_content_changed_at()
            .filter(slug=slug)
            .order_by()[:1]
        ),
        None,
    )
    if article is not None:
        return article, None
    return None, moved_article(slug)


def moved_article(slug):
    """The published article that had this slug before it was renamed; else a 404."""
    moved = SlugRedirect.objects.filter(old_slug=slug).select_related("article").order_by()
    moved = next(iter(moved[:1]), None)
    if moved is None or moved.article.status != Article.Status.PUBLISHED:
        raise Http404("No article has this address.")
    return moved.article


def editor_may(request, permission):
    """Whether a signed-in editor with this permission asks. An anonymous read never opens
    the session: its page stays the same for everyone (no `Vary: Cookie`)."""
    if is_anonymous_read(request):
        return False
    return request.user.is_authenticated and request.user.has_perm(permission)


def article_detail(request, slug):
    # Editors may read hidden and unplaced articles as readers would see them.
    editor = editor_may(request, "articles.view_article")
    article, moved_to = published_article_or_redirect(slug, unpublished_too=editor)
    if moved_to is not None:
        return redirect(moved_to, permanent=True)
    response = render(request, "articles/detail.html", article_context(request, article))
    if article.status != Article.Status.PUBLISHED:
        # An editor's preview: for no cache and no search engine.
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex"
    return response


def article_context(request, article, paragraph=None):
    """What the article page shows; its paragraph pages (share_views) show the same, citing
    that paragraph."""
    notes = list(article.annotations.public().select_related("author"))
    related = (
        Article.objects.published()
        .sharing_an_event_with(article)
        .select_related("outlet")
        .without_long_texts()
        .order_by("headline")[:RELATED_COUNT]
    )
    permalink = request.build_absolute_uri(article.get_absolute_url())
    card = request.build_absolute_uri(reverse("articles:card", args=[article.slug]))
    may_annotate = editor_may(request, "articles.add_annotation")
    return {
        "meta_title": article.headline,
        "og_title": article.headline,
        "meta_description": sharing.description(article),
        "share_image": card,
        "share_image_alt": sharing.card_alt(article),
        "canonical_url": permalink,
        "og_type": "article",
        "schema": sharing.news_article_schema(article, permalink, image=card),
        "citations": references.formatted(
            references.Reference.of(article, permalink, timezone.localdate(), paragraph)
        ),
        "cited_paragraph": paragraph,
        "article": article,
        "blocks": reading_blocks(article, notes),
        "notes": notes,
        "related": related,
        "original": marked_original(article.raw_text, article.cleaning_report),
        "permalink": permalink,
        "article_url": article.get_absolute_url(),
        "may_annotate": may_annotate,
        "annotate_url": f"{reverse('admin:articles_annotation_add')}?article={article.pk}"
        if may_annotate
        else "",
    }


def notes_list(request):
    """Public notes and corrections, newest first; `?kind=correction` for one kind."""
    kinds = dict(Annotation.Kind.choices)
    kind = request.GET.get("kind", "")
    notes = Annotation.objects.for_readers()
    if kind:
        if kind not in kinds:
            return render(
                request,
                "articles/notes.html",
                {
                    "unknown_kind": True,
                    "kinds": kinds,
                    "meta_title": gettext("Notes"),
                },
                status=400,
            )
        notes = notes.filter(kind=kind)
    page = Paginator(notes, NOTES_PAGE_SIZE).get_page(request.GET.get("page"))
    title = NOTE_KIND_TITLES[kind] if kind else gettext("Editors’ notes and corrections")
    return render(
        request,
        "articles/notes.html",
        {
            "page": page,
            "kind": kind,
            "kinds": kinds,
            "title": title,
            "meta_title": title,
            "meta_description": gettext(
                "What the editors added to the coverage: context, corrections, "
                "verifications and translations, newest first."
            ),
        },
    )


def article_original(request, slug):
    article, moved_to = published_article_or_redirect(slug)
    if moved_to is not None:
        return redirect("articles:original", slug=moved_to.slug, permanent=True)
    response = HttpResponse(article.raw_text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(False, article.source_name)
    return response


def article_citation(request, slug, extension, paragraph=None):
    """The article, or one of its paragraphs, as a BibTeX, RIS or CSL-JSON file."""
    # What a citation names, in one query: not the reader view's prefetches.
    found = (
        Article.objects.published()
        .select_related("outlet")
        .without_long_texts()
        .filter(slug=slug)
        .order_by()
    )
    article = next(iter(found[:1]), None)
    if article is None:
        moved_to = moved_article(slug)
        return redirect(citation_url(moved_to.slug, extension, paragraph), permanent=True)
    if paragraph is not None and blocks.text_of(article.blocks, paragraph) is None:
        raise Http404("The article has no such paragraph.")
    media_type, write = references.DOWNLOADS[extension]
    permalink = request.build_absolute_uri(article.get_absolute_url())
    reference = references.Reference.of(article, permalink, timezone.localdate(), paragraph)
    response = HttpResponse(write(reference), content_type=media_type)
    name = f"{article.slug}-p{paragraph}" if paragraph else article.slug
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.{extension}")
    return response


def citation_url(slug, extension, paragraph=None):
    if paragraph is None:
        return reverse("articles:cite", args=[slug, extension])
    return reverse("articles:cite-paragraph", args=[slug, paragraph, extension])


def search(request):
    """/search/?q= is the article list with a query; keep one address for each view."""
    query = request.GET.urlencode()
    return redirect(reverse("articles:list") + (f"?{query}" if query else ""))


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Allow: /", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def favicon(request):
    """Browsers ask for /favicon.ico on every page, the admin's included."""
    return redirect(static("img/favicon.svg"), permanent=True)


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
