"""Recognise the outlet where an article's text names itself.

Only self-references count: a site plug ("Can't get enough Political Tribune?"),
a copyright line, "MailOnline has contacted …", "Sign up to Metro's newsletter".
An outlet merely cited ("according to The New York Times") is a source, not the
publisher, and is never taken for it.
"""

import re

WORD = r"[A-Z][\w&'’-]*(?:\.[\w&'’-]+)*"  # dots only inside a word: Metro.co.uk
NAME = rf"(?P<outlet>{WORD}(?: {WORD}){{0,4}})"
COPYRIGHT = r"^(?:(?:©|\(c\)|(?i:copyright))\s*)+"
FOOTER_NAME = rf"(?P<outlet>{WORD}(?: (?!(?i:all rights)\b){WORD}){{0,4}})"  # not All Rights…
# Each pattern with words that must be in the text for it to match (a cheap test first).
SELF_REFERENCES = [
    # Can't get enough Political Tribune? Follow us on Twitter!
    (
        {"enough"},
        re.compile(
            # A name starts with a capital or a digit: `Can't get enough of this story?` names none.
            r"^can[’']?t get enough (?:of )?(?P<outlet>(?-i:[A-Z\d])[^?]{1,59})\?\s*"
            r"(?:follow|like|subscribe)\b",
            re.IGNORECASE,
        ),
    ),
    # © 2022 Metro.co.uk / Copyright © 2022 NewsCorp. All rights reserved. A footer opens
    # its paragraph (not `Photo: © Getty Images`, `point (c) Ukraine`) ...
    (
        {"©", "(c)", "copyright"},
        re.compile(COPYRIGHT + r"(?:19|20)\d{2}\s*" + FOOTER_NAME + r"(?=[.,;]?(?:\s|$))"),
    ),
    # ... and without a year is the whole paragraph: `© Daily Mail`, not `(c) Ukraine agreed`.
    (
        {"©", "(c)", "copyright"},
        re.compile(COPYRIGHT + FOOTER_NAME + r"(?:[.,]?\s*(?i:all rights reserved))?\.?$"),
    ),
    # MailOnline has contacted the Ministry of Defence for comment.
    (
        {"contacted", "approached", "reached out"},
        re.compile(
            r"\b"
            + NAME
            + r" (?:has|have|had) (?:contacted|approached|reached out to)\b[^.!?]{0,80}\bfor"
            r" (?:comment|a response)\b"
        ),
    ),
    # Sign up to Metro's newsletter / Subscribe to Newsweek's podcast
    (
        {"newsletter", "podcast", "channel"},
        re.compile(
            r"^(?:sign up (?:to|for)|subscribe to) " + NAME + r"[’']s? (?:free )?(?:daily )?"
            r"(?:newsletter|podcast|channel)\b",
            re.IGNORECASE,
        ),
    ),
]
# Names only one outlet uses for itself.
HOUSE_NAMES = {"MailOnline": "Daily Mail"}
HOUSE_NAME = re.compile(r"\b(" + "|".join(map(re.escape, HOUSE_NAMES)) + r")\b")
NOT_OUTLETS = {"We", "The", "It", "He", "She", "They", "Police", "Officials"}
# A quotation opens and closes outside a word (so not at `Can't` or `Metro's`).
QUOTATION = re.compile(r"(?<!\w)(?:‘.*?’|“.*?”|\".*?\"|'.*?')(?!\w)")


def first_unquoted_match(pattern, text):
    """The pattern's first match outside quotations: a speaker quoted is not the outlet."""
    quoted = [quotation.span() for quotation in QUOTATION.finditer(text)]
    for found in pattern.finditer(text):
        if not any(start <= found.start() < end for start, end in quoted):
            return found
    return None


def outlet_named_in(cleaned):
    """(outlet name, the words naming it) from the article's text and removed debris."""
    texts = [c.text for c in cleaned.changes if c.rule in ("site-plug", "copyright-line")]
    texts += [block.text for block in reversed(cleaned.blocks)]  # credits close an article
    all_text = "\n".join(texts)
    return self_reference(texts, all_text.lower()) or house_name(texts, all_text) or ("", "")


def self_reference(texts, all_lowered):
    # Most articles have none of the keywords: one look at all the text rules patterns out.
    candidates = [
        (keywords, pattern)
        for keywords, pattern in SELF_REFERENCES
        if any(map(all_lowered.__contains__, keywords))
    ]
    if not candidates:
        return None
    for text in texts:
        lowered = text.lower()
        for keywords, pattern in candidates:
            if not any(map(lowered.__contains__, keywords)):
                continue
            found = first_unquoted_match(pattern, text)
            name = found["outlet"].strip().rstrip(".") if found else ""
            if name and name not in NOT_OUTLETS:
                return HOUSE_NAMES.get(name, name), found.group(0).strip()[:200]
    return None


def house_name(texts, all_text):
    if "Online" not in all_text:
        return None
    for text in texts:
        found = HOUSE_NAME.search(text) if "Online" in text else None
        if found:
            return HOUSE_NAMES[found[1]], found.group(0)
    return None
