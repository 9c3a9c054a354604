"""Group, per event, the quotes that render the same moment of speech (after imports)."""

from collections import Counter

from django.db import transaction

from .models import Article, Quote, QuoteGroup
from .quotes import group_quotes

# An event's grouping reads this many of its quotes, from its articles first published.
MAX_GROUPED_QUOTES = 3000
LABEL_WORDS = 10


def label_for(text):
    words = text.split()
    return " ".join(words[:LABEL_WORDS]) + ("…" if len(words) > LABEL_WORDS else "")


@transaction.atomic
def regroup(event):
    """Regroup the event's quotes, except those in groups an editor has set."""
    QuoteGroup.objects.filter(event=event, edited=False).delete()
    quotes = list(
        Quote.objects.filter(
            article__placement__event=event,
            article__status=Article.Status.PUBLISHED,
            group__isnull=True,
        )
        .order_by("article__published_on", "article_id", "paragraph", "pk")
        .only("pk", "article_id", "text", "speaker")[:MAX_GROUPED_QUOTES]
    )
    for members in group_quotes([quote.text for quote in quotes]):
        variants = [quotes[index] for index in members]
        if len({quote.article_id for quote in variants}) < 2:
            continue  # a moment one article quotes twice is not a ledger entry
        speakers = Counter(quote.speaker for quote in variants if quote.speaker)
        group = QuoteGroup.objects.create(
            event=event,
            label=label_for(variants[0].text),
            speaker=speakers.most_common(1)[0][0] if speakers else "",
        )
        Quote.objects.filter(pk__in=[quote.pk for quote in variants]).update(group=group)


def replace_quotes(article, found):
    """The article's quotes after a re-import: a wording still there keeps its group and
    an editor's verification; the others go, and new ones come ungrouped."""
    kept = {quote.text: quote for quote in article.quotes.all()}
    still = {quote.text for quote in found}
    Quote.objects.filter(pk__in=[q.pk for text, q in kept.items() if text not in still]).delete()
    new, moved = [], []
    for quote in found:
        if quote.text in kept:
            old = kept[quote.text]
            old.paragraph, old.speaker = quote.paragraph, quote.speaker
            moved.append(old)
        else:
            new.append(Quote(article=article, **vars(quote)))
    Quote.objects.bulk_update(moved, ["paragraph", "speaker"])
    Quote.objects.bulk_create(new)
