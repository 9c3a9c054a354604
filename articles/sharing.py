"""What a shared or cited article carries: a citation, a description, schema.org data."""

from django.utils.dateformat import format as format_date

CITATION_DATE = "j F Y"


def citation(article, permalink, accessed):
    outlet = article.outlet.name if article.outlet else "Unknown outlet"
    published = (
        format_date(article.published_on, CITATION_DATE) if article.published_on else "Undated"
    )
    return (
        f"{outlet}. “{article.headline}”. {published}. Reading Room. {permalink} "
        f"(accessed {format_date(accessed, CITATION_DATE)})."
    )


def description(article):
    return article.summary[:300]


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
