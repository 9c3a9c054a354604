"""Writes that touch several models: the admin, the importer and commands all call these."""

from django.db import transaction

from . import blocks
from .anchoring import Anchor, anchor_at, locate_loosely, nearest_passage, reanchor
from .models import Annotation, Article, Placement, SlugRedirect
from .placement import Lead, PlacementRule, matching_event_ids

# What a placement rule reads.
LEAD_FIELDS = ("headline", "standfirst", "blocks")


def block_texts(article):
    return blocks.texts(article.blocks)


def lock_fields(article, *names):
    """Remember that an editor set these fields, so imports leave them alone."""
    article.editor_fields = sorted(set(article.editor_fields) | set(names))


class PassageNotFound(ValueError):
    pass


def anchor_for(article, paragraph, quote, prefix="", suffix=""):
    """The anchor of `quote` in paragraph `paragraph` (curly or straight quotes, dashes and
    spacing alike), or PassageNotFound saying why and what comes closest."""
    texts = block_texts(article)
    if not 1 <= paragraph <= len(texts):
        raise PassageNotFound(f"The article has paragraphs 1 to {len(texts)}, not {paragraph}.")
    found = locate_loosely(texts[paragraph - 1], quote, prefix, suffix)
    if found is None:
        raise PassageNotFound(not_found_message(texts, paragraph, quote))
    return anchor_at(texts, paragraph, *found)


def not_found_message(texts, paragraph, quote):
    message = f"Paragraph {paragraph} does not contain this exact quote."
    elsewhere = [n for n, text in enumerate(texts, start=1) if locate_loosely(text, quote)]
    if elsewhere:
        numbers = ", ".join(str(n) for n in elsewhere[:5])
        return f"{message} It is in paragraph{'s' if len(elsewhere) > 1 else ''} {numbers}."
    nearest = nearest_passage(texts[paragraph - 1], quote)
    if nearest:
        return f"{message} The closest words there are: “{nearest}”."
    return message


def reanchor_notes(article):
    """After the text changed, find each note's passage again; flag (never drop) the lost.

    The search starts from the editor's original quote and the stored context, so
    repeated imports cannot wear the quote down. Returns a line per note moved or flagged.
    """
    texts = block_texts(article)
    details = []
    for note in article.annotations.all():
        wanted = Anchor(note.paragraph, note.original_quote or note.quote, note.prefix, note.suffix)
        anchor = reanchor(texts, wanted)
        if anchor is None:
            if not note.anchor_lost:
                note.anchor_lost = True
                note._change_reason = "Passage not found after re-import"
                note.save(update_fields=["anchor_lost", "updated_at"])
                details.append(f"note {note.pk} flagged: “{wanted.quote[:60]}” not found")
            continue
        before = (note.paragraph, note.quote, note.prefix, note.suffix)
        if before != tuple(vars(anchor).values()) or note.anchor_lost:
            details.append(
                f"note {note.pk} moved: ¶{note.paragraph} → ¶{anchor.paragraph}, "
                f"“{anchor.quote[:60]}”"
            )
            note.paragraph, note.quote = anchor.paragraph, anchor.quote
            note.prefix, note.suffix = anchor.prefix, anchor.suffix
            note.anchor_lost = False
            note._change_reason = "Re-anchored after re-import"
            note.save()
    return details


@transaction.atomic
def rename_slug(article, new_slug):
    """Give the article a new (valid, free) slug; the old one redirects to it forever."""
    old_slug = Article.objects.filter(pk=article.pk).values_list("slug", flat=True).get()
    if new_slug == old_slug:
        return article
    SlugRedirect.objects.filter(old_slug=new_slug, article=article).delete()
    SlugRedirect.objects.get_or_create(old_slug=old_slug, defaults={"article": article})
    article.slug = new_slug
    article.save(update_fields=["slug", "updated_at"])
    return article


def slug_is_taken(slug, article):
    return (
        Article.objects.filter(slug=slug).exclude(pk=article.pk).exists()
        or SlugRedirect.objects.filter(old_slug=slug).exclude(article=article).exists()
    )


def placed_by_editor(article):
    """An editor chose the article's events: imports keep them, and it is no longer unplaced."""
    lock_fields(article, "events")
    if article.status == Article.Status.NEEDS_REVIEW and article.placement_set.exists():
        article.status = Article.Status.PUBLISHED
    article.save(update_fields=["editor_fields", "status", "updated_at"])


@transaction.atomic
def move_to_event(articles, event):
    """An editor's placement: the articles belong to this event, and only to it."""
    for article in articles:
        article.placement_set.exclude(event=event).delete()
        place_in_event(article, event)


@transaction.atomic
def place_in_event(article, event):
    """An editor's placement in one more event (a suggestion accepted); others stay."""
    Placement.objects.update_or_create(
        article=article, event=event, defaults={"source": Placement.Source.EDITOR}
    )
    placed_by_editor(article)


@transaction.atomic
def set_status(articles, status):
    for article in articles:
        article.status = status
        lock_fields(article, "status")
        article.save(update_fields=["status", "editor_fields", "updated_at"])


@transaction.atomic
def reapply_rules(events, articles=None):
    """Re-run the events' rules on every article no editor has placed by hand.

    Returns (placed, removed) counts of rule placements.
    """
    rules = [PlacementRule.from_event(event) for event in events]
    event_ids = [rule.event_id for rule in rules]
    articles = Article.objects.all() if articles is None else articles
    articles = articles.only(*LEAD_FIELDS, "status", "editor_fields")
    placed = removed = 0
    for article in articles.prefetch_related("placement_set").iterator(chunk_size=500):
        if "events" in article.editor_fields:
            continue
        lead = Lead.of(article.headline, article.standfirst, article.blocks)
        matching = set(matching_event_ids(rules, lead))
        placements = {p.event_id: p for p in article.placement_set.all()}
        for event_id in matching - placements.keys():
            placements[event_id] = Placement.objects.create(article=article, event_id=event_id)
            placed += 1
        for event_id in set(event_ids) - matching:
            placement = placements.get(event_id)
            if placement and placement.source == Placement.Source.RULE:
                placement.delete()
                del placements[event_id]
                removed += 1
        status = Article.Status.PUBLISHED if placements else Article.Status.NEEDS_REVIEW
        if "status" not in article.editor_fields and article.status != status:
            article.status = status
            article.save(update_fields=["status", "updated_at"])
    return placed, removed


def preview_rules(event):
    """Which articles the event's (unsaved) rules would place, versus where they are now."""
    rule = PlacementRule.from_event(event)
    now_in = set()
    if event.pk:
        now_in = set(Placement.objects.filter(event=event).values_list("article_id", flat=True))
    would = []
    for article in Article.objects.only(*LEAD_FIELDS).order_by("headline").iterator(2000):
        if rule.matches(Lead.of(article.headline, article.standfirst, article.blocks)):
            would.append(article)
    would_ids = {article.pk for article in would}
    return {
        "added": [a for a in would if a.pk not in now_in],
        "kept": [a for a in would if a.pk in now_in],
        "dropped": Article.objects.filter(pk__in=now_in - would_ids).order_by("headline"),
    }


def annotate_passage(article, paragraph, quote, body, author=None, **fields):
    """A new note on a passage; PassageNotFound if the quote is not in that paragraph."""
    anchor = anchor_for(article, paragraph, quote)
    return Annotation.objects.create(
        article=article,
        paragraph=anchor.paragraph,
        quote=anchor.quote,
        prefix=anchor.prefix,
        suffix=anchor.suffix,
        body=body,
        author=author,
        **fields,
    )
