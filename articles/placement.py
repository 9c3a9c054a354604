"""Event placement rules: which events an article's lead describes.

A rule has term groups. A group is a list of alternatives; an alternative is a
word or a phrase, and a word ending in `*` matches every word it begins. The
groups in `sentence_terms` must all match within one sentence of the lead, those
in `lead_terms` anywhere in the lead, and any `exclude_terms` match keeps the
article out. The lead is the headline, the standfirst and the first paragraphs.
"""

import re
import unicodedata
from dataclasses import dataclass

from .blocks import body_paragraphs

WORD = re.compile(r"[^\W_]+")  # letters and digits of any script
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def without_accents(text):
    """`Mamá, папа` -> `mama, папа`: terms match whether or not accents are written."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text):
    return WORD.findall(without_accents(text).replace("’", "'").replace("'", ""))


def parse_alternatives(line):
    """`goodbye*, said good-bye` -> [("goodbye*",), ("said", "good", "bye")]"""
    alternatives = []
    for alternative in line.split(","):
        tokens = []
        for raw in alternative.split():
            parts = words(raw)
            if parts and raw.endswith("*"):
                parts[-1] += "*"
            tokens.extend(parts)
        if tokens:
            alternatives.append(tuple(tokens))
    return alternatives


def parse_groups(text):
    return [group for line in text.splitlines() if (group := parse_alternatives(line))]


def compile_group(alternatives):
    """One regex for a group, run over a text's words joined by single spaces."""
    phrases = [
        " ".join(
            re.escape(token[:-1]) + r"[^\W_]*" if token.endswith("*") else re.escape(token)
            for token in phrase
        )
        for phrase in alternatives
    ]
    return re.compile(r"(?<![^\W_])(?:" + "|".join(phrases) + r")(?![^\W_])")


def compile_groups(text):
    return [compile_group(group) for group in parse_groups(text)]


@dataclass(frozen=True)
class PlacementRule:
    event_id: int
    sentence_groups: list
    lead_groups: list
    excluded: list
    lead_paragraphs: int
    sentence_window: int = 1

    @classmethod
    def from_event(cls, event):
        return cls(
            event_id=event.pk,
            sentence_groups=compile_groups(event.sentence_terms),
            lead_groups=compile_groups(event.lead_terms),
            excluded=compile_groups(event.exclude_terms.replace("\n", ",")),
            lead_paragraphs=event.lead_paragraphs,
            sentence_window=max(1, event.sentence_window),
        )

    @property
    def is_empty(self):
        return not (self.sentence_groups or self.lead_groups)

    def evidence(self, lead):
        """(the words matching each term group, or None; the excluding words found), over
        the whole lead: why an article was placed, or how near it came."""
        whole = " | ".join(" ".join(words(s)) for s in lead.sentences(self.lead_paragraphs))
        groups = [*self.sentence_groups, *self.lead_groups]
        found = [match.group(0) if (match := group.search(whole)) else None for group in groups]
        excluded = [match.group(0) for group in self.excluded if (match := group.search(whole))]
        return found, excluded

    def matches(self, lead):
        if self.is_empty:
            return False
        sentences = [" ".join(words(s)) for s in lead.sentences(self.lead_paragraphs)]
        whole_lead = " | ".join(sentences)
        if any(group.search(whole_lead) for group in self.excluded):
            return False
        if not all(group.search(whole_lead) for group in self.lead_groups):
            return False
        if not self.sentence_groups:
            return True
        return any(
            all(group.search(passage) for group in self.sentence_groups)
            for passage in windows(sentences, self.sentence_window)
        )


def windows(sentences, size):
    """Each run of `size` consecutive sentences (fewer if the lead is shorter), joined."""
    last_start = max(1, len(sentences) - size + 1)
    return [" | ".join(sentences[start : start + size]) for start in range(last_start)]


@dataclass(frozen=True)
class Lead:
    headline: str
    standfirst: str
    paragraphs: list

    @classmethod
    def of(cls, headline, standfirst, blocks):
        """The lead of an article whose blocks are in their stored (dict) form."""
        return cls(headline, standfirst, body_paragraphs(blocks))

    def sentences(self, paragraph_count):
        texts = [self.headline, self.standfirst, *self.paragraphs[:paragraph_count]]
        return [sentence for text in texts if text for sentence in SENTENCE_END.split(text)]


def matching_event_ids(rules, lead):
    return [rule.event_id for rule in rules if rule.matches(lead)]
