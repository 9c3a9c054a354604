"""What a shared article carries: a description and schema.org data."""

import re

from django.utils.translation import gettext

# schema.org asks for a headline of at most 110 characters.
SCHEMA_HEADLINE_CHARS = 110
DESCRIPTION_CHARS = 300
ELLIPSIS = "…"
SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*\s")


def shortened(text, limit):
    """The text in at most `limit` characters: whole if it fits, else cut after its last
    sentence that fits (when that keeps at least half), else at a word boundary, with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    sentence_ends = [match.end() for match in SENTENCE_END.finditer(text[: limit - 1])]
    if sentence_ends and sentence_ends[-1] >= limit // 2:
        return text[: sentence_ends[-1]] + ELLIPSIS
    cut = text.rfind(" ", 0, limit)
    if cut <= 0:
        cut = limit - len(ELLIPSIS)
    return text[:cut].rstrip(" ,;:–—-") + ELLIPSIS


def description(article):
    """The editor's share description, else the standfirst or opening, in whole sentences."""
    return article.description or shortened(article.summary, DESCRIPTION_CHARS)


def card_alt(article, number=None, quote=""):
    """The alt text of an article's card, or of its paragraph `number`'s card quoting `quote`."""
    outlet = article.outlet.name if article.outlet else gettext("Unknown outlet")
    headline = shortened(article.headline, SCHEMA_HEADLINE_CHARS)
    if number is None:
        return gettext("Card: %(headline)s — %(outlet)s") % {"headline": headline, "outlet": outlet}
    return gettext("Card: paragraph %(number)s of “%(headline)s” — %(outlet)s: “%(quote)s”") % {
        "number": number,
        "headline": headline,
        "outlet": outlet,
        "quote": shortened(quote, 200),
    }


def news_article_schema(article, permalink, image=None):
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": shortened(article.headline, SCHEMA_HEADLINE_CHARS),
        "url": permalink,
        "mainEntityOfPage": permalink,
        "wordCount": article.word_count,
        "description": description(article),
        "isAccessibleForFree": True,
        "about": [event.name for event in article.events.all()],
    }
    if article.language:
        data["inLanguage"] = article.language
    if article.published_on:
        data["datePublished"] = article.published_on.isoformat()
    data["dateModified"] = content_modified(article).isoformat()
    if image:
        data["image"] = image
    if article.outlet:
        data["publisher"] = {"@type": "Organization", "name": article.outlet.name}
    return data


def content_modified(article):
    """When what a reader sees last changed (annotated by `with_content_changed_at`), not
    when the row was last saved: a status change or a re-import that cleans to the same text
    saves the row too."""
    return getattr(article, "content_changed_at", None) or article.updated_at


def iso_duration(seconds):
    """`PT1M5S`, the ISO 8601 duration schema.org expects."""
    minutes, seconds = divmod(seconds, 60)
    return f"PT{minutes}M{seconds}S" if minutes else f"PT{seconds}S"


def video_object_schema(clips, page_url):
    """The event's clips as schema.org VideoObjects (their postings prefetched)."""
    videos = []
    for clip in clips:
        postings = list(clip.postings.all())
        video = {
            "@type": "VideoObject",
            "@id": f"{page_url}#clip-{clip.slug}",
            "name": clip.title,
            "description": clip.description,
        }
        if postings and postings[0].posted_on:
            video["uploadDate"] = postings[0].posted_on.isoformat()
        if clip.duration_seconds:
            video["duration"] = iso_duration(clip.duration_seconds)
        if clip.language_codes:
            video["inLanguage"] = clip.language_codes
        addresses = [posting.url for posting in postings if posting.url]
        if clip.archive_url:
            addresses.append(clip.archive_url)
        if addresses:
            video["url"] = addresses[0]
            video["sameAs"] = addresses[1:]
        videos.append(video)
    return {"@context": "https://schema.org", "@graph": videos}
