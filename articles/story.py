"""The story of an event: its clips, who cited whom, and passages shared between outlets.

Everything here is read from what imports and editors stored; nothing is extracted per
request. The same data serves the story page and `story.json`.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Prefetch

from .localized import translations
from .models import Article, Citation, Quote, SharedPassage

# The story covers an event's first articles by date; an event of a million articles costs
# the same as one of a thousand.
STORY_ARTICLES = 500


@dataclass
class Source:
    kind: str
    name: str
    handle: str = ""
    date: datetime.date | None = None
    url: str = ""
    cited_by: list = field(default_factory=list)  # (article, paragraph)

    @property
    def kind_label(self):
        """The kind of source, in the page's language ("Embedded post")."""
        return Citation.Kind(self.kind).label


@dataclass
class Story:
    clips: list
    articles: list
    sources: list
    postings: list
    shared_passages: list
    quote_groups: list


def story_of(event):
    clips = list(event.clips.prefetch_related("postings"))
    articles = list(
        Article.objects.published()
        .in_event(event)
        .select_related("outlet")
        .without_long_texts()
        .defer("blocks")
        .prefetch_related(Prefetch("citations", queryset=Citation.objects.filter(rejected=False)))
        .order_by(F("published_on").asc(nulls_last=True), "pk")[:STORY_ARTICLES]
    )
    postings = sorted(
        ((posting, clip) for clip in clips for posting in clip.postings.all()),
        key=lambda pair: (pair[0].posted_on is None, pair[0].posted_on or datetime.date.min),
    )
    shown = {article.pk for article in articles}
    shared = [
        passage
        for passage in SharedPassage.objects.filter(article__in=shown, other__in=shown)
        .select_related("article", "other")
        .order_by("article__published_on", "article_id", "paragraph")
        if passage.article_id < passage.other_id
    ]
    published = Quote.objects.filter(article__status=Article.Status.PUBLISHED)
    groups = list(
        event.quote_groups.prefetch_related(
            Prefetch(
                "quotes",
                queryset=published.select_related("article__outlet").order_by(
                    F("article__published_on").asc(nulls_last=True), "article_id", "pk"
                ),
            )
        )
    )
    return Story(clips, articles, sources_cited(articles), postings, shared, groups)


def sources_cited(articles):
    """Each source once, with every paragraph citing it; the earliest dated first."""
    sources = {}
    for article in articles:
        for citation in article.citations.all():
            key = (citation.kind, citation.name.casefold())
            source = sources.setdefault(key, Source(citation.kind, citation.name))
            source.handle = source.handle or citation.handle
            source.date = source.date or citation.date
            source.url = source.url or citation.url
            source.cited_by.append((article, citation.paragraph))
    return sorted(sources.values(), key=lambda s: (s.date is None, s.date or datetime.date.min))


def paragraph_url(article, paragraph):
    return f"{article.get_absolute_url()}#p{paragraph}"


def story_data(story):
    """The story as JSON-ready data."""
    return {
        "clips": [
            {
                "slug": clip.slug,
                "title": clip.title,
                "description": clip.description,
                "translations": translations(clip, "description"),
                "verification": clip.verification,
                "postings": [
                    {
                        "platform": posting.platform,
                        "account": posting.account,
                        "date": posting.posted_on.isoformat() if posting.posted_on else None,
                        "url": posting.url,
                    }
                    for posting in clip.postings.all()
                ],
            }
            for clip in story.clips
        ],
        "sources": [
            {
                "kind": source.kind,
                "name": source.name,
                "handle": source.handle,
                "date": source.date.isoformat() if source.date else None,
                "url": source.url,
                "cited_by": [
                    {
                        "article": article.slug,
                        "paragraph": paragraph,
                        "url": paragraph_url(article, paragraph),
                    }
                    for article, paragraph in source.cited_by
                ],
            }
            for source in story.sources
        ],
        "quotes": [
            {
                "id": group.pk,
                "label": group.label,
                "speaker": group.speaker,
                "moment": group.moment,
                "variants": [
                    {
                        "article": quote.article.slug,
                        "paragraph": quote.paragraph,
                        "text": quote.text,
                        "speaker": quote.speaker,
                        "verified": quote.verified,
                        "url": paragraph_url(quote.article, quote.paragraph),
                    }
                    for quote in group.quotes.all()
                ],
            }
            for group in story.quote_groups
        ],
        "shared_passages": [
            {
                "similarity": round(passage.similarity, 2),
                "republication": passage.republication,
                "in": [
                    {
                        "article": passage.article.slug,
                        "paragraph": passage.paragraph,
                        "url": paragraph_url(passage.article, passage.paragraph),
                    },
                    {
                        "article": passage.other.slug,
                        "paragraph": passage.other_paragraph,
                        "url": paragraph_url(passage.other, passage.other_paragraph),
                    },
                ],
            }
            for passage in story.shared_passages
        ],
    }
