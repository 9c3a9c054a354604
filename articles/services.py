"""Writes that touch several models: the admin, the importer and commands all call these."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext, ngettext_lazy
from simple_history.utils import bulk_create_with_history

from . import blocks
from .anchoring import Anchor, anchor_at, locate_loosely, nearest_passage, reanchor
from .models import Annotation, Article, Placement, PlacementChange, SlugRedirect
from .placement import Lead, PlacementRule, RuleExplainer, matching_event_ids

# What a placement rule reads.
LEAD_FIELDS = ("headline", "standfirst", "blocks")


def record_editor_edit(article, changed):
    """An editor changed these fields of the article: lock them against imports and rules,
    and mark the outlet's, the date's and the language's source as the editor's."""
    article.lock(*(name for name in Article.LOCKABLE_FIELDS if name in changed))
    if "published_on" in changed:
        article.date_source = Article.ValueSource.EDITOR if article.published_on else ""
        article.date_evidence = ""
    if "outlet" in changed:
        article.outlet_source = Article.ValueSource.EDITOR if article.outlet_id else ""
        article.outlet_evidence = ""
    if "language" in changed:
        article.language_source = Article.ValueSource.EDITOR if article.language else ""


class PassageNotFound(ValueError):
    pass


def anchor_for(article, paragraph, quote, prefix="", suffix=""):
    """The anchor of `quote` in paragraph `paragraph` (curly or straight quotes, dashes and
    spacing alike), or PassageNotFound saying why and what comes closest."""
    texts = blocks.texts(article.blocks)
    if not 1 <= paragraph <= len(texts):
        raise PassageNotFound(
            gettext("The article has paragraphs 1 to %(last)s, not %(paragraph)s.")
            % {"last": len(texts), "paragraph": paragraph}
        )
    found = locate_loosely(texts[paragraph - 1], quote, prefix, suffix)
    if found is None:
        raise PassageNotFound(not_found_message(texts, paragraph, quote))
    return anchor_at(texts, paragraph, *found)


def not_found_message(texts, paragraph, quote):
    message = gettext("Paragraph %(paragraph)s does not contain this exact quote.") % {
        "paragraph": paragraph
    }
    elsewhere = [n for n, text in enumerate(texts, start=1) if locate_loosely(text, quote)]
    if elsewhere:
        numbers = ", ".join(str(n) for n in elsewhere[:5])
        where = ngettext(
            "It is in paragraph %(numbers)s.", "It is in paragraphs %(numbers)s.", len(elsewhere)
        ) % {"numbers": numbers}
        return f"{message} {where}"
    nearest = nearest_passage(texts[paragraph - 1], quote)
    if nearest:
        closest = gettext("The closest words there are: “%(words)s”.") % {"words": nearest}
        return f"{message} {closest}"
    return message


def reanchor_notes(article):
    """After the text changed, find each note's passage again; flag (never drop) the lost.

    The search starts from the editor's original quote and its original context, so
    repeated imports cannot wear the quote down and a wrong move cannot become the new
    reference. Returns a line per note moved, re-anchored, found again or flagged.
    """
    texts = blocks.texts(article.blocks)
    details = []
    for note in article.annotations.all():
        wanted = Anchor(
            note.paragraph,
            note.original_quote or note.quote,
            note.original_prefix,
            note.original_suffix,
        )
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
            details.append(f"note {note.pk} {how_it_moved(note, anchor)}, “{anchor.quote[:60]}”")
            note.paragraph, note.quote = anchor.paragraph, anchor.quote
            note.prefix, note.suffix = anchor.prefix, anchor.suffix
            note.anchor_lost = False
            note._change_reason = "Re-anchored after re-import"
            note.save()
    return details


def how_it_moved(note, anchor):
    if note.anchor_lost:
        return f"found again in ¶{anchor.paragraph}"
    if note.paragraph == anchor.paragraph:
        return f"re-anchored in ¶{anchor.paragraph}"
    return f"moved: ¶{note.paragraph} → ¶{anchor.paragraph}"


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
    article.lock("events")
    if article.status == Article.Status.NEEDS_REVIEW and article.placement_set.exists():
        article.status = Article.Status.PUBLISHED
    article.save(update_fields=["editor_fields", "status", "updated_at"])


@transaction.atomic
def move_to_event(articles, event):
    """An editor's placement: the articles belong to this event, and only to it."""
    for article in articles:
        article.placement_set.exclude(event=event).delete()
        place_in_event(article, event)


def remove_from_event(article, event):
    """An editor's removal: the rules will not put the article back."""
    article.placement_set.filter(event=event).delete()
    article.lock("events")
    article.save(update_fields=["editor_fields", "updated_at"])


class UndoRefused(ValueError):
    pass


# What each bulk placement does to one article, and how its message reads (in the language
# of the editor who makes the change: it is stored as the change's description).
PLACEMENT_CHANGES = {
    "add": (
        lambda article, event: place_in_event(article, event),
        ngettext_lazy(
            "%(count)d article added to %(event)s.",
            "%(count)d articles added to %(event)s.",
            "count",
        ),
    ),
    "remove": (
        remove_from_event,
        ngettext_lazy(
            "%(count)d article removed from %(event)s.",
            "%(count)d articles removed from %(event)s.",
            "count",
        ),
    ),
    "move": (
        lambda article, event: move_to_event([article], event),
        ngettext_lazy(
            "%(count)d article moved to %(event)s.",
            "%(count)d articles moved to %(event)s.",
            "count",
        ),
    ),
}


def placement_state(article_ids):
    """Each article's placements, locks and status, as JSON: an undo's before and after."""
    state = {
        str(pk): {"placements": [], "editor_fields": fields, "status": status}
        for pk, fields, status in Article.objects.filter(pk__in=article_ids).values_list(
            "pk", "editor_fields", "status"
        )
    }
    placements = Placement.objects.filter(article__in=article_ids).order_by("event_id")
    for article_id, event_id, source in placements.values_list("article_id", "event_id", "source"):
        state[str(article_id)]["placements"].append([event_id, source])
    return state


@transaction.atomic
def change_placements(articles, event, how, user=None):
    """Add the articles to the event, remove them from it or move them to it (as an editor's
    choice, which imports and rules keep); recorded, so that it can be undone."""
    change_one, message = PLACEMENT_CHANGES[how]
    ids = [article.pk for article in articles]
    before = placement_state(ids)
    for article in Article.objects.filter(pk__in=ids).defer(*Article.UNTRACKED_FIELDS):
        change_one(article, event)
    description = message % {"count": len(ids), "event": event}
    return PlacementChange.objects.create(
        user=user, description=description, before=before, after=placement_state(ids)
    )


@transaction.atomic
def undo_placement_change(change_id):
    """Put the articles of a bulk change back as they were; refused if any has changed since."""
    change = PlacementChange.objects.select_for_update().filter(pk=change_id).first()
    if change is None:
        raise UndoRefused(gettext("There is no such change to undo."))
    if change.undone_at:
        raise UndoRefused(gettext("“%(change)s” has already been undone.") % {"change": change})
    ids = [int(pk) for pk in change.before]
    if placement_state(ids) != change.after:
        raise UndoRefused(
            gettext("Some articles of “%(change)s” have changed since; change them back by hand.")
            % {"change": change}
        )
    for article in Article.objects.filter(pk__in=ids).defer(*Article.UNTRACKED_FIELDS):
        was = change.before[str(article.pk)]
        placements = {event_id: source for event_id, source in was["placements"]}
        article.placement_set.exclude(event_id__in=placements).delete()
        now = {placement.event_id: placement for placement in article.placement_set.all()}
        for event_id, source in placements.items():
            if event_id not in now:
                Placement.objects.create(article=article, event_id=event_id, source=source)
            elif now[event_id].source != source:
                now[event_id].source = source
                now[event_id].save(update_fields=["source"])
        article.editor_fields, article.status = was["editor_fields"], was["status"]
        article._change_reason = f"Undone: {change}"
        article.save(update_fields=["editor_fields", "status", "updated_at"])
    change.undone_at = timezone.now()
    change.save(update_fields=["undone_at"])
    return change


@transaction.atomic
def place_in_event(article, event):
    """An editor's placement in one more event (a suggestion accepted); others stay."""
    Placement.objects.update_or_create(
        article=article, event=event, defaults={"source": Placement.Source.EDITOR}
    )
    placed_by_editor(article)


@transaction.atomic
def set_status(articles, status):
    ids = [article.pk for article in articles]
    for article in Article.objects.filter(pk__in=ids).defer(*Article.UNTRACKED_FIELDS):
        article.status = status
        article.lock("status")
        article.save(update_fields=["status", "editor_fields", "updated_at"])


@transaction.atomic
def place_by_rules(article, matching, considered=None):
    """Make the article's rule placements those of the `matching` event ids, among the events
    whose rules ran (`considered`; all, if None). An editor's placements stay; callers skip
    articles whose events an editor chose. Reads prefetched placements when there are.

    Returns (placed, removed, whether the article is in any event now)."""
    placements = list(article.placement_set.all())
    stale = [
        placement.pk
        for placement in placements
        if placement.source == Placement.Source.RULE
        and placement.event_id not in matching
        and (considered is None or placement.event_id in considered)
    ]
    if stale:
        Placement.objects.filter(pk__in=stale).delete()
    existing = {placement.event_id for placement in placements}
    new = [
        Placement(article=article, event_id=event_id, source=Placement.Source.RULE)
        for event_id in dict.fromkeys(matching)
        if event_id not in existing
    ]
    if new:
        bulk_create_with_history(new, Placement)
    return len(new), len(stale), len(placements) - len(stale) + len(new) > 0


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
        if article.is_locked("events"):
            continue
        lead = Lead.of(article.headline, article.standfirst, article.blocks)
        matching = matching_event_ids(rules, lead)
        added, dropped, in_any = place_by_rules(article, matching, considered=event_ids)
        placed, removed = placed + added, removed + dropped
        if article.settle_status(placed=in_any):
            article.save(update_fields=["status", "updated_at"])
    return placed, removed


def preview_rules(event):
    """Which articles the event's (unsaved) rules would place, versus where they are now:
    each with its verdict (the words that matched; for an article dropped, why)."""
    explainer = RuleExplainer(event)
    now_in = set()
    if event.pk:
        now_in = set(Placement.objects.filter(event=event).values_list("article_id", flat=True))
    would, dropped = [], []
    for article in Article.objects.only(*LEAD_FIELDS).order_by("headline").iterator(2000):
        verdict = explainer.explain(Lead.of(article.headline, article.standfirst, article.blocks))
        if verdict.placed:
            would.append((article, verdict))
        elif article.pk in now_in:
            dropped.append((article, verdict))
    return {
        "added": [(a, v) for a, v in would if a.pk not in now_in],
        "kept": [(a, v) for a, v in would if a.pk in now_in],
        "dropped": dropped,
    }


def annotate_passage(article, paragraph, quote, body, author=None, **fields):
    """A new note on a passage; PassageNotFound if the quote is not in that paragraph."""
    note = Annotation(article=article, body=body, **fields)
    return save_note(note, anchor_for(article, paragraph, quote), author, quote_chosen=True)


def save_note(note, anchor, editor=None, quote_chosen=False):
    """Save a note anchored at `anchor`. When the editor chose its words (`quote_chosen`),
    they and their context become what re-imports look for; a note without an author gets
    the editor."""
    if quote_chosen:
        note.original_quote = anchor.quote
        note.original_prefix, note.original_suffix = anchor.prefix, anchor.suffix
    note.paragraph, note.quote = anchor.paragraph, anchor.quote
    note.prefix, note.suffix = anchor.prefix, anchor.suffix
    note.anchor_lost = False
    if note.author_id is None:
        note.author = editor
    note.save()
    return note
