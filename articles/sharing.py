"""What a shared article carries: a description and schema.org data."""

import re

DESCRIPTION_CHARS = 300
SENTENCE_END = re.compile(r"[.!?…][”’\"')\]]*(?=\s)")


def trimmed(text, limit):
    """Text of at most `limit` characters, cut after its last whole sentence that fits, else
    after a whole word with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    ends = [match.end() for match in SENTENCE_END.finditer(text[: limit + 1])]
    if ends and ends[-1] >= limit // 3:
        return text[: ends[-1]]
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[: limit - 1]
    return cut.rstrip(",;:—–- ") + "…"


def description(article):
    """The editor's share description, else the standfirst or opening, in whole sentences."""
    return article.description or trimmed(article.summary, DESCRIPTION_CHARS)


def news_article_schema(article, permalink):
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline[:110],
        "url": permalink,
        "mainEntityOfPage": permalink,
        "wordCount": article.word_count,
        "description": description(article),
        "isAccessibleForFree": True,
        "about": [event.name for event in article.events.all()],
    }
    if article.published_on:
        data["datePublished"] = article.published_on.isoformat()
    data["dateModified"] = article.updated_at.isoformat()
    if article.outlet:
        data["publisher"] = {"@type": "Organization", "name": article.outlet.name}
    return data


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
