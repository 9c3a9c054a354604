"""Where an article no rule placed probably belongs, and why: for the review queue.

Two kinds of evidence: how many of an event's term groups the lead matches
(anywhere, not within one sentence), and which events the most similar placed
articles belong to (full-text rank against the article's headline and standfirst).
"""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchRank
from django.db.models import Exists, F, OuterRef
from django.utils.translation import gettext, ngettext

from . import search_configs
from .models import Article, Event, Placement
from .placement import Lead, PlacementRule

SIMILAR_ARTICLES = 5
# A suggestion needs at least this share of an event's term groups, or similar articles.
MIN_COVERAGE = 0.5
MIN_SIMILAR_VOTES = 2
QUERY_WORD = re.compile(r"[^\W\d_]{4,}")
MAX_QUERY_WORDS = 30


@dataclass
class Suggestion:
    event: Event
    matched: list
    missing: int
    excluded: list
    similar: list = field(default_factory=list)

    @property
    def reasons(self):
        reasons = []
        if self.matched:
            found = {"terms": ", ".join(self.matched), "count": self.missing}
            if self.missing:
                # Translators: the English keeps "group(s)" in both forms.
                reason = ngettext(
                    "terms found: %(terms)s (%(count)d group(s) not matched)",
                    "terms found: %(terms)s (%(count)d group(s) not matched)",
                    self.missing,
                )
            else:
                reason = gettext("terms found: %(terms)s")
            reasons.append(reason % found)
        if self.excluded:
            excluded = ", ".join(self.excluded)
            reasons.append(gettext("excluding terms found: %(terms)s") % {"terms": excluded})
        if self.similar:
            count = len(self.similar)
            reasons.append(
                ngettext(
                    "%(count)d of the most similar placed articles is in it",
                    "%(count)d of the most similar placed articles are in it",
                    count,
                )
                % {"count": count}
            )
        return reasons


def similar_placed(article, limit=SIMILAR_ARTICLES):
    """The published, placed articles most like this one, with their event slugs."""
    words = QUERY_WORD.findall(f"{article.headline} {article.standfirst}".lower())
    if not words:
        return []
    text = " | ".join(dict.fromkeys(words[:MAX_QUERY_WORDS]))
    return list(
        Article.objects.published()
        .filter(search_configs.matches(text, search_type="raw"))
        .filter(Exists(Placement.objects.filter(article=OuterRef("pk"))))
        .exclude(pk=article.pk)
        .with_event_slugs()
        .annotate(
            rank=SearchRank(
                F("search_vector"), search_configs.query_for_each_article(text, search_type="raw")
            )
        )
        .order_by("-rank", "pk")
        .only("pk", "slug", "headline")[:limit]
    )


def suggest_event(article, events=None, with_similar=True):
    """The event the article most likely belongs to, with its evidence; None if no event
    has enough of either kind."""
    events = list(Event.objects.all()) if events is None else events
    lead = Lead.of(article.headline, article.standfirst, article.blocks)
    similar = similar_placed(article) if with_similar else []
    best, best_score = None, 0.0
    for event in events:
        found, excluded = PlacementRule.from_event(event).evidence(lead)
        matched = [word for word in found if word]
        coverage = len(matched) / len(found) if found else 0.0
        voters = [other for other in similar if event.slug in other.event_slugs]
        if coverage < MIN_COVERAGE and len(voters) < MIN_SIMILAR_VOTES:
            continue
        score = coverage + len(voters) / SIMILAR_ARTICLES - (0.5 if excluded else 0.0)
        if score > best_score:
            suggestion = Suggestion(event, matched, len(found) - len(matched), excluded, voters)
            best, best_score = suggestion, score
    return best
