"""Find an annotated passage in an article's text, and find it again after the text changes.

An anchor is a paragraph number plus the exact quote with a little text before
(prefix) and after (suffix) it, as in the W3C Web Annotation TextQuoteSelector.
"""

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import accumulate

CONTEXT_CHARS = 32
FUZZY_THRESHOLD = 0.8
# Likeness enough for what stands between the quote's unchanged prefix and suffix.
IN_PLACE_THRESHOLD = 0.6
# Matching context characters below this are chance (a space, a full stop).
MIN_CONTEXT_AGREEMENT = 4
KEY_WORD_CHARS = 4
# Longer paragraphs are searched for the exact quote only: fuzzy search grows with the square.
MAX_FUZZY_CHARS = 20_000
WORD_START = re.compile(r"(?<!\w)\w")
WORD_END = re.compile(r"\w(?!\w)")
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Anchor:
    paragraph: int
    quote: str
    prefix: str
    suffix: str


def anchor_at(texts, paragraph, start, end):
    """The anchor for text[start:end] of paragraph `paragraph` (numbered from 1)."""
    text = texts[paragraph - 1]
    return Anchor(
        paragraph=paragraph,
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


def common_suffix(a, b):
    count = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        count += 1
    return count


def common_prefix(a, b):
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def context_score(text, start, end, prefix, suffix):
    return common_suffix(text[:start], prefix) + common_prefix(text[end:], suffix)


def locate(text, quote, prefix="", suffix=""):
    """(start, end) of the occurrence of quote that best fits its context, or None."""
    if not quote:
        return None
    best = None
    start = text.find(quote)
    while start != -1:
        score = context_score(text, start, start + len(quote), prefix, suffix)
        if best is None or score > best[0]:
            best = (score, start)
        start = text.find(quote, start + 1)
    return None if best is None else (best[1], best[1] + len(quote))


# What an editor types for what the article prints: straight quotes for curly ones, a hyphen
# for any dash, three dots for an ellipsis; any run of spaces is one space.
LOOSE_CHARACTERS = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′`", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
        "…": "...",
    }
)
SPACES = re.compile(r"\s+")
NEAR_MISS_THRESHOLD = 0.6


def loosened(text):
    """The text with quotes, dashes and spaces made plain, and for each of its characters the
    offset in `text` where it came from (plus the end offset)."""
    plain, offsets = [], []
    for offset, char in enumerate(text):
        if char.isspace():
            if plain and plain[-1] == " ":
                continue
            char = " "
        for out in char.translate(LOOSE_CHARACTERS):
            plain.append(out)
            offsets.append(offset)
    offsets.append(len(text))
    return "".join(plain), offsets


def locate_loosely(text, quote, prefix="", suffix=""):
    """Like `locate`, but curly and straight quotes, dashes and spacing are all alike: the
    (start, end) in `text` of what the editor typed, or None."""
    found = locate(text, quote, prefix, suffix)
    if found or not quote.strip():
        return found
    plain_text, offsets = loosened(text)
    plain_quote = SPACES.sub(" ", quote.translate(LOOSE_CHARACTERS)).strip()
    plain_prefix = SPACES.sub(" ", prefix.translate(LOOSE_CHARACTERS))
    plain_suffix = SPACES.sub(" ", suffix.translate(LOOSE_CHARACTERS))
    found = locate(plain_text, plain_quote, plain_prefix, plain_suffix)
    if found is None:
        return None
    start, end = found
    return offsets[start], offsets[end - 1] + 1


def nearest_passage(text, quote):
    """The stretch of `text` most like `quote` (quotes, dashes and spacing aside), if it is
    at least somewhat alike: for telling an editor what the paragraph does say."""
    plain_text, offsets = loosened(text)
    plain_quote = SPACES.sub(" ", quote.translate(LOOSE_CHARACTERS)).strip()
    if not plain_quote or len(plain_text) > MAX_FUZZY_CHARS:
        return None
    matcher = SequenceMatcher(autojunk=False)
    matcher.set_seq2(plain_quote.lower())
    best = (NEAR_MISS_THRESHOLD, None)
    for start, end in fuzzy_windows(plain_text, len(plain_quote)):
        matcher.set_seq1(plain_text[start:end].lower())
        if matcher.real_quick_ratio() < best[0] or matcher.quick_ratio() < best[0]:
            continue
        ratio = matcher.ratio()
        if ratio > best[0]:
            best = (ratio, (start, end))
    if best[1] is None:
        return None
    start, end = best[1]
    return text[offsets[start] : offsets[end - 1] + 1]


def score(ratio, quote_length, context):
    """Likeness to the quote (in characters matched) plus matching context characters."""
    return ratio * quote_length + context


def window_bounds(length, threshold):
    """The shortest and longest stretch that can be `threshold` alike to a quote of `length`
    characters (likeness is twice the characters matched over both lengths)."""
    return length * threshold / (2 - threshold), length * (2 - threshold) / threshold


def exact_candidates(texts, anchor):
    for number, text in enumerate(texts, start=1):
        start = text.find(anchor.quote)
        while start != -1:
            end = start + len(anchor.quote)
            yield (
                1.0,
                context_score(text, start, end, anchor.prefix, anchor.suffix),
                number,
                start,
                end,
            )
            start = text.find(anchor.quote, start + 1)


def context_ends(text, prefix):
    """Where text after the anchor's prefix can start. A prefix shorter than CONTEXT_CHARS
    was all the paragraph had before the quote, so it must open the paragraph."""
    if len(prefix) < CONTEXT_CHARS:
        return [len(prefix)] if text.startswith(prefix) else []
    ends, found = [], text.find(prefix)
    while found != -1:
        ends.append(found + len(prefix))
        found = text.find(prefix, found + 1)
    return ends


def context_start(text, suffix, after):
    """Where the anchor's suffix starts at or after `after`, or -1. A suffix shorter than
    CONTEXT_CHARS was all the paragraph had after the quote, so it must close it."""
    if len(suffix) < CONTEXT_CHARS:
        start = len(text) - len(suffix)
        return start if start >= after and text.endswith(suffix) else -1
    return text.find(suffix, after)


def in_place_candidates(texts, anchor):
    """What now stands between the quote's unchanged prefix and suffix, if it is still
    somewhat like the quote: the surroundings vouch for an edit too heavy for the
    fuzzy search ("he was tired" → "he was really tired")."""
    if not anchor.prefix and not anchor.suffix:
        return
    shortest, longest = window_bounds(len(anchor.quote), IN_PLACE_THRESHOLD)
    matcher = SequenceMatcher(autojunk=False)
    matcher.set_seq2(anchor.quote)
    for number, text in enumerate(texts, start=1):
        for start in context_ends(text, anchor.prefix):
            end = context_start(text, anchor.suffix, start)
            if end == -1 or not shortest <= end - start <= longest:
                continue
            matcher.set_seq1(text[start:end])
            ratio = matcher.ratio()
            if ratio >= IN_PLACE_THRESHOLD:
                yield ratio, len(anchor.prefix) + len(anchor.suffix), number, start, end


def fuzzy_windows(text, length, threshold=FUZZY_THRESHOLD, must_hold=()):
    """Word-aligned stretches of text of a length that can be `threshold` alike to the quote,
    each holding one of the (start, end) stretches `must_hold` if any are given."""
    shortest, longest = window_bounds(length, threshold)
    ends = [m.end() for m in WORD_END.finditer(text)]
    held_starts = [start for start, _ in must_hold]
    # The nearest end of a held stretch starting at or after each of them.
    held_ends = list(accumulate(reversed([end for _, end in must_hold]), min))[::-1]
    for start in (m.start() for m in WORD_START.finditer(text)):
        least_end = start + shortest
        if must_hold:
            held = bisect_left(held_starts, start)
            if held == len(held_starts):
                return
            least_end = max(least_end, held_ends[held])
        first = bisect_left(ends, least_end)
        last = bisect_right(ends, start + longest)
        for end in ends[first:last]:
            yield start, end


def key_words(quote):
    """The quote's longer words, lower-cased (all its words if it has no long one): a lightly
    edited passage keeps at least one of them whole."""
    words = {word.lower() for word in WORD.findall(quote)}
    return {word for word in words if len(word) >= KEY_WORD_CHARS} or words


def occurrences(text, words):
    """(start, end) of each of the words in text (as parts of longer words too), in order."""
    found = []
    for word in words:
        start = text.find(word)
        while start != -1:
            found.append((start, start + len(word)))
            start = text.find(word, start + 1)
    return sorted(found)


def fuzzy_candidates(texts, anchor):
    """Stretches of text like the quote and holding one of its key words, each with its
    likeness and context."""
    words = key_words(anchor.quote)
    matcher = SequenceMatcher(autojunk=False)
    matcher.set_seq2(anchor.quote)
    for number, text in enumerate(texts, start=1):
        if len(text) > MAX_FUZZY_CHARS:
            continue
        lowered = text.lower()
        if not any(word in lowered for word in words):
            continue
        # Lower-casing keeps offsets for all but a few letters (İ); then search them all.
        seeds = occurrences(lowered, words) if len(lowered) == len(text) else ()
        for start, end in fuzzy_windows(text, len(anchor.quote), must_hold=seeds):
            matcher.set_seq1(text[start:end])
            if (
                matcher.real_quick_ratio() < FUZZY_THRESHOLD
                or matcher.quick_ratio() < FUZZY_THRESHOLD
            ):
                continue
            ratio = matcher.ratio()
            if ratio >= FUZZY_THRESHOLD:
                context = context_score(text, start, end, anchor.prefix, anchor.suffix)
                yield ratio, context, number, start, end


def among_strangers(anchor, candidate):
    """A short quote found in another paragraph with none of its old surroundings is as
    likely other words that happen to be the same: not a place to move the note to."""
    _, context, number, *_ = candidate
    return (
        number != anchor.paragraph
        and len(anchor.quote) < CONTEXT_CHARS
        and context < MIN_CONTEXT_AGREEMENT <= len(anchor.prefix) + len(anchor.suffix)
    )


def reanchor(texts, anchor):
    """Where the anchored passage is in the new texts, or None if it is gone.

    Exact and near copies of the quote compete on likeness plus matching context, so
    a lightly edited passage in its old surroundings beats an exact copy elsewhere;
    between equals, the paragraph nearest the old position wins. A short quote is not
    moved to another paragraph whose surroundings share nothing with its old ones.
    """
    if not anchor.quote:
        return None
    full_context = len(anchor.prefix) + len(anchor.suffix)
    candidates = list(exact_candidates(texts, anchor))
    if not any(context == full_context for _, context, *_ in candidates):
        candidates.extend(in_place_candidates(texts, anchor))
        candidates.extend(fuzzy_candidates(texts, anchor))
    candidates = [c for c in candidates if not among_strangers(anchor, c)]
    if not candidates:
        return None
    *_, number, start, end = max(
        candidates,
        key=lambda c: (score(c[0], len(anchor.quote), c[1]), -abs(c[2] - anchor.paragraph), c[0]),
    )
    return anchor_at(texts, number, start, end)
