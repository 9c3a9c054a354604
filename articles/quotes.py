"""Quoted speech in an article, with its speaker when the sentence says who; and how
quotes rendering the same moment of a clip are grouped across an event's articles.

Plain data in and out: extraction runs in the import's worker processes.
"""

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from .blocks import is_reading, numbered

MIN_QUOTE_WORDS = 4
# Single quotes may hold apostrophes before a letter (he's, don't), curly or straight.
QUOTED = re.compile(
    r"“(?P<a>[^”]{8,600})”"
    r"|(?<![\w’'])‘(?P<b>(?:[^’]|’(?=\w)){8,600}?)’(?!\w)"
    r"|(?<![\w'])'(?P<c>(?:[^']|'(?=\w)){8,600}?)'(?!\w)"
    r'|"(?P<d>[^"]{8,600})"'
    r"|«(?P<e>[^»]{8,600})»"
)
QUOTE_MARKS = ("“", "‘", "'", '"', "«")  # a paragraph with none of them quotes no one
WHO = (
    r"(?:(?i:the|a|an|his|her|their|one of the|another) (?:[A-Za-z’'-]+ ){0,3}"
    r"(?:woman|women|man|men|mother|mum|mom|father|dad|soldier|voice|bystander|daughter|son|"
    r"prisoner|officer|girl|boy|wife|husband|local|villager|translator)"
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
)
SAYS = (
    r"(?:says|said|replies|replied|tells|told|asks|asked|adds|added|shouts|shouted|cries|cried|"
    r"whispers|whispered|screams|screamed|responds|responded|answers|answered|sobs|sobbed|"
    r"saying|writes|wrote)"
)
SPEAKER_BEFORE = re.compile(rf"(?P<who>{WHO})(?: [\w,’']+){{0,8}} {SAYS}\b[^.!?]{{0,60}}$")
SPEAKER_AFTER = re.compile(rf"^[\s,.!?]*(?:{SAYS} (?P<who1>{WHO})|(?P<who2>{WHO}) {SAYS}\b)")
# Capitalised words that open a sentence without naming anyone.
NOT_SPEAKERS = {
    "He", "She", "It", "They", "We", "I", "You", "This", "That", "But", "And", "Other", "The",
    "Ukrainian", "Russian", "Another", "One", "Then", "Now", "Later", "Earlier",
}  # fmt: skip


@dataclass(frozen=True)
class Quote:
    paragraph: int
    text: str
    speaker: str = ""


def speaker_of(text, start, end):
    """Who says the quote at text[start:end], if the words just around it say."""
    before = SPEAKER_BEFORE.search(text[max(0, start - 120) : start])
    after = SPEAKER_AFTER.match(text[end : end + 80])
    for found in (before and before["who"], after and (after["who1"] or after["who2"])):
        if found and found not in NOT_SPEAKERS:
            return found
    return ""


SMALL_WORDS = {"a", "an", "and", "of", "the", "to", "in", "on", "for", "or"}


def is_a_title(text):
    """`I Want to Live`, `Council of Mothers and Wives`: a name in quotation marks."""
    words = text.rstrip(".").split()
    return not text.endswith(("!", "?")) and all(
        word[0].isupper() or word in SMALL_WORDS for word in words
    )


def quotes_in(blocks):
    """The quoted speech of the reading blocks (in their stored dict form)."""
    found = []
    for number, block in numbered(blocks):
        if not is_reading(block):
            continue
        text = block["text"]
        if not any(mark in text for mark in QUOTE_MARKS):
            continue
        for match in QUOTED.finditer(text):
            quoted = next(group for group in match.groups() if group).strip(" ,")
            if len(quoted.split()) >= MIN_QUOTE_WORDS and not is_a_title(quoted):
                found.append(Quote(number, quoted, speaker_of(text, *match.span())))
    return found


# Grouping: quotes are alike when the rarer words they share outweigh the rest.
STOPWORDS = set(
    """a an the and or but so of to in on at for with from by as is are was were be been being
    am do does did have has had it its this that these those he she they we you i me him her
    them us my your his our their not no yes if then than there here what who whom which when
    where why how all any some just very can will would could should may might must shall
    about into over after before again also only out up down off too now s t don""".split()
)
MIN_LIKENESS = 0.45
MIN_SHARED_WORDS = 2
# A word in more quotes than this proposes no pairs (it is too common to tell moments apart).
MAX_HOLDERS = 200


def stems(text):
    """Content words cut to five letters: translations vary the endings (call, calls)."""
    words = re.findall(r"[^\W\d_]+", text.casefold())
    return {word[:5] for word in words if word not in STOPWORDS and len(word) > 1}


def group_quotes(quotes):
    """Indices of the quotes, in groups of those rendering the same words (single link)."""
    bags = [stems(text) for text in quotes]
    frequency = defaultdict(int)
    for bag in bags:
        for stem in bag:
            frequency[stem] += 1
    weight = {stem: math.log(1 + len(bags) / count) for stem, count in frequency.items()}
    parent = list(range(len(bags)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    holders = defaultdict(list)
    for index, bag in enumerate(bags):
        for stem in bag:
            holders[stem].append(index)
    compared = set()
    for members in holders.values():
        if len(members) > MAX_HOLDERS:
            continue
        for position, i in enumerate(members):
            for j in members[position + 1 :]:
                if (i, j) in compared:
                    continue
                compared.add((i, j))
                if alike(bags[i], bags[j], weight):
                    parent[root(i)] = root(j)
    groups = defaultdict(list)
    for index in range(len(bags)):
        groups[root(index)].append(index)
    return sorted(groups.values())


def alike(a, b, weight):
    shared = a & b
    if len(shared) < MIN_SHARED_WORDS:
        return False
    smaller = min(sum(weight[s] for s in a), sum(weight[s] for s in b))
    return sum(weight[s] for s in shared) / smaller >= MIN_LIKENESS
