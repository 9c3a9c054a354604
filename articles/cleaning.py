"""Turn an article file's text into a headline and clean reading blocks.

The raw text is never changed; cleaning produces the reading text and a report
of every change it made, one named rule per kind of scraping debris.
"""

import re
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext_noop

from .ascii_words import LETTERS_AND_DIGITS, ascii_words
from .blocks import CAPTION, CREDIT, PARAGRAPH, READING_KINDS, TWEET

__all__ = ["CAPTION", "CREDIT", "PARAGRAPH", "READING_KINDS", "TWEET"]

MAX_CAPTION_CHARS = 400
MAX_BOILERPLATE_CHARS = 200
MIN_SUBTITLE_WORDS = 6


class ArticleFormatError(ValueError):
    """The text is not an article in the expected format."""


@dataclass
class Block:
    kind: str
    text: str
    meta: dict = field(default_factory=dict)

    def as_dict(self):
        data = {"kind": self.kind, "text": self.text}
        data.update(self.meta)
        return data


@dataclass
class Change:
    rule: str
    action: str  # removed, split, merged, kept apart, converted, moved
    text: str
    reason: str  # stored in English, marked for translation, shown in the page's language


@dataclass
class CleanArticle:
    headline: str
    standfirst: str
    blocks: list[Block]
    changes: list[Change]

    def report(self):
        return [asdict(change) for change in self.changes]


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")


def squash_spaces(text):
    """Control characters dropped and runs of spaces made one; lines keep their breaks
    (neither pattern reaches across one), so a whole paragraph is squashed at once."""
    # Control characters and every space but " " are unprintable: most lines have neither,
    # and this test is several times cheaper than the two substitutions finding nothing.
    if text.isprintable() and "  " not in text:
        return text.strip()
    return SPACES.sub(" ", CONTROL_CHARACTERS.sub("", text)).strip()


def split_raw_text(raw_text):
    """Return (headline, paragraphs) from the file format: headline, blank line, body."""
    text = raw_text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    headline, _, body = text.partition("\n")
    headline = squash_spaces(headline)
    if not headline:
        raise ArticleFormatError("the first line (the headline) is empty")
    paragraphs = []
    for chunk in re.split(r"\n[ \t\u00a0]*\n", body):
        lines = [line.strip() for line in squash_spaces(chunk).split("\n")]
        paragraph = " ".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    if not paragraphs:
        raise ArticleFormatError("the headline has no body text after it")
    return headline, paragraphs


def same_caption(a, b):
    """Captions printed twice may differ only in a final full stop."""
    return a.rstrip(". ") == b.rstrip(". ")


def printed_again(previous, block):
    """A caption printed twice: the copies may differ in a final full stop, but a first
    copy with a full stop that the second lacks is a body sentence and the second its caption."""
    if previous.kind == CAPTION:
        return same_caption(previous.text, block.text)
    return previous.kind == PARAGRAPH and previous.text in (
        block.text,
        block.text.removesuffix("."),
    )


# Each rule takes the blocks and the change list and returns the new blocks.


def split_glued_captions(blocks, changes):
    """A repeated caption glued (with or without a space) onto the next paragraph."""
    result = []
    for block in blocks:
        previous = result[-1] if result else None
        if (
            previous is not None
            and block.kind == PARAGRAPH
            and 30 <= len(previous.text) <= MAX_CAPTION_CHARS
            and block.text.startswith(previous.text)
            and re.search(r"\w", block.text[len(previous.text) :])
        ):
            rest = block.text[len(previous.text) :].strip()
            changes.append(
                Change(
                    "glued-caption",
                    "split",
                    previous.text,
                    gettext_noop("a repeated caption was glued to the start of the next paragraph"),
                )
            )
            result.append(Block(PARAGRAPH, previous.text))
            result.append(Block(PARAGRAPH, rest))
        else:
            result.append(block)
    return result


def merge_repeated_captions(blocks, changes):
    """Image captions printed twice in a row become one caption; a paragraph's repeat
    right after it becomes a caption, for the next rule to drop as repeating it."""
    result = []
    for block in blocks:
        previous = result[-1] if result else None
        if previous is None or block.kind != PARAGRAPH or len(block.text) > MAX_CAPTION_CHARS:
            result.append(block)
        elif printed_again(previous, block):
            previous.kind = CAPTION
            changes.append(
                Change(
                    "repeated-caption",
                    "removed",
                    block.text,
                    gettext_noop("an image caption printed twice"),
                )
            )
        else:
            if previous.kind == PARAGRAPH and same_words(previous.text, block.text):
                block.kind = CAPTION
            result.append(block)
    return result


PUNCTUATION_AND_SPACE = re.compile(r"[\W_]+")


def comparable_words(text):
    """The text's words, casefolded, without punctuation."""
    folded = text.casefold()
    if folded.isascii():  # the same words, several times faster than the pattern
        return ascii_words(folded, LETTERS_AND_DIGITS)
    return PUNCTUATION_AND_SPACE.sub(" ", folded).split()


def comparable(text):
    """Text reduced to its words, for comparisons that ignore punctuation and spacing."""
    return " ".join(comparable_words(text))


EDGE_MARKS = " .,;:!?'\"‘’“”()[]…-–—*"


def same_words(a, b):
    """The same words, ignoring punctuation, case and spacing. The cheap test first: most
    neighbouring paragraphs differ in their first or last letter."""
    a, b = a.strip(EDGE_MARKS), b.strip(EDGE_MARKS)
    a_ends, b_ends = a[:1] + a[-1:], b[:1] + b[-1:]
    if (a_ends + b_ends).isalnum() and a_ends.casefold() != b_ends.casefold():
        return False
    words = comparable(a)
    return bool(words) and words == comparable(b)  # `***` then `…` share no words


def drop_captions_repeating_paragraphs(blocks, changes):
    """A caption that repeats a body paragraph above it (a pull quote set under a photo)."""
    if not any(block.kind == CAPTION for block in blocks):
        return blocks
    earlier, result = set(), []
    for block in blocks:
        if block.kind == CAPTION and comparable(block.text) in earlier:
            changes.append(
                Change(
                    "caption-repeats-paragraph",
                    "removed",
                    block.text,
                    gettext_noop("a caption that repeats a paragraph of the body"),
                )
            )
            continue
        if block.kind == PARAGRAPH:
            earlier.add(comparable(block.text))
        result.append(block)
    return result


CREDIT_PATTERNS = [
    re.compile(
        r"^(?:photo|image|picture|photograph|illustration)s?(?: credit)?\s*:\s*\S", re.IGNORECASE
    ),
    re.compile(
        r"^(?:featured |top |header |cover )?(?:photo|image|picture)s? "
        r"(?:via|by|courtesy of|credit)\b",
        re.IGNORECASE,
    ),
]


def keep_credits_apart(blocks, changes):
    """Photo credits are not body text: they become credit blocks."""
    for block in blocks:
        if (
            block.kind == PARAGRAPH
            and len(block.text) <= MAX_BOILERPLATE_CHARS
            and any(pattern.match(block.text) for pattern in CREDIT_PATTERNS)
        ):
            block.kind = CREDIT
            changes.append(
                Change(
                    "photo-credit",
                    "kept apart",
                    block.text,
                    gettext_noop("a photo credit, not body text"),
                )
            )
    return blocks


def dropping(patterns, rule, reason):
    """A rule that removes the short paragraphs one of the patterns matches."""

    def drop(blocks, changes):
        result = []
        for block in blocks:
            if (
                block.kind == PARAGRAPH
                and len(block.text) <= MAX_BOILERPLATE_CHARS
                and any(pattern.match(block.text) for pattern in patterns)
            ):
                changes.append(Change(rule, "removed", block.text, reason))
            else:
                result.append(block)
        return result

    return drop


SOCIAL_COUNTER = re.compile(
    r"^\d[\d,.]*\s*[km]?\s+(?:points?|shares?|comments?|likes?|views?|upvotes?|reactions?"
    r"|retweets?|votes?)$",
    re.IGNORECASE,
)


drop_social_counters = dropping(
    [SOCIAL_COUNTER], "social-counter", gettext_noop("a social media counter")
)


READ_MORE = re.compile(
    r"^(?:read more|read also|also read|more to read|related(?: articles| stories| coverage)?"
    r"|see also|recommended)\s*:",
    re.IGNORECASE,
)


def looks_like_a_link_title(block):
    """A headline-like line: short, no closing sentence punctuation."""
    text = block.text.rstrip()
    return (
        block.kind == PARAGRAPH
        and len(text) <= 150
        and not text.endswith((".", "!", "?", "”", '"'))
    )


def drop_read_more_lists(blocks, changes):
    """`Read more:` and its list of links, on the same lines or in the paragraphs after it."""
    result, in_list = [], False
    for block in blocks:
        if block.kind == PARAGRAPH and READ_MORE.match(block.text):
            in_list = True
        elif not (in_list and looks_like_a_link_title(block)):
            in_list = False
            result.append(block)
            continue
        changes.append(
            Change(
                "read-more",
                "removed",
                block.text,
                gettext_noop("a list of links to other articles"),
            )
        )
    return result


BLOG_BOILERPLATE = [
    re.compile(r"^(?:no|\d+) comments?\s*:?$", re.IGNORECASE),
    re.compile(r"^powered by blogger\.?$", re.IGNORECASE),
    re.compile(r"^post a comment\.?$", re.IGNORECASE),
    re.compile(r"^newer post\b.*\bolder post\b", re.IGNORECASE),
    re.compile(r"^subscribe to:?\s*post comments\b", re.IGNORECASE),
    re.compile(r"^posted by .{1,80} at \d{1,2}:\d{2}", re.IGNORECASE),
]


drop_blog_boilerplate = dropping(
    BLOG_BOILERPLATE, "blog-boilerplate", gettext_noop("blog software boilerplate")
)


SITE_PLUGS = [
    re.compile(r"^can[’']?t get enough\b[^?]{2,60}\?\s*(?:follow|like|subscribe)\b", re.I),
    re.compile(r"^looking for more\b[^?]{0,60}\?\s*(?:subscribe|follow|check)\b", re.IGNORECASE),
    re.compile(
        r"^(?:follow|like) us on (?:twitter|facebook|instagram|tiktok|youtube|x)\b", re.IGNORECASE
    ),
    re.compile(r"^subscribe to (?:our|the) (?:youtube )?(?:channel|newsletter|podcast)", re.I),
    re.compile(r"^sign up for (?:our|the) .{0,40}newsletter\b", re.IGNORECASE),
    # `Sign up to Metro's newsletter`, the whole paragraph (a sentence going on is body text).
    re.compile(
        r"^(?:sign up (?:to|for)|subscribe to) [^.?!]{1,60}[’']s? (?:free )?(?:daily )?"
        r"(?:newsletter|podcast)[.!]?$",
        re.IGNORECASE,
    ),
    re.compile(r"^for the latest (?:updates|news)\b.{0,80}\b(?:visit|follow|see) our\b", re.I),
]


PAGE_FURNITURE = [
    re.compile(
        r"^(?:up next|watch next|check also|trending(?: now)?|most read|most popular|advertisement"
        r"|scroll to continue(?: with content)?|continue reading below|story continues below"
        r"(?: advertisement)?|recommended videos?|related videos?)\s*:?$",
        re.IGNORECASE,
    ),
]


# The page's labels around the article: `Up Next`, `Advertisement`, `Check Also`.
drop_page_furniture = dropping(
    PAGE_FURNITURE, "page-furniture", gettext_noop("a label of the web page, not text")
)


COPYRIGHT_LINE = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d{2}\s*)?(?:[^.]|\.(?=\w)){0,80}?"  # Metro.co.uk
    r"(?:[.,]?\s*all rights reserved\.?)?$",
    re.IGNORECASE,
)


# `© 2022 Play Crazy Game, All Rights Reserved`: the site's footer (it names the outlet).
drop_copyright_lines = dropping(
    [COPYRIGHT_LINE], "copyright-line", gettext_noop("the site's copyright footer")
)


BARE_LINK = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)


# A paragraph that is only an address: an embedded video or post the scraper flattened.
drop_bare_links = dropping(
    [BARE_LINK], "bare-link", gettext_noop("an embed flattened to its address")
)


drop_site_plugs = dropping(
    SITE_PLUGS, "site-plug", gettext_noop("the site advertising itself, not the article")
)


TWEET_PATTERN = re.compile(
    r"^(?P<text>.+?)\s*(?P<link>pic\.twitter\.com/\w+|https?://t\.co/\w+)?\s*[—–]+\s*"
    r"(?P<author>[^()]{1,60}?)\s*\(@(?P<handle>\w{1,15})\)\s*"
    r"(?P<date>[A-Z][a-z]+ \d{1,2}, \d{4})$"
)


def convert_embedded_tweets(blocks, changes):
    """An embedded tweet, flattened by the scraper, becomes a quotation with its source."""
    for block in blocks:
        # The cheap test first: the pattern backtracks through every paragraph it tries.
        is_candidate = block.kind == PARAGRAPH and "(@" in block.text
        found = TWEET_PATTERN.match(block.text) if is_candidate else None
        if found:
            link = found["link"] or ""
            if link and not link.startswith("http"):
                link = f"https://{link}"
            block.kind = TWEET
            block.text = found["text"]
            block.meta = {
                "author": found["author"].strip(),
                "handle": found["handle"],
                "date": found["date"],
                "link": link,
            }
            changes.append(
                Change(
                    "embedded-tweet",
                    "converted",
                    found.string,
                    gettext_noop(
                        "an embedded tweet, shown as a quotation with its author and date"
                    ),
                )
            )
    return blocks


def paragraphs_of(blocks):
    return [block for block in blocks if block.kind == PARAGRAPH]


def extract_repeated_standfirst(blocks, changes):
    """A subtitle that the body repeats word for word becomes the standfirst."""
    paragraphs = paragraphs_of(blocks)
    if len(paragraphs) < 2:
        return blocks, ""
    first = paragraphs[0]
    too_short = len(first.text.split()) < MIN_SUBTITLE_WORDS
    if too_short or len(first.text) > MAX_CAPTION_CHARS or blocks[0] is not first:
        return blocks, ""
    if not any(first.text in later.text for later in paragraphs[1:]):
        return blocks, ""
    changes.append(
        Change(
            "repeated-subtitle",
            "moved",
            first.text,
            gettext_noop("a subtitle that the body repeats; shown once, as the standfirst"),
        )
    )
    return blocks[1:], first.text


RULES = [
    split_glued_captions,
    merge_repeated_captions,
    drop_captions_repeating_paragraphs,
    keep_credits_apart,
    drop_social_counters,
    drop_read_more_lists,
    drop_blog_boilerplate,
    drop_site_plugs,
    drop_page_furniture,
    drop_copyright_lines,
    drop_bare_links,
    convert_embedded_tweets,
]


def clean(raw_text):
    headline, paragraphs = split_raw_text(raw_text)
    blocks = [Block(PARAGRAPH, text) for text in paragraphs]
    changes = []
    for rule in RULES:
        blocks = rule(blocks, changes)
    blocks, standfirst = extract_repeated_standfirst(blocks, changes)
    if not any(block.kind in READING_KINDS for block in blocks):
        raise ArticleFormatError("nothing is left to read once boilerplate is removed")
    return CleanArticle(
        headline=headline,
        standfirst=standfirst,
        blocks=blocks,
        changes=changes,
    )
