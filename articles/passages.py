"""Paragraphs that appear, identically or nearly, in several articles: syndication, wire copy.

Each paragraph of some length gets three fingerprints: of its words, and of its first and
of its last eight words. Paragraphs sharing a fingerprint are compared word by word; a
one-word edit changes at most two of the three, so light edits are still found.
Fingerprints are computed in the import's worker processes (plain data, no Django).
"""

import hashlib
from difflib import SequenceMatcher

from .blocks import PARAGRAPH, numbered
from .cleaning import comparable_words

MIN_WORDS = 12
EDGE_WORDS = 8
MIN_SIMILARITY = 0.8
# Articles sharing at least this share of the shorter one's paragraphs republish each other.
REPUBLICATION_SHARE = 0.6


def words_of(text):
    return comparable_words(text)


def fingerprint(words):
    digest = hashlib.blake2b(" ".join(words).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def fingerprints(blocks):
    """(paragraph number, fingerprint) for each long enough body paragraph."""
    found = []
    for number, block in numbered(blocks):
        words = words_of(block["text"]) if block["kind"] == PARAGRAPH else []
        if len(words) >= MIN_WORDS:
            for part in (words, words[:EDGE_WORDS], words[-EDGE_WORDS:]):
                found.append((number, fingerprint(part)))
    return sorted(set(found))


def similarity(a, b):
    """How alike two paragraphs are, word by word (1.0: the same words in the same order)."""
    return SequenceMatcher(None, words_of(a), words_of(b), autojunk=False).ratio()


def word_diff(a, b):
    """The second paragraph's words, as (text, changed) runs against the first."""
    old, new = a.split(), b.split()
    matcher = SequenceMatcher(None, [w.casefold() for w in old], [w.casefold() for w in new])
    runs = []
    for tag, _, _, j1, j2 in matcher.get_opcodes():
        if j2 > j1:
            runs.append((" ".join(new[j1:j2]), tag != "equal"))
    return runs
