"""Record, at import, which paragraphs of new or changed articles appear in other articles."""

from collections import defaultdict

from django.db import connection
from django.db.models import Q

from .blocks import body_paragraphs, text_of
from .bulk_insert import copy_rows
from .models import Article, PassageFingerprint, SharedPassage
from .passages import MIN_SIMILARITY, REPUBLICATION_SHARE, similarity

# A paragraph in more articles than this is boilerplate, not a shared passage.
MAX_COPIES = 50
# The rows of the batch's fingerprints that some other paragraph has too (the batch's own
# rows are in, so such a value has two or more). One array parameter, not a placeholder per
# fingerprint (a batch has thousands); an array again, not a join, so both lookups are index
# scans of the few values, never a scan of the whole table.
SAME_FINGERPRINTS = """
    SELECT article_id, paragraph, value FROM articles_passagefingerprint
    WHERE value = ANY(ARRAY(
        SELECT value FROM articles_passagefingerprint WHERE value = ANY(%(values)s)
        GROUP BY value HAVING count(*) BETWEEN 2 AND %(most)s
    ))
"""


def record_shared_passages(entries, replacing=()):
    """entries: (saved article, its fingerprints, its blocks) for the articles just saved;
    replacing: the ids of those that had fingerprints and shared passages before."""
    if replacing:
        PassageFingerprint.objects.filter(article__in=replacing).delete()
        SharedPassage.objects.filter(Q(article__in=replacing) | Q(other__in=replacing)).delete()
    # An article's fingerprints are distinct (paragraph, value) pairs: no row twice.
    copy_rows(
        PassageFingerprint,
        ["article_id", "paragraph", "value"],
        (
            (article.pk, paragraph, value)
            for article, found, _ in entries
            for paragraph, value in found
        ),
    )
    values = {value for _, found, _ in entries for _, value in found}
    with connection.cursor() as cursor:
        cursor.execute(SAME_FINGERPRINTS, {"values": list(values), "most": MAX_COPIES})
        same = cursor.fetchall()
    if not same:
        return  # the usual case: nothing shared, and no map of fingerprints to build
    shared = {value for _, _, value in same}
    mine = defaultdict(set)  # shared fingerprint -> (article id, paragraph) of saved articles
    for article, found, _ in entries:
        for paragraph, value in found:
            if value in shared:
                mine[value].add((article.pk, paragraph))
    pairs = set()
    for other, paragraph, value in same:
        for article_id, own in mine[value]:
            if other != article_id:
                pairs.add(((article_id, own), (other, paragraph)))
    if pairs:
        save_pairs(pairs, {article.pk: blocks for article, _, blocks in entries})


def save_pairs(pairs, blocks_by_article):
    others = {other for _, (other, _) in pairs} - blocks_by_article.keys()
    blocks_by_article.update(Article.objects.filter(pk__in=others).values_list("pk", "blocks"))

    def text(article_id, paragraph):
        return text_of(blocks_by_article[article_id], paragraph)

    rows = {}
    for (a, p), (b, q) in pairs:
        alike = similarity(text(a, p), text(b, q))
        if alike >= MIN_SIMILARITY:
            for (x, m), (y, n) in (((a, p), (b, q)), ((b, q), (a, p))):
                rows[(x, m, y, n)] = SharedPassage(
                    article_id=x,
                    paragraph=m,
                    other_id=y,
                    other_paragraph=n,
                    other_text=text(y, n),
                    similarity=alike,
                )
    mark_republications(rows.values(), blocks_by_article)
    SharedPassage.objects.bulk_create(rows.values(), ignore_conflicts=True)


def mark_republications(passages, blocks_by_article):
    """Article pairs sharing most of the shorter one's paragraphs republish each other."""
    shared = defaultdict(set)
    for passage in passages:
        shared[(passage.article_id, passage.other_id)].add(passage.paragraph)
    for passage in passages:
        lengths = [
            len(body_paragraphs(blocks_by_article[pk]))
            for pk in (passage.article_id, passage.other_id)
        ]
        share = len(shared[(passage.article_id, passage.other_id)]) / max(1, min(lengths))
        passage.republication = share >= REPUBLICATION_SHARE
