"""What a reader typed into the search box, made safe to hand to PostgreSQL.

`websearch_to_tsquery` accepts anything, but some inputs cost far more than they are worth:
a run of hyphens nests one NOT inside another until the parser's stack overflows, and each
quoted phrase multiplies the work of highlighting. The query keeps its meaning (words,
"phrases", `or`, `-excluded`) within limits a reader will rarely meet, and says when it had
to drop something.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext, ngettext

MAX_LENGTH = 200
MAX_WORDS = 12
MAX_PHRASES = 3

TOKEN = re.compile(r'"[^"]*"?|[^\s"]+')
WORD = re.compile(r"\w", re.UNICODE)
HYPHEN_RUN = re.compile(r"-{2,}")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# A phrase is quoted however the reader's keyboard quotes: “…”, „…“, «…» as "…".
TYPOGRAPHIC_QUOTES = str.maketrans(dict.fromkeys("“”„‟«»", '"'))


def too_many_notice():
    # Translators: %(words)s is MAX_WORDS (12), %(phrases)s is MAX_PHRASES (3).
    return gettext(
        "Searches use at most %(words)s words and %(phrases)s quoted phrases; "
        "the rest of yours was left out."
    ) % {"words": MAX_WORDS, "phrases": MAX_PHRASES}


def too_long_notice():
    return ngettext(
        "Searches use the first %(count)s character; the rest was left out.",
        "Searches use the first %(count)s characters; the rest was left out.",
        MAX_LENGTH,
    ) % {"count": MAX_LENGTH}


@dataclass
class SearchText:
    text: str
    notices: list[str] = field(default_factory=list)


def normalise(raw):
    """The query rebuilt from its words, phrases and operators, with any notice for the reader."""
    notices = []
    raw = CONTROL.sub(" ", raw).translate(TYPOGRAPHIC_QUOTES)
    if len(raw) > MAX_LENGTH:
        raw = raw[:MAX_LENGTH]
        notices.append(too_long_notice())
    parts, words, phrases, dropped = [], 0, 0, False
    for token in TOKEN.findall(raw):
        if token.lower() == "or":
            if parts and parts[-1] != "or":
                parts.append("or")
            continue
        if token.startswith('"'):
            terms = [t for t in HYPHEN_RUN.sub("-", token.strip('"')).split() if WORD.search(t)]
            if not terms:
                continue
            if phrases == MAX_PHRASES or words + len(terms) > MAX_WORDS:
                dropped = True
                continue
            phrases += 1
            words += len(terms)
            parts.append('"' + " ".join(terms) + '"')
            continue
        excluded = token.startswith("-")
        term = HYPHEN_RUN.sub("-", token).strip("-")
        if not WORD.search(term):
            continue
        if words == MAX_WORDS:
            dropped = True
            continue
        words += 1
        parts.append(f"-{term}" if excluded else term)
    while parts and parts[-1] == "or":
        parts.pop()
    if dropped:
        notices.append(too_many_notice())
    return SearchText(" ".join(parts), notices)
